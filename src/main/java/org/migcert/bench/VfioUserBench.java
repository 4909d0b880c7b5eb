package org.migcert.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.MigState;
import org.migcert.state.StatePipe;
import org.migcert.vfiouser.Capabilities;
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
 * java -cp target/migcert.jar org.migcert.bench.VfioUserBench [--seconds N] [--state-mib M] [--repeat R] [--read-depth D]
 * </pre>
 * {@code --seconds} is how long round trips are measured (after a warm-up of up to a second);
 * {@code --state-mib} the state size moved in each throughput measurement (after a warm-up pass
 * of up to 64 MiB); {@code --repeat} how many times the move and the raw copy are measured,
 * alternately, their medians shown; {@code --read-depth} how many MIG_DATA_READs the clients offer
 * to keep in flight (1: one at a time, as with a server that does not take up the offer).
 */
public final class VfioUserBench {
    static final double DEFAULT_SECONDS = 3;
    static final int DEFAULT_STATE_MIB = 512;
    static final int DEFAULT_REPEAT = 3;
    private static final long MIB = 1 << 20;
    private static final long WARMUP_STATE_MIB = 64;
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(60);
    /** Below this, processor time (counted in 10 ms ticks) is too coarse to divide by. */
    private static final long MIN_CPU_NANOS = 100_000_000;

    private final double seconds;
    private final long stateBytes;
    /** How many times the move and the raw copy are measured, alternately; medians are shown. */
    private final int repeat;
    private final int readDepth;
    private final List<String[]> rows = new ArrayList<>();
    /** The machine's load average when the measurements began: figures mean little without it. */
    private double loadBefore;

