package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * Suites and report formats are extension points: a class plus a service line is all it takes
 * ({@link ToySuite}, {@link ToyReportFormat}, registered only in the {@code toy-extensions}
 * resource folder so the other tests never see them).
 */
class ExtensionPointsTest {
    private final URLClassLoader toy = new URLClassLoader(new URL[] {toyFolder()}, getClass().getClassLoader());
    private final Extensions extensions = Extensions.load(toy);

    @AfterEach
    void close() throws IOException {
        toy.close();
    }

    private static URL toyFolder() {
        URL u = ExtensionPointsTest.class.getClassLoader().getResource("toy-extensions/");
        if (u == null) {
            throw new IllegalStateException("toy-extensions/ is not on the test class path");
        }
        return u;
    }

    @Test
    void aToySuiteAndFormatRunWithTheBundledOnes(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("toy.yaml");
        Files.writeString(profile, "name: toy\ndescription: the toy suite alone\nsuites: [Toy]\nrules: all\n");
        Path out = dir.resolve("out");
        Cli run = Cli.run(extensions, "run", "--profile", profile.toString(), "--out", out.toString());
        assertEquals(0, run.exit, run::toString);
        List<CaseResult> results = Cli.results(out);
        assertEquals(3, results.size(), "one toy case per refnic implementation");
        assertTrue(results.stream().allMatch(r -> r.suite().equals("Toy") && r.verdict() == Verdict.PASS), results::toString);
        assertEquals("CONFORMANT 3 cases of example.org/refnic\n", Files.readString(out.resolve("toy-report.txt")));
        assertTrue(Files.isRegularFile(out.resolve("report.json")), "the bundled formats still run");
        assertTrue(run.out.contains("toy-report.txt"), run.out);
    }

    @Test
    void theCatalogueAndTheRulesCommandKnowTheToySuite() {
        assertTrue(extensions.suites().byName("Toy").isPresent());
        assertFalse(Extensions.standard().suites().byName("Toy").isPresent(), "the toy stays out of other tests");
        Cli rules = Cli.run(extensions, "rules");
        assertEquals(0, rules.exit);
        assertTrue(rules.out.lines().anyMatch(l -> l.startsWith("PARAM-2") && l.contains("Info,Toy")), rules.out);
    }

    @Test
    void aProfileNamingAnUnknownSuiteIsRefusedWithTheKnownOnes(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, "name: p\nsuites: [Toys]\nrules: all\n");
        Cli run = Cli.run(extensions, "run", "--profile", profile.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, run.exit, run::toString);
        assertTrue(run.err.contains("Toys") && run.err.contains("Info, DefaultDisables") && run.err.contains("or Toy"), run.err);
    }
}
