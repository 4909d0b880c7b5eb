package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.device.DeviceProgram;
import org.migcert.model.MigrationInfoJson;

/** {@link DeviceProgram}'s command line, run in-process (serving is covered through the adapter). */
class DeviceProgramTest {
    private static final String CLASS = "--class=" + TinyDevice.class.getName();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DeviceProgram.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsInfoAndExitsZero() throws Exception {
        assertEquals(0, run(CLASS, "--print-migration-info-json"));
        assertTrue(MigrationInfoJson.parse(out.toString(StandardCharsets.UTF_8), "stdout").model(TinyDevice.MODEL)
                .isPresent());
    }

    @Test
    void refusedConfigurationExitsOneWithoutASocket(@TempDir Path dir) {
        Path sock = dir.resolve("s.sock");
        assertEquals(1, run(CLASS, "--socket-path=" + sock, "--m-bar-size=7"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bar-size=7 is not allowed"));
        assertFalse(Files.exists(sock));
        assertEquals(1, run(CLASS, "--socket-path=" + sock, "--m-colour=red"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown parameter 'colour'"));
    }

    @Test
    void badUsageExitsTwoWithUsage() {
        assertEquals(2, run("--print-migration-info-json"));
        assertEquals(2, run(CLASS));
        assertEquals(2, run(CLASS, "--print-migration-info-json", "--socket-path=/tmp/x"));
        assertEquals(2, run(CLASS, "--socket-path=/tmp/x", "--bogus"));
        assertEquals(2, run(CLASS, "--socket-path=/tmp/x", "--m-a=1", "--m-a=2"));
        assertEquals(2, run("--class=java.lang.String", "--print-migration-info-json"));
        assertEquals(2, run("--class=no.such.Device", "--print-migration-info-json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: DeviceProgram"));
    }
}