    private VfioUserBench(double seconds, long stateMib, int repeat, int readDepth) {
        this.seconds = seconds;
        this.stateBytes = stateMib * MIB;
        this.repeat = repeat;
        this.readDepth = readDepth;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the bench, prints the table on {@code out}; returns the exit status (2 on bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        double seconds = DEFAULT_SECONDS;
        long mib = DEFAULT_STATE_MIB;
        int repeat = DEFAULT_REPEAT;
        int readDepth = VfioUserClient.DEFAULT_READ_DEPTH;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                    case "--state-mib" -> mib = Long.parseLong(args[++i]);
                    case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                    case "--read-depth" -> readDepth = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (!(seconds > 0) || mib < 1 || repeat < 1 || readDepth < 1) {
                throw new IllegalArgumentException("--seconds, --state-mib, --repeat and --read-depth must be positive");
            }
        } catch (RuntimeException e) {
            err.println("VfioUserBench: " + e.getMessage());
            err.println("usage: VfioUserBench [--seconds N] [--state-mib M] [--repeat R] [--read-depth D]");
            return 2;
        }
        try {
            new VfioUserBench(seconds, mib, repeat, readDepth).measure().print(out);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("VfioUserBench failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private VfioUserBench measure() throws IOException {
        loadBefore = loadAverage();
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

    private DeviceInstance connect(Path socket) throws IOException {
        return new VfioUserDevice(VfioUserClient.connect(socket, REQUEST_LIMIT,
                (int) Capabilities.DEFAULT_MAX_DATA_XFER_SIZE, readDepth), () -> "", () -> { });
    }

    /** Each measurement after a warm-up of the same path. */
    private void measure(DeviceInstance src, BenchDevice source, DeviceInstance dst, BenchDevice destination,
                         Path rawSocket) throws IOException {
        regionReads(src, Math.min(1, seconds));
        row("REGION_READ, 4 bytes", String.format("%.0f round trips/s", regionReads(src, seconds)), "", "");
        long warm = Math.min(stateBytes, WARMUP_STATE_MIB * MIB);
        source.stateBytes(warm);
        stateRead(src, warm);
        source.stateBytes(stateBytes);
        Timing read = stateRead(src, stateBytes);
        rate("MIG_DATA_READ (STOP_COPY)", read);
        stateWrite(dst, destination, warm);
        Timing write = stateWrite(dst, destination, stateBytes);
        rate("MIG_DATA_WRITE (RESUMING)", write);
        source.stateBytes(warm);
        migrate(src, dst, destination, warm);
        RawSocketCopy.copy(rawSocket, warm);
        source.stateBytes(stateBytes);
        // Alternated, so that a change of load on the machine falls on both alike.
        Timing[] moved = new Timing[repeat];
        Timing[] raw = new Timing[repeat];
        double[] ratio = new double[repeat];
        double[] cpuRatio = new double[repeat];
        HeapPeak heap = HeapPeak.start();
        for (int i = 0; i < repeat; i++) {
            moved[i] = migrate(src, dst, destination, stateBytes);
            raw[i] = RawSocketCopy.copy(rawSocket, stateBytes);
            ratio[i] = (double) raw[i].wallNanos() / moved[i].wallNanos();
            cpuRatio[i] = (double) Math.max(1, raw[i].cpuNanos()) / Math.max(1, moved[i].cpuNanos());
        }
        String peak = heap.describe();
        rate("source -> destination (StatePipe)", median(moved));
        rate("raw UNIX socket copy, 1 MiB writes", median(raw));
        row("source -> destination / raw copy", percent(ratio), range(ratio), "");
        row("the same, per processor second", percent(cpuRatio), range(cpuRatio), "");
        // What the move's processor cost per byte would be if it cost nothing beyond one read and one write.
        row("read alone + write alone, per processor second", String.format("%.0f%%",
                100.0 * median(raw).cpuNanos() / Math.max(1, read.cpuNanos() + write.cpuNanos())), "", "");
        row("heap while moving the state", peak, "", "");
    }

    private static String percent(double[] ratios) {
        return String.format("%.0f%%", 100 * median(ratios));
    }

    /** The range of the per-pair ratios, when there is more than one pair. */
    private String range(double[] ratios) {
        return repeat > 1 ? String.format("%.0f..%.0f%%", 100 * Arrays.stream(ratios).min().orElseThrow(),
                100 * Arrays.stream(ratios).max().orElseThrow()) : "";
    }

    /** The measurement of median wall time (its processor time with it). */
    private static Timing median(Timing[] xs) {
        Timing[] s = xs.clone();
        Arrays.sort(s, Comparator.comparingLong(Timing::wallNanos));
        return s[s.length / 2];
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * Moves {@code bytes} of state from a saving source into a resuming destination the way a
     * migration does ({@link StatePipe}); returns what it took.
     */
    private static Timing migrate(DeviceInstance src, DeviceInstance dst, BenchDevice destination, long bytes)
            throws IOException {
        src.setState(MigState.STOP_COPY);
        dst.setState(MigState.RESUMING);
        Timing.Start start = Timing.start();
        long moved = StatePipe.copy(src, dst);
        Timing elapsed = start.stop();
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

    /**
     * Saves {@code bytes} of state (STOP_COPY, read to the short read) into one direct buffer of
     * the size the move reads in; returns what reading took: the move's source half alone.
     */
    private static Timing stateRead(DeviceInstance dev, long bytes) {
        dev.setState(MigState.STOP_COPY);
        ByteBuffer buf = ByteBuffer.allocateDirect(StatePipe.PIPELINED_CHUNK);
        long total = 0;
        Timing.Start start = Timing.start();
        int n;
        do {
            n = dev.readData(buf.clear());
            total += n;
        } while (n == buf.capacity());
        Timing elapsed = start.stop();
        dev.setState(MigState.RUNNING);
        check(total == bytes, "read " + total + " state bytes, expected " + bytes);
        return elapsed;
    }

    /**
     * Loads {@code bytes} of state (RESUMING) from one direct buffer of the size the move writes
     * in; returns what writing took: the move's destination half alone.
     */
    private static Timing stateWrite(DeviceInstance dev, BenchDevice device, long bytes) {
        dev.setState(MigState.RESUMING);
        ByteBuffer buf = ByteBuffer.allocateDirect(StatePipe.PIPELINED_CHUNK);
        new PatternStream(buf.capacity()).read(buf);
        Timing.Start start = Timing.start();
        for (long sent = 0; sent < bytes; sent += buf.limit()) {
            buf.clear().limit((int) Math.min(buf.capacity(), bytes - sent));
            dev.writeData(buf);
        }
        Timing elapsed = start.stop();
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

    private void rate(String what, Timing t) {
        row(what + ", " + stateBytes / MIB + " MiB", String.format("%.1f MB/s", stateBytes / 1e6 / (t.wallNanos() / 1e9)),
                String.format("%.3f s", t.wallNanos() / 1e9), processor(t.cpuNanos()));
    }

    /** Processor time and bytes per processor second; the rate only when the time is well above the clock's 10 ms grain. */
    private String processor(long cpuNanos) {
        String time = String.format("%.3f s", cpuNanos / 1e9);
        return cpuNanos < MIN_CPU_NANOS ? time : time + String.format(", %.0f MB/cpu-s", stateBytes / 1e6 / (cpuNanos / 1e9));
    }

    private void row(String what, String result, String time, String cpu) {
        rows.add(new String[] {what, result, time, cpu});
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void print(PrintStream out) {
        out.println("migcert vfio-user bench: Java fixture servers and clients over UNIX sockets, one JVM");
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + String.format(", load average %.1f before, %.1f after",
                loadBefore, loadAverage()));
        out.println("MB = 10^6 bytes; round trips measured for " + seconds + " s after warm-up; move and raw copy"
                + " measured " + repeat + " times alternately, " + readDepth + " MIG_DATA_READs in flight at most, medians (and the range of the ratio); processor time"
                + " is the whole process's (all threads, kernel included), and MB per second of it (MB/cpu-s)");
        out.println();
        out.printf("%-44s %22s %10s %24s%n", "measurement", "result", "wall", "processor");
        for (String[] r : rows) {
            out.printf("%-44s %22s %10s %24s%n", r[0], r[1], r[2], r[3]);
        }
        out.flush();
    }
}
