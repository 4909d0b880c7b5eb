package org.migcert.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.migcert.report.HtmlReport;
import org.migcert.report.InfoDirectory;
import org.migcert.report.ReportRenderer;
import org.migcert.report.ResultsFile;
import org.migcert.report.ReportFormat;
import org.migcert.report.RunInfo;
import org.migcert.report.RunRecord;
import org.migcert.report.Summary;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Expected;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.rules.Verdict;

/**
 * The report bench: a synthetic results file of a large run (100,000 cases by default: case ids,
 * titles, configurations, rerun commands and evidence shaped like a real run's, about 2% failing
 * with register diffs, some blocked, erroring and not applicable), then the time
 * {@code migcert report --from} takes on it ({@link ReportRenderer#renderAll}) and the size of each
 * report it writes.
 * <pre>
 * java -cp target/migcert.jar org.migcert.bench.ReportBench [--cases N] [--repeat N] [--out DIR] [--seed N]
 * </pre>
 * Exits 1 when the first rendering takes 10 s or more or {@code report.html} is 10 MB (10^7 bytes) or
 * more: the issue's targets at 100,000 cases.
 */
public final class ReportBench {
    private static final String[] SUITES = {"MigrationMatrix", "DefaultDisables", "OptionalData", "StateMachine",
            "Robustness", "Info"};
    private static final String[] RULES = {"COMPAT-1", "COMPAT-2", "COMPAT-3", "DEFAULT-2", "FWD-1", "OPT-1", "OPT-4",
            "PARAM-3", "PARAM-4", "CHAIN-1", "FSM-2", "FSM-4", "ROBUST-1", "INFO-1"};
    private static final String[] VERSIONS = {"1.0", "1.1", "1.2", "2.0"};
    private static final String[] VARIANTS = {"", "/precopy", "/forward-at-off", "/chain-3", "/reload", "/truncated-stream"};
    private static final long TIME_TARGET_MS = 10_000;
    private static final long SIZE_TARGET_BYTES = 10_000_000;

