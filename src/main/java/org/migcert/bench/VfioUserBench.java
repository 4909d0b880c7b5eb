package org.migcert.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.MigState;
import org.migcert.state.StatePipe;
import org.migcert.vfiouser.VfioUserClient;
import org.migcert.vfiouser.VfioUserDevice;
import org.migcert.vfiouser.VfioUserServer;

/**
 * The vfio-user bench: REGION_READ round trips per second, and state throughput through
 * MIG_DATA_READ, MIG_DATA_WRITE and from a source into a destination as a migration moves it
 * ({@link StatePipe}), against two Java fixture servers ({@link VfioUserServer} serving a
 * {@link BenchDevice} each) over real UNIX sockets in one JVM, next to a raw UNIX-socket copy of the
 * same bytes measured in the same run, with the heap the move used.
 * <pre>
 * java -cp target/migcert.jar org.migcert.bench.VfioUserBench [--seconds N] [--state-mib M] [--repeat R]
 * </pre>
 * {@code --seconds} is how long round trips are measured (after a warm-up of up to a second);
 * {@code --state-mib} the state size moved in each throughput measurement (after a warm-up pass
 * of up to 64 MiB); {@code --repeat} how many times the move and the raw copy are measured,
 * alternately, their medians shown.
 */
public final class VfioUserBench {
    static final double DEFAULT_SECONDS = 3;
    static final int DEFAULT_STATE_MIB = 512;
    static final int DEFAULT_REPEAT = 3;
    private static final long MIB = 1 << 20;
    private static final long WARMUP_STATE_MIB = 64;
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(60);

    private final double seconds;
    private final long stateBytes;
    /** How many times the move and the raw copy are measured, alternately; medians are shown. */
    private final int repeat;
    private final List<String[]> rows = new ArrayList<>();

    private VfioUserBench(double seconds, long stateMib, int repeat) {
        this.seconds = seconds;
        this.stateBytes = stateMib * MIB;
        this.repeat = repeat;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the bench, prints the table on {@code out}; returns the exit status (2 on bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        double seconds = DEFAULT_SECONDS;
        long mib = DEFAULT_STATE_MIB;
        int repeat = DEFAULT_REPEAT;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                    case "--state-mib" -> mib = Long.parseLong(args[++i]);
                    case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (!(seconds > 0) || mib < 1 || repeat < 1) {
                throw new IllegalArgumentException("--seconds, --state-mib and --repeat must be positive");
            }
        } catch (RuntimeException e) {
            err.println("VfioUserBench: " + e.getMessage());
            err.println("usage: VfioUserBench [--seconds N] [--state-mib M] [--repeat R]");
            return 2;
        }
        try {
            new VfioUserBench(seconds, mib, repeat).measure().print(out);
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
            BenchDevice source = new BenchDevice(stateBytes);
            BenchDevice destination = new BenchDevice(stateBytes);
            try (VfioUserServer s = VfioUserServer.start(source, dir.resolve("src.sock")); // close() removes its socket
                 VfioUserServer d = VfioUserServer.start(destination, dir.resolve("dst.sock"));
                 DeviceInstance src = connect(dir.resolve("src.sock"));
                 DeviceInstance dst = connect(dir.resolve("dst.sock"))) {
                measure(src, source, dst, destination, dir.resolve("raw.sock"));
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        return this;
    }

    private static DeviceInstance connect(Path socket) throws IOException {
        return new VfioUserDevice(VfioUserClient.connect(socket, REQUEST_LIMIT), () -> "", () -> { });
    }

    /** Each measurement after a warm-up of the same path. */
    private void measure(DeviceInstance src, BenchDevice source, DeviceInstance dst, BenchDevice destination,
                         Path rawSocket) throws IOException {
        regionReads(src, Math.min(1, seconds));
        row("REGION_READ, 4 bytes", String.format("%.0f round trips/s", regionReads(src, seconds)), "");
        long warm = Math.min(stateBytes, WARMUP_STATE_MIB * MIB);
        source.stateBytes(warm);
        stateRead(src, warm);
        source.stateBytes(stateBytes);
        rate("MIG_DATA_READ (STOP_COPY)", stateRead(src, stateBytes));
        stateWrite(dst, destination, warm);
        rate("MIG_DATA_WRITE (RESUMING)", stateWrite(dst, destination, stateBytes));
        source.stateBytes(warm);
        migrate(src, dst, destination, warm);
        RawSocketCopy.copy(rawSocket, warm);
        source.stateBytes(stateBytes);
        // Alternated, so that a change of load on the machine falls on both alike.
        long[] moved = new long[repeat];
        long[] raw = new long[repeat];
        double[] ratio = new double[repeat];
        HeapPeak heap = HeapPeak.start();
        for (int i = 0; i < repeat; i++) {
            moved[i] = migrate(src, dst, destination, stateBytes);
            raw[i] = RawSocketCopy.copy(rawSocket, stateBytes);
            ratio[i] = (double) raw[i] / moved[i];
        }
        String peak = heap.describe();
        rate("source -> destination (StatePipe)", median(moved));
        rate("raw UNIX socket copy, 1 MiB writes", median(raw));
        row("source -> destination / raw copy", String.format("%.0f%%", 100 * median(ratio)),
                repeat > 1 ? String.format("%.0f..%.0f%%", 100 * Arrays.stream(ratio).min().orElseThrow(),
                        100 * Arrays.stream(ratio).max().orElseThrow()) : "");
        row("heap while moving the state", peak, "");
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * Moves {@code bytes} of state from a saving source into a resuming destination the way a
     * migration does ({@link StatePipe}); returns the nanoseconds it took.
     */
    private static long migrate(DeviceInstance src, DeviceInstance dst, BenchDevice destination, long bytes)
            throws IOException {
        src.setState(MigState.STOP_COPY);
        dst.setState(MigState.RESUMING);
        long start = System.nanoTime();
        long moved = StatePipe.copy(src, dst);
        long elapsed = System.nanoTime() - start;
        src.setState(MigState.RUNNING);
        dst.setState(MigState.RUNNING);
        long loaded = destination.takeLoadedBytes();
        check(moved == bytes && loaded == bytes, "moved " + moved + " and loaded " + loaded + " state bytes, expected "
                + bytes);
        return elapsed;
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
        out.println("migcert vfio-user bench: Java fixture servers and clients over UNIX sockets, one JVM");
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println("MB = 10^6 bytes; round trips measured for " + seconds + " s after warm-up; move and raw copy"
                + " measured " + repeat + " times alternately, medians (and the range of the ratio)");
        out.println();
        out.printf("%-44s %22s %10s%n", "measurement", "result", "time");
        for (String[] r : rows) {
            out.printf("%-44s %22s %10s%n", r[0], r[1], r[2]);
        }
        out.flush();
    }
}
