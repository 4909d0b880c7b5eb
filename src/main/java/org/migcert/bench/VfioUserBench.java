package org.migcert.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.MigState;
import org.migcert.vfiouser.VfioUserClient;
import org.migcert.vfiouser.VfioUserDevice;
import org.migcert.vfiouser.VfioUserServer;

/**
 * The vfio-user bench: REGION_READ round trips per second and state throughput through
 * MIG_DATA_READ and MIG_DATA_WRITE against the Java fixture server ({@link VfioUserServer}
 * serving a {@link BenchDevice}) over a real UNIX socket in one JVM, next to a raw UNIX-socket
 * copy of the same bytes measured in the same run.
 * <pre>
 * java -cp target/migcert.jar org.migcert.bench.VfioUserBench [--seconds N] [--state-mib M]
 * </pre>
 * {@code --seconds} is how long round trips are measured (after a warm-up of up to a second);
 * {@code --state-mib} the state size moved in each throughput measurement (after a warm-up pass
 * of up to 64 MiB).
 */
public final class VfioUserBench {
    static final double DEFAULT_SECONDS = 3;
    static final int DEFAULT_STATE_MIB = 512;
    private static final long MIB = 1 << 20;
    private static final long WARMUP_STATE_MIB = 64;
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(60);

    private final double seconds;
    private final long stateBytes;
    private final List<String[]> rows = new ArrayList<>();

    private VfioUserBench(double seconds, long stateMib) {
        this.seconds = seconds;
        this.stateBytes = stateMib * MIB;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the bench, prints the table on {@code out}; returns the exit status (2 on bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        double seconds = DEFAULT_SECONDS;
        long mib = DEFAULT_STATE_MIB;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                    case "--state-mib" -> mib = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (!(seconds > 0) || mib < 1) {
                throw new IllegalArgumentException("--seconds and --state-mib must be positive");
            }
        } catch (RuntimeException e) {
            err.println("VfioUserBench: " + e.getMessage());
            err.println("usage: VfioUserBench [--seconds N] [--state-mib M]");
            return 2;
        }
        try {
            new VfioUserBench(seconds, mib).measure().print(out);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("VfioUserBench failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private VfioUserBench measure() throws IOException {
        Path dir = Files.createTempDirectory("migcert-bench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            BenchDevice device = new BenchDevice(stateBytes);
            Path socket = dir.resolve("vfu.sock");
            VfioUserServer server = VfioUserServer.start(device, socket);
            try (DeviceInstance dev = new VfioUserDevice(VfioUserClient.connect(socket, REQUEST_LIMIT), () -> "",
                    () -> { })) {
                measure(dev, device, dir.resolve("raw.sock"));
            } finally {
                server.close(); // also removes its socket
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        return this;
    }

    /** Each measurement after a warm-up of the same path. */
    private void measure(DeviceInstance dev, BenchDevice device, Path rawSocket) throws IOException {
        regionReads(dev, Math.min(1, seconds));
        row("REGION_READ, 4 bytes", String.format("%.0f round trips/s", regionReads(dev, seconds)), "");
        long warm = Math.min(stateBytes, WARMUP_STATE_MIB * MIB);
        device.stateBytes(warm);
        stateRead(dev, warm);
        device.stateBytes(stateBytes);
        rate("MIG_DATA_READ (STOP_COPY)", stateRead(dev, stateBytes));
        stateWrite(dev, device, warm);
        rate("MIG_DATA_WRITE (RESUMING)", stateWrite(dev, device, stateBytes));
        RawSocketCopy.copy(rawSocket, warm);
        rate("raw UNIX socket copy, 1 MiB writes", RawSocketCopy.copy(rawSocket, stateBytes));
    }

    /** 4-byte REGION_READs back to back for {@code secs}; returns round trips per second. */
    private static double regionReads(DeviceInstance dev, double secs) {
        long end = System.nanoTime() + (long) (secs * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long now;
        do {
            dev.read(0, 0, 4);
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    /** Saves {@code bytes} of state (STOP_COPY, read to the short read); returns the nanoseconds reading took. */
    private static long stateRead(DeviceInstance dev, long bytes) {
        dev.setState(MigState.STOP_COPY);
        ByteBuffer buf = ByteBuffer.allocate((int) MIB);
        long total = 0;
        long start = System.nanoTime();
        int n;
        do {
            n = dev.readData(buf.clear());
            total += n;
        } while (n == buf.capacity());
        long elapsed = System.nanoTime() - start;
        dev.setState(MigState.RUNNING);
        check(total == bytes, "read " + total + " state bytes, expected " + bytes);
        return elapsed;
    }

    /** Loads {@code bytes} of state in 1 MiB writes (RESUMING); returns the nanoseconds writing took. */
    private static long stateWrite(DeviceInstance dev, BenchDevice device, long bytes) {
        dev.setState(MigState.RESUMING);
        byte[] chunk = new byte[(int) MIB];
        PatternStream.fill(chunk, 0, chunk.length, 0);
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        long start = System.nanoTime();
        for (long sent = 0; sent < bytes; sent += buf.limit()) {
            buf.clear().limit((int) Math.min(MIB, bytes - sent));
            dev.writeData(buf);
        }
        long elapsed = System.nanoTime() - start;
        dev.setState(MigState.RUNNING);
        long loaded = device.takeLoadedBytes();
        check(loaded == bytes, "device received " + loaded + " state bytes, expected " + bytes);
        return elapsed;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private void rate(String what, long nanos) {
        row(what + ", " + stateBytes / MIB + " MiB", String.format("%.1f MB/s", stateBytes / 1e6 / (nanos / 1e9)),
                String.format("%.3f s", nanos / 1e9));
    }

    private void row(String what, String result, String time) {
        rows.add(new String[] {what, result, time});
    }

    private void print(PrintStream out) {
        out.println("migcert vfio-user bench: Java fixture server and client over one UNIX socket, one JVM");
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println("MB = 10^6 bytes; round trips measured for " + seconds + " s after warm-up");
        out.println();
        out.printf("%-44s %22s %10s%n", "measurement", "result", "time");
        for (String[] r : rows) {
            out.printf("%-44s %22s %10s%n", r[0], r[1], r[2]);
        }
        out.flush();
    }
}
