package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a profile or manifest named on the command line is found: a file as given, else in the installation. */
class HomeTest {

    @Test
    void aDirectoryOfTheSameNameDoesNotHideABundledProfile(@TempDir Path home) throws IOException {
        Path profile = Files.createDirectories(home.resolve("suites")).resolve("target.yaml");
        Files.writeString(profile, "name: target\n");
        // 'target' is a directory in the working directory (the build's), as 'nightly' is where a nightly job keeps its runs.
        assertTrue(Files.isDirectory(Path.of("target")));
        assertEquals(profile, Home.resolve(Path.of("target"), "suites", home.toString()));
    }

    @Test
    void aFileAsGivenComesFirst(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("suites"));
        Files.writeString(home.resolve("pom.xml"), "not this one");
        assertEquals(Path.of("pom.xml"), Home.resolve(Path.of("pom.xml"), "suites", home.toString()));
    }
}
