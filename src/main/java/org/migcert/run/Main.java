package org.migcert.run;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.time.LocalDate;
import org.migcert.allure.AllureException;
import org.migcert.allure.AllureRender;
import org.migcert.gate.Comparison;
import org.migcert.gate.Gate;
import org.migcert.gate.GateReport;
import org.migcert.manifest.ManifestException;
import org.migcert.manifest.Waiver;
import org.migcert.manifest.WaiversLoader;
import org.migcert.report.ConsoleReport;
import org.migcert.report.ReportRenderer;
import org.migcert.report.JudgedCases;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunComparison;
import org.migcert.report.Summary;
import org.migcert.report.TerminalSafeStream;
import org.migcert.suites.Shard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code migcert} command line: {@code run}, {@code rules}, {@code report}, {@code merge}, {@code gate},
 * {@code bundle}, {@code verify-bundle}, {@code compare}, {@code predict}, {@code allure}, {@code bench}. Exit codes: {@link ExitCode}. */
@Command(name = "migcert", mixinStandardHelpOptions = true, version = "migcert",
        description = "Conformance harness for device implementations that take part in live migration.",
        subcommands = {Main.Run.class, Main.Rules.class, Main.Report.class, Main.Merge.class, Main.GateCommand.class,
                Main.BundleCommand.class, Main.VerifyBundle.class, Main.Compare.class,
                Main.Predict.class, Main.AllureCommand.class, Main.BenchCommand.class})
public final class Main implements Callable<Integer> {
    private final Extensions extensions;
    private final PrintStream out;
    private final PrintStream err;