    private ReportBench() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the bench and prints its table on {@code out}; returns 2 on bad usage, 1 when a target is missed. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        int cases = 100_000;
        int repeat = 3;
        long seed = 1;
        Path dir = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--cases" -> cases = Integer.parseInt(args[++i]);
                    case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--out" -> dir = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            err.println("usage: ReportBench [--cases N] [--repeat N] [--seed N] [--out DIR]: " + e.getMessage());
            return 2;
        }
        if (dir == null) {
            dir = Files.createTempDirectory("migcert-report-bench");
        }
        Files.createDirectories(dir);
        Path results = dir.resolve("results.jsonl");
        long t0 = System.nanoTime();
        writeResults(results, cases, new Random(seed));
        writeInfo(dir);
        out.printf("results.jsonl: %d cases, %.1f MB, generated in %d ms%n", cases, Files.size(results) / 1e6,
                (System.nanoTime() - t0) / 1_000_000);

        ReportRenderer renderer = ReportRenderer.load(ReportBench.class.getClassLoader());
        long first = 0;
        long firstCpu = 0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < Math.max(1, repeat); i++) {
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            Summary s = renderer.renderAll(results, dir, null);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (i == 0) {
                first = ms;
                firstCpu = (processCpuNanos() - cpu) / 1_000_000;
                out.printf("overall %s, %d failures, %d distinct problems%n", s.overall(), s.count(Verdict.FAIL),
                        s.problems().size());
            }
            best = Math.min(best, ms);
        }
        out.printf("renderAll: first %d ms (cold JVM, as migcert report --from; %d ms of processor time in all threads,"
                + " load average %.1f), best of %d %d ms%n", first, firstCpu,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), repeat, best);
        // Where the time goes: the summary's pass, then each format on its own.
        ResultsFile file = new ResultsFile(results);
        long start = System.nanoTime();
        Summary summary = ReportRenderer.summarize(file);
        out.printf("%-13s %8s %7d ms%n", "summary", "", (System.nanoTime() - start) / 1_000_000);
        RunInfo info = RunInfo.of(file.records().plan().orElseThrow(), file.records().end());
        for (ReportFormat f : renderer.formats()) {
            Path target = dir.resolve(f.fileName());
            start = System.nanoTime();
            f.write(target, info, summary, file);
            out.printf("%-13s %8.2f MB %7d ms%n", f.fileName(), Files.size(target) / 1e6, (System.nanoTime() - start) / 1_000_000);
        }
        long html = Files.size(dir.resolve(HtmlReport.FILE));
        out.println("output in " + dir);
        boolean ok = first < TIME_TARGET_MS && html < SIZE_TARGET_BYTES;
        out.println(ok ? "targets met (under 10 s, under 10 MB)" : "MISSED: the targets are under 10 s and under 10 MB");
        return ok ? 0 : 1;
    }

    /**
     * Processor time of the whole JVM (compiler and collector threads included): on a shared machine the
     * wall time says as much about the neighbours as about the code.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** A finished run of {@code n} cases over four versions, in a plausible order. */
    static void writeResults(Path file, int n, Random random) throws IOException {
        String rerunPrefix = "/opt/migcert/migcert run --device /srv/devices/refnic/device.yaml --profile "
                + "/srv/profiles/certification.yaml --out /var/lib/migcert/nightly/out/rerun --case ";
        // Not ResultsWriter: it syncs every line, which is what a run needs and a minute here.
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            line(w, json.writerFor(RunRecord.class).writeValueAsString(new RunRecord.Plan(RunRecord.FORMAT, "bench", "2026-01-01T00:00:00Z", n, "sha256:bench",
                    "/srv/devices/refnic/device.yaml", "/srv/profiles/certification.yaml", List.of(), null,
                    "example.org/refnic", List.of(VERSIONS), "bench", "migcert run (bench)", null, null, n,
                    "sha256:bench", null, null)));
            for (int i = 0; i < n; i++) {
                line(w, json.writeValueAsString(result(i, random, rerunPrefix)));
            }
            line(w, json.writerFor(RunRecord.class).writeValueAsString(
                    new RunRecord.End("2026-01-01T03:00:00Z", true, "every planned case ran")));
        }
    }

    /**
     * Each version's migration info, as a run keeps it beside its results, so that the migration grid's
     * forecasts are part of what is measured: the same four parameters everywhere, 1.0 allowing one
     * queue only (a configuration of more is refused there).
     */
    static void writeInfo(Path dir) throws IOException {
        for (String v : VERSIONS) {
            String queues = v.equals("1.0") ? "[1]" : "[1, 2, 4, 8, 16]";
            String info = "{\"models\": {\"example.org/refnic\": {\"params\": {"
                    + "\"csum-offload\": {\"type\": \"bool\", \"init_value\": false, \"off_value\": false},"
                    + "\"mtu\": {\"type\": \"int\", \"init_value\": 1500, \"allowed_values\": [\"1500-8500\"]},"
                    + "\"queues\": {\"type\": \"int\", \"init_value\": 1, \"off_value\": 1, \"allowed_values\": " + queues
                    + "}, \"rx-filter-size\": {\"type\": \"int\", \"init_value\": 0, \"off_value\": 0,"
                    + " \"allowed_values\": [\"0-63\"]}}}}}";
            Path f = InfoDirectory.file(dir, v);
            Files.createDirectories(f.getParent());
            Files.writeString(f, info);
        }
    }

    private static void line(BufferedWriter w, String json) throws IOException {
        w.write(json);
        w.write('\n');
    }

    private static CaseResult result(int i, Random random, String rerunPrefix) {
        String suite = SUITES[i % SUITES.length];
        String rule = RULES[random.nextInt(RULES.length)];
        String src = VERSIONS[random.nextInt(VERSIONS.length)];
        String dst = VERSIONS[random.nextInt(VERSIONS.length)];
        String conf = "csum-offload=" + (random.nextBoolean() ? "on" : "off") + ",mtu=" + (1500 + random.nextInt(8) * 1000)
                + ",queues=" + (1 << random.nextInt(5)) + ",rx-filter-size=" + random.nextInt(64);
        String variant = VARIANTS[random.nextInt(VARIANTS.length)];
        String id = suite + "/" + rule + "/" + src + ">" + dst + "/" + conf + variant + "#" + i;
        int roll = random.nextInt(1000);
        Verdict verdict = roll < 20 ? Verdict.FAIL : roll < 25 ? Verdict.BLOCKED : roll < 27 ? Verdict.ERROR
                : roll < 80 ? Verdict.NOT_APPLICABLE : Verdict.PASS;
        Observed observed = switch (verdict) {
            case PASS -> Observed.MIGRATED;
            case FAIL -> Observed.DIVERGED;
            case BLOCKED -> Observed.SOURCE_FAILED;
            case ERROR -> Observed.HARNESS_ERROR;
            case NOT_APPLICABLE -> Observed.NOT_RUN;
            // A run's results never hold these: the reports judge them from attempts and waivers.
            case FLAKY, WAIVED -> throw new IllegalStateException("not a verdict a results line holds: " + verdict);
        };
        String evidence = switch (verdict) {
            case PASS -> "";
            case FAIL -> "differs: region 0 byte " + (12 + random.nextInt(4)) + "; SCRATCH 0xdeadbeef -> 0x0\n"
                    + "stderr tail: refnic[" + (1000 + random.nextInt(9000)) + "]: load: " + (random.nextInt(4096))
                    + " bytes restored of 4096";
            case BLOCKED -> "the source could not be created: refnic " + src + " refused " + conf;
            case ERROR -> "java.io.IOException: Broken pipe\n\tat org.migcert.adapters.process.ProcessAdapter.save";
            case NOT_APPLICABLE -> "not applicable: " + src + " has no optional data";
            case FLAKY, WAIVED -> throw new IllegalStateException("not a verdict a results line holds: " + verdict);
        };
        return new CaseResult(id, suite, List.of(rule), rule + " " + src + " -> " + dst + " " + conf + variant, src, dst,
                conf, verdict == Verdict.NOT_APPLICABLE ? Expected.NOT_APPLICABLE : Expected.MIGRATES,
                rule + " says a migration from " + src + " to " + dst + " is possible at this configuration", observed,
                evidence, verdict == Verdict.BLOCKED ? Phase.CREATE_SOURCE : Phase.COMPARE_DESTINATION, null, verdict,
                50 + random.nextInt(900), rerunPrefix + "'" + id + "'", "2026-01-01T01:00:00Z",
                verdict == Verdict.BLOCKED ? "Info/INFO-1/" + src + "/" + conf + "/instantiates" : null);
    }
}
