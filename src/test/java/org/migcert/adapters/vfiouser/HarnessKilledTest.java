package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapters.qemu.Qemu;
import org.migcert.run.Main;

/**
 * The harness killed by SIGKILL in the middle of a vfio-user or QEMU run: its watchdogs kill every
 * device program (or QEMU) of that run at once, and the next run removes the socket directories it left and says so.
 * Both runs use a temporary directory of their own: any other migcert run on this machine would
 * otherwise be as entitled to remove what the dead one left.
 */
class HarnessKilledTest {
    private static final String QEMU = "fixtures/devices/qemu-e1000e/device.yaml";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Device programs of the vfio-user adapter, and QEMU processes of the qemu adapter (supervised the same way). */
    @ParameterizedTest
    @ValueSource(strings = {"fixtures/devices/refnic-vfio-user/device.yaml", QEMU})
    void nothingOfAKilledRunIsLeftRunningAndTheNextRunCleansUp(String device, @TempDir Path dir) throws Exception {
        if (device.equals(QEMU)) {
            Qemu.assumeInstalled();
        }
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Process harness = cli(tmp, "run", "--device", device, "--only", "MigrationMatrix", "--jobs", "1",
                "--out", dir.resolve("killed").toString());
        try {
            long pid = harness.pid();
            assertTimeoutPreemptively(LIMIT, () -> awaitProgressLines(harness, 2));
            // Killed while a case has its instances open, so there are programs to kill and directories to remove.
            Awaitility.await("a socket directory of run " + pid).atMost(LIMIT).pollInterval(Duration.ofMillis(5))
                    .until(() -> !Leftovers.socketDirectories(tmp, pid).isEmpty());
            harness.destroyForcibly();
            assertTrue(harness.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS));

            Leftovers.awaitNoProcesses(pid);
            int left = Leftovers.socketDirectories(tmp, pid).size();

            List<String> lines = output(cli(tmp, "run", "--device", device, "--list", "--out", dir.resolve("next").toString()));
            String said = "migcert: removed " + left + " socket directories and 0 processes left by a dead run (pid "
                    + pid + ")";
            assertEquals(left > 0, lines.contains(said), said + " in:\n" + String.join("\n", lines));
            assertEquals(List.of(), Leftovers.socketDirectories(tmp, pid));
        } finally {
            harness.destroyForcibly();
        }
    }

    /** The CLI in its own JVM (SIGKILL needs a process of its own), temporary directory {@code tmp}, stderr into stdout. */
    private static Process cli(Path tmp, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).redirectErrorStream(true).start();
    }

    /** Everything a CLI run prints, once it has exited 0. */
    private static List<String> output(Process p) throws InterruptedException {
        try {
            List<String> lines = assertTimeoutPreemptively(LIMIT, () -> new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).lines().toList());
            assertTrue(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), String.join("\n", lines));
            return lines;
        } finally {
            p.destroyForcibly();
        }
    }

    private static void awaitProgressLines(Process p, int n) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int seen = 0;
        for (String line; seen < n && (line = r.readLine()) != null; ) {
            seen += line.startsWith("[") ? 1 : 0;
        }
        assertFalse(seen < n, "the run printed " + seen + " progress lines before it ended");
    }
}
