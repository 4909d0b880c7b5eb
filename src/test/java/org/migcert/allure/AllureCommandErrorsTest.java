package org.migcert.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.run.Cli;

/**
 * What {@code migcert allure} refuses before it renders, and how it says that Allure's command line
 * could not be obtained: none of these needs Allure, nor the network.
 */
class AllureCommandErrorsTest {
    @TempDir
    Path tmp;
    private Path run;

    /** A run's output directory as far as this command looks: one Allure result in allure-results. */
    @BeforeEach
    void aRun() throws IOException {
        run = tmp.resolve("run");
        Files.createDirectories(run.resolve("allure-results"));
        Files.writeString(run.resolve("allure-results").resolve("0-result.json"), "{}");
    }

    @Test
    void aMissingResultsDirectoryIsAUsageError() {
        Cli c = Cli.run("allure", "--results", tmp.resolve("nope").toString(), "--out", tmp.resolve("r").toString());
        assertEquals(2, c.exit, c::toString);
        assertTrue(c.err.contains("nope: no such directory"), c.err);
    }

    @Test
    void aDirectoryWithoutAllureResultsIsAUsageError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("not-results"));
        Cli c = Cli.run("allure", "--results", empty.toString(), "--out", tmp.resolve("r").toString());
        assertEquals(2, c.exit, c::toString);
        assertTrue(c.err.contains("holds no Allure results (no *-result.json): give the --out directory of a run,"
                + " or its allure-results directory"), c.err);
    }

    @Test
    void aReportDirectoryThatWouldLoseFilesIsRefused() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("thesis.txt"), "keep me");
        Cli c = Cli.run("allure", "--results", run.toString(), "--out", mine.toString());
        assertEquals(2, c.exit, c::toString);
        assertTrue(c.err.contains("is not empty and holds no earlier Allure report"), c.err);
        assertTrue(Files.exists(mine.resolve("thesis.txt")));

        Cli over = Cli.run("allure", "--results", run.toString(), "--out", run.toString());
        assertEquals(2, over.exit, over::toString);
        assertTrue(over.err.contains("overlaps"), over.err);
        Cli history = Cli.run("allure", "--results", run.toString(), "--out", tmp.resolve("r").toString(), "--history",
                tmp.resolve("r").resolve("history").toString());
        assertEquals(2, history.exit, history::toString);
        assertTrue(history.err.contains("overlaps"), history.err);
    }

    @Test
    void aHistoryThatIsNotAllureHistoryIsRefused() throws IOException {
        Path h = Files.createDirectories(tmp.resolve("history"));
        Files.writeString(h.resolve("notes.txt"), "not Allure's");
        Cli c = Cli.run("allure", "--results", run.toString(), "--out", tmp.resolve("r").toString(), "--history",
                h.toString());
        assertEquals(2, c.exit, c::toString);
        assertTrue(c.err.contains("notes.txt is not an Allure history file"), c.err);
    }

    @Test
    void withoutMavenItSaysWhatIsNeeded() {
        Cli c = Cli.run("allure", "--results", run.toString(), "--out", tmp.resolve("r").toString(), "--cache",
                tmp.resolve("cache").toString(), "--mvn", tmp.resolve("no-such-mvn").toString());
        assertEquals(3, c.exit, c::toString);
        assertTrue(c.err.contains("Maven is needed once to fetch Allure's command line"
                + " (io.qameta.allure:allure-commandline:2.34.1:zip from Maven Central or your mirror)"), c.err);
        assertTrue(c.err.contains("install Maven 3.8 or later, or give --mvn PATH"), c.err);
        assertFalse(Files.exists(tmp.resolve("r")), "no report directory is made for a render that cannot happen");
    }

    @Test
    void aFailedDownloadSaysWhatWasTried() throws IOException {
        Path cache = tmp.resolve("cache");
        Cli c = Cli.run("allure", "--results", run.toString(), "--out", tmp.resolve("r").toString(), "--cache",
                cache.toString(), "--mvn", "/bin/false");
        assertEquals(3, c.exit, c::toString);
        assertTrue(c.err.contains("Maven could not fetch io.qameta.allure:allure-commandline:2.34.1:zip (exit 1);"
                + " tried: /bin/false -B -q --strict-checksums"), c.err);
        try (var s = Files.list(cache)) {
            assertEquals(0, s.count(), "the failed fetch left nothing in the cache");
        }
    }

    @Test
    void anOutOfRangeTimeoutIsAUsageError() {
        Cli c = Cli.run("allure", "--results", run.toString(), "--out", tmp.resolve("r").toString(), "--timeout", "0");
        assertEquals(2, c.exit, c::toString);
        assertTrue(c.err.contains("--timeout is 1 to 86400 seconds"), c.err);
    }
}
