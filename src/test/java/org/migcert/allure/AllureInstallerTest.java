package org.migcert.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Allure's command line is cached, and that only the published archive is unpacked there. */
class AllureInstallerTest {

    @Test
    void anArchiveOtherThanThePublishedOneIsRefused(@TempDir Path tmp) throws IOException {
        Path zip = Files.writeString(tmp.resolve("allure-commandline-2.34.1.zip"), "not the release");
        AllureInstaller installer = new AllureInstaller(tmp.resolve("cache"), "mvn");
        AllureException e = assertThrows(AllureException.class, () -> installer.install(zip, tmp));
        assertEquals(AllureException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("is not io.qameta.allure:allure-commandline:2.34.1:zip as published on Maven"
                + " Central: its digest is sha256:"), e.getMessage());
        assertFalse(Files.exists(installer.home()));
        assertTrue(installer.cached().isEmpty());
    }

    @Test
    void theCacheFollowsXdg() {
        assertEquals(Path.of("/home/u/.cache/migcert"), AllureInstaller.defaultCache(Map.of(), "/home/u"));
        assertEquals(Path.of("/var/cache/me/migcert"),
                AllureInstaller.defaultCache(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/u"));
        // The XDG base directory specification ignores a relative path.
        assertEquals(Path.of("/home/u/.cache/migcert"),
                AllureInstaller.defaultCache(Map.of("XDG_CACHE_HOME", "rel"), "/home/u"));
    }
}
