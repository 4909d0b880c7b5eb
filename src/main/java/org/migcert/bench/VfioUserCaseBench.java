package org.migcert.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.adapters.vfiouser.CommandTemplate;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestLoader;
import org.migcert.model.Configuration;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.state.StateMutation;
import org.migcert.suites.Migrator;

/**
 * The vfio-user case bench: one migration case between two device programs (one process each),
 * through migcert (the vfio-user adapter and the {@link Migrator}, as a MigrationMatrix case runs
 * it) and through a {@link MinimalClient} doing the same sequence on the same programs, alternately
 * in blocks of back-to-back cases, so a change of load falls on both alike. The time of a block
 * includes whatever its cases left running (teardown overlapped with the next case): a block ends
 * only when all of its programs have.
 * <pre>
 * java -cp target/migcert.jar org.migcert.bench.VfioUserCaseBench [--device MANIFEST] [--impl ID] [--cases N] [--blocks B]
 * </pre>
 * The device defaults to {@code fixtures/devices/refnic-vfio-user/device.yaml} (under {@code
 * MIGCERT_HOME}, else the working directory), the implementation to its last, at its initial
 * configuration.
 */
public final class VfioUserCaseBench {
    static final int DEFAULT_CASES = 5;
    static final int DEFAULT_BLOCKS = 3;

    private VfioUserCaseBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the bench, prints the table on {@code out}; returns the exit status (2 on bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String home = System.getenv("MIGCERT_HOME");
        Path device = Path.of(home == null ? "." : home, "fixtures/devices/refnic-vfio-user/device.yaml");
        String implId = null;
        int cases = DEFAULT_CASES;
        int blocks = DEFAULT_BLOCKS;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--device" -> device = Path.of(args[++i]);
                    case "--impl" -> implId = args[++i];
                    case "--cases" -> cases = Integer.parseInt(args[++i]);
                    case "--blocks" -> blocks = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (cases < 1 || blocks < 1) {
                throw new IllegalArgumentException("--cases and --blocks must be positive");
            }
        } catch (RuntimeException e) {
            err.println("VfioUserCaseBench: " + e.getMessage());
            err.println("usage: VfioUserCaseBench [--device MANIFEST] [--impl ID] [--cases N] [--blocks B]");
            return 2;
        }
        try {
            measure(device, implId, cases, blocks, out);
            return 0;
        } catch (Exception e) {
            err.println("VfioUserCaseBench failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static void measure(Path device, String implId, int cases, int blocks, PrintStream out) throws Exception {
        DeviceManifest m = ManifestLoader.load(device);
        List<ImplementationSpec> specs = m.implementations();
        ImplementationSpec spec = implId == null ? specs.get(specs.size() - 1)
                : specs.stream().filter(s -> s.id().equals(implId)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no implementation '" + implId + "'"));
        try (Implementation impl = Adapters.byName(spec.adapter()).open(spec)) {
            Configuration config = impl.info().model(m.model()).orElseThrow().initial();
            Map<String, String> params = config.asText();
            Migrator migrator = new Migrator(m.workload(), m.observe());
            Migrator.Step step = new Migrator.Step(impl, config);
            MinimalClient minimal = new MinimalClient(CommandTemplate.of(spec), spec.baseDir(), m.workload(),
                    m.observe(), spec.timeout());
            Action viaMigcert = () -> {
                Observation o = migrator.migrate(step, step, StateMutation.IDENTITY);
                if (o.outcome() != Observed.MIGRATED) {
                    throw new IllegalStateException("migcert's case did not migrate: " + o);
                }
            };
            Action viaMinimal = () -> minimal.migrate(params);
            Action instance = () -> impl.create(params).close();
            // Warm-up: the harness's own code paths and the page cache of the programs' JVM.
            viaMigcert.run();
            viaMinimal.run();
            long[] migcert = new long[blocks];
            long[] min = new long[blocks];
            long[] created = new long[blocks];
            for (int b = 0; b < blocks; b++) {
                migcert[b] = perCase(viaMigcert, cases);
                min[b] = perCase(viaMinimal, cases);
                created[b] = perCase(instance, cases);
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"migration case through migcert", ms(median(migcert))});
            rows.add(new String[] {"the same through the minimal client", ms(median(min))});
            rows.add(new String[] {"migcert / minimal client", ratio(migcert, min)});
            rows.add(new String[] {"one instance created and closed by the adapter", ms(median(created))});
            out.println("migcert vfio-user case bench: " + spec.id() + " of " + device + " at " + config.canonical()
                    + ", " + cases + " cases a block, " + blocks + " blocks alternately; medians per case (wall)");
            out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                    + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage()));
            out.println();
            for (String[] r : rows) {
                out.printf("%-50s %20s%n", r[0], r[1]);
            }
            out.flush();
        }
    }

    /** A step measured; may throw what a migration throws. */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code n} times back to back; returns the nanoseconds per run. */
    private static long perCase(Action a, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            a.run();
        }
        return (System.nanoTime() - start) / n;
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String ratio(long[] a, long[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (double) a[i] / b[i];
        }
        Arrays.sort(r);
        return String.format("%.2fx (%.2f..%.2f)", r[r.length / 2], r[0], r[r.length - 1]);
    }

    private static String ms(long nanos) {
        return String.format("%.0f ms", nanos / 1e6);
    }
}
