package org.migcert.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.migcert.model.Truth;
import org.migcert.model.coverage.CoverageProblem;
import org.migcert.model.coverage.CoverageVerifier;
import org.migcert.model.coverage.CoveringArray;
import org.migcert.model.coverage.CoveringArrayGenerator;
import org.migcert.model.coverage.Effort;
import org.migcert.model.coverage.RowConstraint;
import org.migcert.model.coverage.Shape;
import org.migcert.model.coverage.Strength;

/**
 * The covering-array bench: the generator's sizes beside the best known ones (Colbourn's tables;
 * 25 for 5^2 3^4 2^3 and 8 for 2^20 are proven optimal) and the targets, with the time each
 * generation took, cold (first in the JVM) and warm (median of the repeats), as wall time and as
 * processor time of the generating thread. Each array is checked by {@link CoverageVerifier}. Then
 * how the array grows with parameters and strength.
 * <pre>
 * java -cp target/migcert.jar org.migcert.bench.CoveringArrayBench [--seed N] [--repeat N] [--effort N]
 * </pre>
 * {@code --effort} is the generator's work budget (default: a run's, {@link Effort#STANDARD}).
 */
public final class CoveringArrayBench {
    /** One bench shape: what it is, the best known size (0: none known) and the target (0: none). */
    private record Bench(String name, CoverageProblem problem, int bestKnown, int target) {
    }

