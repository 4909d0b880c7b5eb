package org.migcert.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.migcert.adapter.FileTrees;

/**
 * The in-process bench: whole certification runs of the bundled refnic family (java adapter, 439
 * cases) repeated in one warm JVM, each through the CLI entry point with every report written and
 * every result line forced to disk, as {@code ./migcert run} does.
 * <pre>
 * java -cp target/migcert.jar org.migcert.run.InProcessBench [--runs N] [--warmup N]
 * </pre>
 * It prints cases per second of wall time and cases per second of the process's processor time (all
 * threads, JIT and GC included): the latter is the per-core figure, since one core gives one second
 * of processor time per second. On Linux it also prints how much of that time the JIT compiler
 * threads took ({@link CompilerThreads}), which keeps falling over hundreds of runs. Run it from the repository root, or with {@code MIGCERT_HOME} set.
 */
public final class InProcessBench {
    static final int DEFAULT_RUNS = 10;
    static final int DEFAULT_WARMUP = 5;

    private InProcessBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the bench, prints the table on {@code out}; returns the exit status (2 on bad usage, 1 on a failed run). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int runs = DEFAULT_RUNS;
        int warmup = DEFAULT_WARMUP;
        List<String> extra = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--device", "--profile" -> {
                        extra.add(args[i]);
                        extra.add(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (runs < 1 || warmup < 0) {
                throw new IllegalArgumentException("--runs must be positive and --warmup not negative");
            }
        } catch (RuntimeException e) {
            err.println("InProcessBench: " + e.getMessage());
            err.println("usage: InProcessBench [--runs N] [--warmup N] [--device D] [--profile P]");
            return 2;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("migcert-bench");
            Counting sink = new Counting();
            PrintStream quiet = new PrintStream(sink, false);
            Path outDir = dir.resolve("out");
            List<String> command = new ArrayList<>(List.of("run", "--out", outDir.toString()));
            command.addAll(extra);
            String[] argv = command.toArray(String[]::new);
            for (int i = 0; i < warmup; i++) {
                if (Main.execute(Extensions.standard(), quiet, quiet, argv) != 0) {
                    err.println("InProcessBench: a warm-up run did not exit 0; run ./migcert run to see why");
                    return 1;
                }
            }
            long cases = 0;
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = 0;
            long wall = 0;
            long compiling = 0;
            boolean jitKnown = CompilerThreads.cpuNanos() >= 0;
            for (int i = 0; i < runs; i++) {
                // Only the runs are timed: counting their cases is the bench's work, not migcert's.
                long jit0 = CompilerThreads.cpuNanos();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                int status = Main.execute(Extensions.standard(), quiet, quiet, argv);
                wall += System.nanoTime() - wall0;
                cpu += os.getProcessCpuTime() - cpu0;
                compiling += CompilerThreads.cpuNanos() - jit0;
                if (status != 0) {
                    err.println("InProcessBench: a run did not exit 0; run ./migcert run to see why");
                    return 1;
                }
                cases += Files.readAllLines(outDir.resolve("results.jsonl")).stream()
                        .filter(l -> !l.startsWith("{\"record\"")).count();
            }
            out.println("in-process certification runs (" + Bench.machine() + ")");
            out.println("| measurement | result |");
            out.println("|---|---|");
            out.printf("| runs (after %d warm-up runs) | %d runs, %d cases |%n", warmup, runs, cases);
            out.printf("| one run, wall | %.1f ms |%n", wall / 1e6 / runs);
            out.printf("| cases per second of wall time | %.0f |%n", cases / (wall / 1e9));
            out.printf("| cases per second of processor time (per core) | %.0f |%n", cases / (cpu / 1e9));
            out.printf("| one run, processor time | %.1f ms |%n", cpu / 1e6 / runs);
            if (jitKnown && compiling >= 0) {
                // The JIT still compiles after dozens of runs (methods a run calls a few hundred times reach C2's
                // thresholds late): how much of the processor time that is, and the figure without it.
                out.printf("| of which the JIT compiler threads | %.1f ms |%n", compiling / 1e6 / runs);
                out.printf("| cases per second of processor time outside the JIT compilers | %.0f |%n",
                        cases / ((cpu - compiling) / 1e9));
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("InProcessBench failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            if (dir != null) {
                FileTrees.deleteQuietly(dir);
            }
        }
    }


    /** Discards what the runs print: the bench measures the runs, not the terminal. */
    private static final class Counting extends OutputStream {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
