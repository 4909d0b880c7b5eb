package org.migcert.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.MigState;
import org.migcert.adapters.vfiouser.CommandTemplate;
import org.migcert.manifest.RegisterAccess;
import org.migcert.suites.HardwareSnapshot;
import org.migcert.suites.Workload;
import org.migcert.vfiouser.VfioUserClient;
import org.migcert.vfiouser.VfioUserDevice;

/**
 * The yardstick of the vfio-user case bench: one migration with nothing around it, written the
 * short way over the project's own vfio-user codec. It starts the source program (the command
 * line the adapter would use, no watchdog, output discarded), tries to connect every millisecond
 * until it listens, applies the workload and takes the hardware snapshot (the same requests a
 * case makes), then does the same for the destination, saves in STOP_COPY into RESUMING 1 MiB at
 * a time, STOP, RUNNING, compares the snapshots, disconnects and waits for both programs to end.
 */
final class MinimalClient {
    private static final int CHUNK = 1 << 20;
    private static final long POLL_MILLIS = 1;

    private final CommandTemplate command;
    private final Path workDir;
    private final List<RegisterAccess> workload;
    private final List<RegisterAccess> observe;
    private final Duration timeout;

    MinimalClient(CommandTemplate command, Path workDir, List<RegisterAccess> workload, List<RegisterAccess> observe,
                  Duration timeout) {
        this.command = command;
        this.workDir = workDir;
        this.workload = workload;
        this.observe = observe;
        this.timeout = timeout;
    }

    /** One migration between two programs at {@code params}; throws when it does not migrate unchanged. */
    void migrate(Map<String, String> params) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("migcert-minimal-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Process srcProgram = null;
        Process dstProgram = null;
        try {
            srcProgram = start(dir.resolve("src.sock"), params);
            HardwareSnapshot before;
            try (DeviceInstance src = connect(srcProgram, dir.resolve("src.sock"))) {
                Workload.apply(src, workload);
                before = HardwareSnapshot.capture(src, observe);
                dstProgram = start(dir.resolve("dst.sock"), params);
                try (DeviceInstance dst = connect(dstProgram, dir.resolve("dst.sock"))) {
                    src.setState(MigState.STOP_COPY);
                    dst.setState(MigState.RESUMING);
                    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
                    int n;
                    do {
                        n = src.readData(chunk.clear());
                        dst.writeData(chunk.flip());
                    } while (n == CHUNK);
                    dst.setState(MigState.STOP);
                    dst.setState(MigState.RUNNING);
                    List<String> diff = before.diff(HardwareSnapshot.capture(dst, observe));
                    if (!diff.isEmpty()) {
                        throw new IllegalStateException("the minimal client's migration diverged: " + diff);
                    }
                }
            }
            awaitExit(srcProgram);
            awaitExit(dstProgram);
        } finally {
            for (Process p : new Process[] {srcProgram, dstProgram}) {
                if (p != null && p.isAlive()) {
                    p.destroyForcibly().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private Process start(Path socket, Map<String, String> params) throws IOException {
        return new ProcessBuilder(command.forInstance(socket, params)).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Connects once the program listens, trying every millisecond; the program must not end first. */
    private DeviceInstance connect(Process program, Path socket) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.exists(socket)) {
                try {
                    return new VfioUserDevice(VfioUserClient.connect(socket, timeout), () -> "", () -> { });
                } catch (IOException e) {
                    // Bound but not listening yet.
                }
            }
            if (!program.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("device program did not listen on " + socket + " (alive: " + program.isAlive() + ")");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void awaitExit(Process program) throws InterruptedException, IOException {
        if (!program.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("device program did not end after its client left");
        }
    }
}