    private final long seed;
    private final int repeat;
    private final CoveringArrayGenerator generator;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private CoveringArrayBench(long seed, int repeat, Effort effort) {
        this.seed = seed;
        this.repeat = repeat;
        this.generator = new CoveringArrayGenerator(effort);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the bench, prints the tables on {@code out}; returns the exit status: 2 on bad usage, 1 when
     * an array fails the independent check. A size over its target is printed as MISSED.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        long seed = 1;
        int repeat = 5;
        long effort = Effort.STANDARD.work();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                    case "--effort" -> effort = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (repeat < 1 || effort < 0 || seed < 0) {
                throw new IllegalArgumentException("--repeat must be positive, --seed and --effort not negative");
            }
        } catch (RuntimeException e) {
            err.println("CoveringArrayBench: " + e.getMessage());
            err.println("usage: CoveringArrayBench [--seed N] [--repeat N] [--effort N]");
            return 2;
        }
        CoveringArrayBench b = new CoveringArrayBench(seed, repeat, new Effort(effort));
        out.println("migcert covering-array bench: " + CoveringArrayGenerator.NAME);
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + "; seed " + seed + ", effort " + effort + " cell evaluations");
        out.println("time: cold = first generation of the shape in this JVM; warm = median of " + repeat
                + " more; wall / processor time of the generating thread");
        out.println();
        boolean ok = b.sizes(out);
        out.println();
        b.growth(out);
        return ok ? 0 : 1;
    }

    private static List<Bench> shapes() {
        Shape three10 = Shape.uniform(10, 3);
        return List.of(
                new Bench("3^10", CoverageProblem.of(three10, 2), 14, 14),
                new Bench("3^13", CoverageProblem.of(Shape.uniform(13, 3), 2), 15, 15),
                new Bench("3^10", CoverageProblem.of(three10, 3), 45, 50),
                new Bench("5^2 3^4 2^3", CoverageProblem.of(new Shape(5, 5, 3, 3, 3, 3, 2, 2, 2), 2), 25, 0),
                new Bench("2^20", CoverageProblem.of(Shape.uniform(20, 2), 2), 8, 0),
                new Bench("3^10, 2 constraints", constrained(three10, 2), 0, 0),
                new Bench("3^10, 2 constraints", constrained(three10, 3), 0, 0));
    }

    /** Two pairs ruled out: {@code not (c0 == 2 and c1 == 2)}, {@code not (c2 == 0 and c3 == 1)}. */
    private static CoverageProblem constrained(Shape shape, int t) {
        return new CoverageProblem(shape, Strength.of(t), List.of(new Forbidden(0, 2, 1, 2), new Forbidden(2, 0, 3, 1)),
                List.of());
    }

    private boolean sizes(PrintStream out) {
        out.printf("%-22s %2s %5s %10s %10s %15s %15s  %s%n", "shape", "t", "rows", "best known", "target",
                "cold wall/cpu", "warm wall/cpu", "construction; check");
        boolean ok = true;
        for (Bench b : shapes()) {
            long[] cold = new long[2];
            CoveringArray a = timed(b.problem(), cold);
            long[][] warm = new long[repeat][2];
            for (int i = 0; i < repeat; i++) {
                timed(b.problem(), warm[i]);
            }
            CoverageVerifier.Result check = CoverageVerifier.verify(b.problem(), a.rows());
            ok &= check.passed();
            String target = b.target() == 0 ? "-" : (a.size() <= b.target() ? "<= " : "MISSED ") + b.target();
            out.printf("%-22s %2d %5d %10s %10s %15s %15s  %s; %s%n", b.name(), b.problem().strength().t(), a.size(),
                    b.bestKnown() == 0 ? "-" : Integer.toString(b.bestKnown()), target, ms(cold), ms(median(warm)),
                    a.construction(),
                    check.passed() ? "every " + b.problem().strength().t() + "-tuple covered (" + check.tuples() + ")"
                            : "FAILED: " + check);
        }
        return ok;
    }

    /** Rows as parameters and strength grow: k parameters of 3 values, at strength 2 and 3. */
    private void growth(PrintStream out) {
        out.println("growth: k parameters of 3 values each (3^k configurations), covering-array rows (each checked) and"
                + " warm wall time");
        out.printf("%4s %22s %14s %14s%n", "k", "3^k", "t=2", "t=3");
        for (int k : new int[] {4, 6, 8, 10, 13, 16, 20, 30, 40}) {
            StringBuilder line = new StringBuilder(String.format("%4d %22s", k, java.math.BigInteger.valueOf(3).pow(k)));
            for (int t = 2; t <= 3; t++) {
                CoverageProblem p = CoverageProblem.of(Shape.uniform(k, 3), t);
                timed(p, new long[2]);
                long[] took = new long[2];
                CoveringArray a = timed(p, took);
                boolean checked = CoverageVerifier.verify(p, a.rows()).passed();
                line.append(String.format(" %14s", a.size() + (checked ? "" : " FAILED") + " (" + took[0] / 1_000_000
                        + " ms)"));
            }
            out.println(line);
        }
    }

    /** Generates once; {@code took} gets wall and processor nanoseconds. */
    private CoveringArray timed(CoverageProblem p, long[] took) {
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        CoveringArray a = generator.generate(p, seed);
        took[0] = System.nanoTime() - wall;
        took[1] = threads.getCurrentThreadCpuTime() - cpu;
        return a;
    }

    private static long[] median(long[][] runs) {
        long[] walls = Arrays.stream(runs).mapToLong(r -> r[0]).sorted().toArray();
        long[] cpus = Arrays.stream(runs).mapToLong(r -> r[1]).sorted().toArray();
        return new long[] {walls[walls.length / 2], cpus[cpus.length / 2]};
    }

    private static String ms(long[] took) {
        return took[0] / 1_000_000 + "/" + took[1] / 1_000_000 + " ms";
    }

    /** {@code not (a == x and b == y)}. */
    private record Forbidden(int a, int x, int b, int y) implements RowConstraint {
        @Override
        public int[] columns() {
            return a < b ? new int[] {a, b} : new int[] {b, a};
        }

        @Override
        public Truth test(int[] row) {
            if ((row[a] >= 0 && row[a] != x) || (row[b] >= 0 && row[b] != y)) {
                return Truth.TRUE;
            }
            return row[a] < 0 || row[b] < 0 ? Truth.UNKNOWN : Truth.FALSE;
        }
    }
}
