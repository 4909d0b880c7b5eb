package org.migcert.run;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.migcert.bench.CoveringArrayBench;
import org.migcert.bench.ReportBench;
import org.migcert.bench.VfioUserBench;
import org.migcert.bench.VfioUserCaseBench;

/**
 * The benchmarks in one place: runs each named bench (all of them without a name) and prints its
 * figures under the machine they came from.
 * <pre>
 * ./migcert bench [NAME [bench arguments]]
 * java -cp target/migcert.jar org.migcert.run.Bench [in-process|vfio-user|vfio-user-case|covering-arrays|report] [-- bench arguments]
 * </pre>
 * Figures belong in the README, never in timed unit tests: they depend on the machine and its load.
 */
public final class Bench {
    /** A bench's entry point: its arguments, where to print; returns its exit status. */
    interface Entry {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private Bench() {
    }

    /** Every bench by name, in the order they run. */
    static Map<String, Entry> all() {
        Map<String, Entry> benches = new LinkedHashMap<>();
        benches.put("in-process", InProcessBench::run);
        benches.put("vfio-user", VfioUserBench::run);
        benches.put("vfio-user-case", VfioUserCaseBench::run);
        benches.put("covering-arrays", CoveringArrayBench::run);
        benches.put("report", (args, out, err) -> {
            try {
                return ReportBench.run(args, out, err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return benches;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** {@code migcert bench [NAME [ARGS...]]}: one bench with its arguments, or every bench without a name. */
    static int command(List<String> args, PrintStream out, PrintStream err) {
        return args.isEmpty() ? run(List.of(), new String[0], out, err)
                : run(List.of(args.get(0)), args.subList(1, args.size()).toArray(String[]::new), out, err);
    }

    /** {@code Bench NAME... [-- ARGS]}: the named benches (or all); the arguments go to a bench named alone. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int dash = Arrays.asList(args).indexOf("--");
        List<String> names = Arrays.asList(dash < 0 ? args : Arrays.copyOfRange(args, 0, dash));
        String[] rest = dash < 0 ? new String[0] : Arrays.copyOfRange(args, dash + 1, args.length);
        return run(names, names.size() == 1 ? rest : new String[0], out, err);
    }

    /** Runs the named benches (or all) and returns the worst exit status. */
    private static int run(List<String> names, String[] rest, PrintStream out, PrintStream err) {
        Map<String, Entry> benches = all();
        for (String n : names) {
            if (!benches.containsKey(n)) {
                err.println("migcert bench: unknown bench '" + n + "'; benches: " + benches.keySet());
                return 2;
            }
        }
        out.println("machine: " + machine());
        int status = 0;
        for (Map.Entry<String, Entry> b : benches.entrySet()) {
            if (names.isEmpty() || names.contains(b.getKey())) {
                out.println();
                out.println("## " + b.getKey());
                status = Math.max(status, b.getValue().run(rest, out, err));
            }
        }
        return status;
    }

    /** The machine a figure comes from: cores, JVM, operating system and its load when asked. */
    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return rt.availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", load average "
                + String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