    Main(Extensions extensions, PrintStream out, PrintStream err) {
        this.extensions = extensions;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(Extensions.standard(), System.out, System.err, args));
    }

    /**
     * Runs the CLI with the given suites and report formats and returns its exit status (tests call
     * this in-process). Everything it prints passes through {@link TerminalSafeStream}: device output
     * and manifest values cannot drive the terminal.
     */
    public static int execute(Extensions extensions, PrintStream rawOut, PrintStream rawErr, String... args) {
        PrintStream out = new PrintStream(new TerminalSafeStream(rawOut), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new TerminalSafeStream(rawErr), true, StandardCharsets.UTF_8);
        try {
            return command(new Main(extensions, out, err), args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int command(Main main, String... args) {
        PrintStream out = main.out;
        PrintStream err = main.err;
        CommandLine cl = new CommandLine(main, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (Sub.class.isAssignableFrom(cls)) {
                    K k = CommandLine.defaultFactory().create(cls);
                    ((Sub) k).main = main;
                    return k;
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        // A bench's own options follow its name unparsed: `migcert bench in-process --runs 10`.
        cl.getSubcommands().get("bench").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(t -> ExitCode.HARNESS.status());
        // A subcommand's input that cannot be used (a manifest, waivers, shards, a baseline) is the
        // caller's mistake: said once here for every subcommand, exit 2. Anything else stays a harness failure.
        cl.setExecutionExceptionHandler((ex, sub, parsed) -> {
            if (ex instanceof ManifestException) {
                err.println("migcert: " + sub.getCommandName() + ": " + ex.getMessage());
                return ExitCode.USAGE.status();
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("migcert: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return ExitCode.USAGE.status();
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return ExitCode.USAGE.status();
    }

    abstract static class Sub {
        Main main;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the profile's suites against a device manifest and write reports.")
    static final class Run extends Sub implements Callable<Integer> {
        @Option(names = "--device", description = "device manifest (default: fixtures/devices/refnic/device.yaml)")
        Path device;
        @Option(names = "--profile", description = "run profile (default: suites/certification.yaml)")
        Path profile;
        @Option(names = "--out", description = "output directory (default: ${DEFAULT-VALUE})", defaultValue = "target/migcert")
        Path out;
        @Option(names = "--only", split = ",", description = "only these rule ids or suite names (repeatable)")
        List<String> only = new ArrayList<>();
        @Option(names = "--case", description = "run exactly the case with this id (ids: --list, or the rerun command of a report)")
        String caseId;
        @Option(names = "--list", description = "print planned case ids and titles, run nothing")
        boolean list;
        @Option(names = "--jobs", description = "cases run at once, 1 to 256; 0 (the default) means one per core",
                defaultValue = "0")
        int jobs;
        @Option(names = "--resume", description = "continue the interrupted run in --out: run only its planned cases"
                + " that have no result (the manifest, profile and selection come from that run)")
        boolean resume;
        @Option(names = "--shard", description = "run only slice i of n of the plan (1 <= i <= n), chosen by a hash of"
                + " each case id; merge the shards' output directories with 'migcert merge'")
        String shard;
        @Option(names = "--history", description = "append this run to DIR/history.jsonl and print what changed"
                + " since the last run there and how the last ten went")
        Path history;
        @Option(names = "--baseline", description = "compare this run case by case with the run in DIR (its --out):"
                + " OUT/comparison.json, shown by the console and every report")
        Path baseline;
        @Option(names = "--shard-count", description = "with JOB_COMPLETION_INDEX set (a Kubernetes Indexed Job):"
                + " run slice JOB_COMPLETION_INDEX+1 of this many")
        Integer shardCount;
        @Option(names = "--waivers", description = "a waivers file (YAML): the failures it covers are reported WAIVED"
                + " with their waiver; refused when the profile forbids waivers (certification)")
        Path waivers;
        @Option(names = "--retries", defaultValue = "0", description = "run a case the device failed (FAIL, BLOCKED) up"
                + " to N more times with the same inputs; attempts that disagree make it FLAKY (0 to "
                + RunOptions.MAX_RETRIES + ", default 0)")
        int retries;

        @Override
        public Integer call() {
            if (resume && (device != null || profile != null || !only.isEmpty() || caseId != null || list
                    || shard != null || shardCount != null || waivers != null || retries != 0)) {
                main.err.println("migcert: --resume takes the device, profile, selection, shard, waivers and retries of"
                        + " the run in --out; give only --out (and --jobs, --history, --baseline)");
                return ExitCode.USAGE.status();
            }
            if (baseline != null && !Files.isRegularFile(baseline.resolve("results.jsonl"))) {
                main.err.println("migcert: --baseline " + baseline + ": no results.jsonl; give the --out directory of a run");
                return ExitCode.USAGE.status();
            }
            Optional<Shard> slice;
            try {
                slice = shard(System.getenv("JOB_COMPLETION_INDEX"));
            } catch (IllegalArgumentException e) {
                main.err.println("migcert: " + e.getMessage());
                return ExitCode.USAGE.status();
            }
            Path device = Home.resolve(this.device != null ? this.device : RunOptions.DEFAULT_DEVICE, null);
            Path profile = Home.resolve(this.profile != null ? this.profile : RunOptions.DEFAULT_PROFILE, "suites");
            return new Runner(main.out, main.err, main.extensions).run(new RunOptions(device, profile, out, only, caseId,
                    list, jobs == 0 ? Runtime.getRuntime().availableProcessors() : jobs, resume, slice,
                    Optional.ofNullable(history), Optional.ofNullable(waivers), retries,
                    Optional.ofNullable(baseline))).status();
        }

        /** {@code --shard}, else the Indexed Job's index with {@code --shard-count}; a half-given shard is refused. */
        private Optional<Shard> shard(String jobIndex) {
            if (shard != null && shardCount != null) {
                throw new IllegalArgumentException("give --shard i/n, or --shard-count n with JOB_COMPLETION_INDEX; not both");
            }
            if (shard != null) {
                return Optional.of(Shard.parse(shard));
            }
            if (shardCount != null) {
                return Optional.of(Shard.ofJobIndex(jobIndex, shardCount).orElseThrow(() -> new IllegalArgumentException(
                        "--shard-count " + shardCount + " needs JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job)")));
            }
            if (jobIndex != null && !jobIndex.isBlank() && !resume) {
                throw new IllegalArgumentException("JOB_COMPLETION_INDEX is " + jobIndex + ": give --shard-count n (the"
                        + " Job's completions) to run this pod's shard, or --shard i/n");
            }
            return Optional.empty();
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true, description = "Print the rules and the suite that checks each.")
    static final class Rules extends Sub implements Callable<Integer> {
        @Override
        public Integer call() {
            main.extensions.suites().suitesByRule().forEach((r, suites) -> main.out.printf("%-9s %-16s %s%n", r.id(),
                    suites.isEmpty() ? "(no check yet)" : String.join(",", suites), r.text()));
            main.out.println("Each rule in full, with its rationale: docs/rules.md");
            return ExitCode.CONFORMANT.status();
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge the output directories of every"
            + " shard of one run (run --shard i/n) into one results.jsonl and its reports, as a single run writes them.")
    static final class Merge extends Sub implements Callable<Integer> {
        @CommandLine.Parameters(arity = "1..*", paramLabel = "DIR", description = "the --out directory of each shard")
        List<Path> shards;
        @Option(names = "--out", required = true, description = "where to write the merged results and reports")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path merged = ShardMerge.merge(shards, out);
            ResultsFile results = new ResultsFile(merged).loaded(ReportRenderer.IN_MEMORY_BYTES);
            Summary s = main.extensions.reports().renderAll(results, out, null);
            new AllureResults(main.extensions.suites()).write(results, out.resolve(AllureResults.DIR));
            ConsoleReport.print(s, JudgedCases.ofRun(results), main.out);
            main.out.println("reports: " + main.extensions.reports().files(out).stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + ", " + out.resolve(AllureResults.DIR));
            return ExitCode.of(s.overall()).status();
        }
    }

    @Command(name = "gate", mixinStandardHelpOptions = true, description = "Decide from result files alone whether a"
            + " run may ship. Exit 0 pass, 1 regression (or an expired waiver), 3 unknown (partial, a lone shard,"
            + " harness errors), 4 only known failures, 2 usage error.")
    static final class GateCommand extends Sub implements Callable<Integer> {
        @Option(names = "--results", required = true, description = "the --out directory of the run (merged, if sharded)")
        Path results;
        @Option(names = "--baseline", description = "the --out directory of the run to compare with")
        Path baseline;
        @Option(names = "--waivers", description = "a waivers file (YAML); default: the one the run was given"
                + " (run --waivers), if any, judged as of --today")
        Path waivers;
        @Option(names = "--policy", defaultValue = "either", description = "what makes a failure known: waivers,"
                + " baseline or either (default)")
        String policy;
        @Option(names = "--today", description = "the date waivers expire against, YYYY-MM-DD (default: today, UTC)")
        String today;

        @Override
        public Integer call() throws Exception {
            Gate.Policy p;
            LocalDate day;
            List<Waiver> list;
            try {
                p = Gate.Policy.valueOf(policy.toUpperCase(java.util.Locale.ROOT));
                day = today == null ? LocalDate.now(java.time.ZoneOffset.UTC) : LocalDate.parse(today);
                Path runs = results.resolve(JudgedCases.WAIVERS_FILE);
                Path file = waivers != null ? waivers : Files.isRegularFile(runs) ? runs : null;
                if (waivers == null && file != null) {
                    main.out.println("waivers: " + file + " (the run's)");
                }
                list = file == null ? List.of() : WaiversLoader.load(file, day);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                main.err.println("migcert: gate: --policy is waivers, baseline or either; --today is YYYY-MM-DD ("
                        + e.getMessage() + ")");
                return ExitCode.USAGE.status();
            }
            Gate.Decision d = Gate.decide(results, Optional.ofNullable(baseline), list, p, day);
            GateReport.print(d, main.out);
            return ExitCode.of(d.outcome()).status();
        }
    }

    @Command(name = "bundle", mixinStandardHelpOptions = true, description = "Pack a run into a certification bundle:"
            + " raw results, reports, manifest and bases, migration infos, profile, and SHA256SUMS of every file.")
    static final class BundleCommand extends Sub implements Callable<Integer> {
        @Option(names = "--results", required = true, description = "the --out directory of the run")
        Path results;
        @Option(names = "--out", required = true, description = "the bundle to write (FILE.tar.gz)")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<String> files = org.migcert.bundle.Bundle.pack(results, out);
            main.out.println("migcert: bundled " + files.size() + " files into " + out);
            return ExitCode.CONFORMANT.status();
        }
    }

    @Command(name = "verify-bundle", mixinStandardHelpOptions = true, description = "Check a certification bundle:"
            + " complete, unaltered, of the certification profile, every planned case judged, none flaky. Exit 0"
            + " verified, 1 not, 2 usage error.")
    static final class VerifyBundle extends Sub implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "FILE", description = "the bundle (.tar.gz)")
        Path bundle;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(bundle)) {
                main.err.println("migcert: verify-bundle: " + bundle + ": no such file");
                return ExitCode.USAGE.status();
            }
            List<String> problems = org.migcert.bundle.BundleVerifier.verify(bundle,
                    Home.resolve(RunOptions.DEFAULT_PROFILE, "suites"), main.extensions.suites().rulesBySuite());
            if (problems.isEmpty()) {
                main.out.println("VERIFIED: " + bundle + " is a complete, unaltered certification bundle");
                return ExitCode.CONFORMANT.status();
            }
            main.out.println("NOT VERIFIED: " + bundle + " (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ")");
            problems.forEach(p -> main.out.println("  " + p));
            return ExitCode.NOT_CONFORMANT.status();
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, description = "Compare a run with a baseline run case by"
            + " case: regressed, new failures, still failing, fixed, unjudged, flaky, new and removed cases, and the newly"
            + " failing ones grouped into problems. Exit 0 nothing newly failing, 1 a regression, a new failure or a"
            + " case flaky now that did not fail then, 3 a case not judged, 2 usage error.")
    static final class Compare extends Sub implements Callable<Integer> {
        @Option(names = "--baseline", required = true, description = "the --out directory of the earlier run")
        Path baseline;
        @Option(names = "--results", required = true, description = "the --out directory of the run to judge")
        Path results;

        @Override
        public Integer call() throws Exception {
            Comparison.Result r = Comparison.compare(baseline, results);
            ConsoleReport.printComparison(new RunComparison(RunComparison.FORMAT, null, Comparison.asBaseline(baseline, r),
                    null), main.out);
            ConsoleReport.printProblems(r.problems(), ConsoleReport.plural(r.grouped(), "newly failing case") + " in "
                    + ConsoleReport.plural(r.problems().size(), "problem"), main.out);
            if (r.newlyFailing() > 0) {
                return ExitCode.NOT_CONFORMANT.status();
            }
            return r.count(Comparison.Change.UNJUDGED) > 0 ? ExitCode.HARNESS.status()
                    : ExitCode.CONFORMANT.status();
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, description = "Print, from migration info alone and"
            + " before any migration, which migrations must succeed and which must be refused, per source configuration"
            + " and destination. Exit 1 when the info makes an older-to-newer migration impossible (FWD-1).")
    static final class Predict extends Sub implements Callable<Integer> {
        @Option(names = "--device", description = "device manifest (default: fixtures/devices/refnic/device.yaml)")
        Path device;
        @Option(names = "--profile", description = "run profile whose configuration space is predicted"
                + " (default: suites/certification.yaml)")
        Path profile;

        @Override
        public Integer call() {
            return new Runner(main.out, main.err, main.extensions).predict(
                    Home.resolve(device != null ? device : RunOptions.DEFAULT_DEVICE, null),
                    Home.resolve(profile != null ? profile : RunOptions.DEFAULT_PROFILE, "suites")).status();
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark (every one without a name)"
            + " and print its figures under the machine they came from: in-process, vfio-user, vfio-user-case,"
            + " covering-arrays, report. The bench's own options follow its name. Figures are printed, never judged.")
    static final class BenchCommand extends Sub implements Callable<Integer> {
        @CommandLine.Parameters(arity = "0..*", paramLabel = "NAME [ARG]", description = "a bench and its arguments")
        java.util.List<String> args = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return Bench.command(args, main.out, main.err);
        }
    }

    @Command(name = "allure", mixinStandardHelpOptions = true, description = "Render a run's Allure results as"
            + " Allure's HTML report, offline, with Allure's command line (fetched once through Maven). Exit 0 rendered,"
            + " 2 usage error, 3 Allure's command line could not be obtained or failed.")
    static final class AllureCommand extends Sub implements Callable<Integer> {
        @Option(names = "--results", paramLabel = "DIR", required = true,
                description = "the --out directory of a run, or its allure-results")
        Path results;
        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "the report directory (emptied first: new, empty or an earlier Allure report)")
        Path out;
        @Option(names = "--history", paramLabel = "DIR", description = "Allure's history between renders: read before"
                + " rendering, replaced by the new report's after it (created on first use)")
        Path history;
        @Option(names = "--single-file", description = "write one self-contained index.html that opens from disk")
        boolean singleFile;
        @Option(names = "--cache", paramLabel = "DIR",
                description = "where Allure's command line is kept (default: $XDG_CACHE_HOME/migcert or"
                        + " ~/.cache/migcert)")
        Path cache;
        @Option(names = "--mvn", paramLabel = "PATH", defaultValue = "mvn",
                description = "the Maven command that fetches Allure's command line the first time"
                        + " (default: ${DEFAULT-VALUE})")
        String mvn;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "seconds Allure may take to render, 1 to 86400 (default: ${DEFAULT-VALUE})")
        int timeout;

        @Override
        public Integer call() throws InterruptedException {
            if (timeout < 1 || timeout > 86_400) {
                main.err.println("migcert: allure: --timeout is 1 to 86400 seconds, not " + timeout);
                return ExitCode.USAGE.status();
            }
            AllureRender.Rendered r;
            try {
                r = AllureRender.render(new AllureRender.Options(results, out, Optional.ofNullable(history), singleFile,
                        cache != null ? cache : AllureRender.defaultCache(), mvn, java.time.Duration.ofSeconds(timeout)),
                        main.err);
            } catch (AllureException e) {
                main.err.println("migcert: allure: " + e.getMessage());
                return e.kind() == AllureException.Kind.USAGE ? ExitCode.USAGE.status() : ExitCode.HARNESS.status();
            }
            main.out.println("ALLURE REPORT: " + r.index() + (singleFile ? " (one file, opens from disk)" : ""));
            main.out.println("  " + r.statistic() + " (from " + r.results() + ")");
            main.out.println("  trend: " + r.trendRuns() + (r.trendRuns() == 1 ? " run" : " runs")
                    + r.historyStored().map(h -> "; history kept in " + h + " for the next render").orElse(""));
            return ExitCode.CONFORMANT.status();
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "Rebuild report.json, junit.xml, report.html and allure-results from a results.jsonl without rerunning.")
    static final class Report extends Sub implements Callable<Integer> {
        @Option(names = "--from", required = true, description = "results.jsonl of an earlier run")
        Path from;
        @Option(names = "--out", description = "where to write (default: the directory of --from)")
        Path out;
        @Option(names = "--no-allure", description = "do not write allure-results (Allure's format is a file per case:"
                + " at 100,000 cases most of the time); an allure-results already there is removed, never left stale")
        boolean noAllure;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(from)) {
                main.err.println("migcert: " + from + ": no such results file");
                return ExitCode.USAGE.status();
            }
            Path dir = out != null ? out : from.toAbsolutePath().getParent();
            ResultsFile results = new ResultsFile(from).loaded(ReportRenderer.IN_MEMORY_BYTES);
            Summary s = main.extensions.reports().renderAll(results, dir, null);
            if (noAllure) {
                org.migcert.adapter.FileTrees.delete(dir.resolve(AllureResults.DIR));
            } else {
                new AllureResults(main.extensions.suites()).write(results, dir.resolve(AllureResults.DIR));
            }
            ConsoleReport.print(s, JudgedCases.ofRun(results), main.out);
            return ExitCode.of(s.overall()).status();
        }
    }
}
