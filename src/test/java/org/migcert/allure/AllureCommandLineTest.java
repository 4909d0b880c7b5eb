package org.migcert.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unpacked command line that is not Allure's: it is not taken for one, and its failure is shown with its output. */
class AllureCommandLineTest {

    @Test
    void aFailingCommandLineIsReportedWithItsOutput(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("allure-2.34.1");
        assertFalse(AllureCommandLine.isUnpackedIn(home));
        // The files that mark a complete release, but the jar is empty: the JVM cannot find Allure's main class.
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib").resolve("allure-commandline-2.34.1.jar"), "");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config").resolve("allure.yml"), "plugins: []\n");
        assertTrue(AllureCommandLine.isUnpackedIn(home));
        Path report = Files.createDirectories(tmp.resolve("report"));
        AllureException e = assertThrows(AllureException.class, () -> new AllureCommandLine(home).generate(
                List.of(tmp.resolve("results")), report, false, Duration.ofSeconds(60), tmp.resolve("allure.log")));
        assertEquals(AllureException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("Allure's command line failed (exit 1); its output:\n"), e.getMessage());
        assertTrue(e.getMessage().contains(AllureCommandLine.MAIN_CLASS), e.getMessage());
    }
}
