package org.migcert.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.Sha256;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestException;
import org.migcert.manifest.ManifestLoader;
import org.migcert.manifest.Profile;
import org.migcert.manifest.ProfileLoader;
import org.migcert.manifest.WaiversLoader;
import org.migcert.model.coverage.SpaceException;
import org.migcert.report.ConsoleReport;
import org.migcert.report.ReportRenderer;
import org.migcert.report.JudgedCases;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunComparison;
import org.migcert.report.RunRecord;
import org.migcert.report.Summary;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.rules.Rule;
import org.migcert.rules.Verdict;
import org.migcert.suites.Case;
import org.migcert.suites.CaseExecutor;
import org.migcert.suites.CasePlan;
import org.migcert.gate.Comparison;
import org.migcert.gate.History;
import org.migcert.suites.InfoSuite;
import org.migcert.suites.Shard;
import org.migcert.suites.Suite;
import org.migcert.suites.SuiteContext;
import org.migcert.suites.SuiteRun;

/**
 * One run: load the profile and manifest, open the implementations, plan the profile's suites
 * (the selection applied once, in {@link CasePlan}), run them through a JUnit Platform launcher
 * session (each finished case appended to results.jsonl at once), render the reports from that
 * file and return the exit code.
 */
public final class Runner {
    /** Where a rerun command writes, inside the output directory of the run it reruns a case of. */
    static final String RERUN_DIR = "rerun";
    /** Runs of the history a run shows: the last ten nightlies. */
    private static final int TREND_RUNS = 10;
    private final PrintStream out;
    private final PrintStream err;
    private final Extensions extensions;

    public Runner(PrintStream out, PrintStream err, Extensions extensions) {
        this.out = out;
        this.err = err;
        this.extensions = extensions;
    }

    public ExitCode run(RunOptions given) {
        String started = Instant.now().toString();
        RunOptions o = given;
        Profile profile;
        DeviceManifest manifest;
        CasePlan.Selection selection;
        try {
            if (o.jobs() < 1 || o.jobs() > RunOptions.MAX_JOBS) {
                throw new ManifestException("--jobs " + o.jobs() + " is out of range: give 1 to " + RunOptions.MAX_JOBS
                        + " (or 0 for one per core)");
            }
            if (o.retries() < 0 || o.retries() > RunOptions.MAX_RETRIES) {
                throw new ManifestException("--retries " + o.retries() + " is out of range: give 0 to "
                        + RunOptions.MAX_RETRIES);
            }
            if (o.resume()) {
                o = resumed(o);
            }
            profile = ProfileLoader.load(o.profile(), extensions.suites().rulesBySuite());
            manifest = ManifestLoader.load(o.device());
            selection = selection(profile, o);
            checkWaivers(o, profile, started);
        } catch (ManifestException e) {
            err.println("migcert: " + e.getMessage());
            return ExitCode.USAGE;
        }
        // The output directory is checked and locked before any device starts.
        try (OutputLock lock = o.list() ? null : OutputLock.acquire(o.out());
             OpenedDevice device = OpenedDevice.open(manifest, err::println)) {
            SuiteContext ctx = SuiteContext.plan(manifest, profile, device.implementations(), device.unreadable(),
                    device.aliases());
            device.unreadable().forEach(u -> err.println("migcert: implementation " + u.id() + " is left out of the"
                    + " plan: its migration info cannot be read (" + u.failure().getMessage() + "); reported as an"
                    + " INFO-1 failure"));
            CasePlan full = plan(ctx, profile, selection);
            CasePlan plan = o.shard().map(full::slice).orElse(full);
            if (o.list()) {
                plan.bySuite().values().forEach(cs -> cs.forEach(c -> out.println(c.id() + "\t" + c.title())));
                spaces(ctx).forEach(line -> err.println("migcert: configurations of " + line));
                // Planning needs each implementation's migration info, and some plans the features an instance
                // claims: say exactly what was started, since --list is expected to leave devices alone.
                int created = ctx.instancesCreatedToPlan();
                err.println("migcert: --list ran no case; to plan it read the migration info of "
                        + device.implementations().size() + " implementations" + (created == 0 ? " and created no instance"
                        : " and created " + created + " instance" + (created == 1 ? "" : "s") + ", one per implementation,"
                        + " to read the migration features it claims (StateMachine arcs and pre-copy migrations are"
                        + " planned from them)"));
                return ExitCode.CONFORMANT;
            }
            if (plan.size() == 0 && (o.shard().isEmpty() || full.size() == 0)) {
                err.println("migcert: no case matches" + (o.caseId() != null ? " --case " + o.caseId() : "")
                        + (o.only().isEmpty() ? "" : " --only " + o.only()) + "; list case ids with --list");
                return ExitCode.USAGE;
            }
            return execute(o, manifest, profile, device, full, plan, spaces(ctx), started);
        } catch (ManifestException | SpaceException e) {
            return refused(e);
        } catch (IOException | UncheckedIOException e) {
            err.println("migcert: harness failure: " + e);
            e.printStackTrace(err);
            return ExitCode.HARNESS;
        }
    }

    /** A plan that cannot be made: the caller's input (exit 2), or a space the harness cannot plan (exit 3). */
    private ExitCode refused(Exception e) {
        if (e instanceof ManifestException) {
            err.println("migcert: " + e.getMessage());
            return ExitCode.USAGE;
        }
        err.println("migcert: harness failure: " + e.getMessage());
        return ExitCode.HARNESS;
    }

    /**
     * {@code migcert predict}: the migration grid from migration info alone (no instance is created);
     * NOT_CONFORMANT when the info makes an older-to-newer migration impossible.
     */
    public ExitCode predict(Path devicePath, Path profilePath) {
        try {
            Profile profile = ProfileLoader.load(profilePath, extensions.suites().rulesBySuite());
            DeviceManifest manifest = ManifestLoader.load(devicePath);
            try (OpenedDevice device = OpenedDevice.open(manifest, err::println)) {
                device.unreadable().forEach(u -> err.println("migcert: implementation " + u.id() + " is left out: its"
                        + " migration info cannot be read (" + u.failure().getMessage() + ")"));
                SuiteContext ctx = SuiteContext.plan(manifest, profile, device.implementations(), device.unreadable(),
                        device.aliases());
                List<String> breaches = Prediction.print(ctx, out);
                return breaches.isEmpty() && device.unreadable().isEmpty() ? ExitCode.CONFORMANT
                        : ExitCode.NOT_CONFORMANT;
            }
        } catch (ManifestException | SpaceException e) {
            return refused(e);
        }
    }

    /**
     * The options of the run to resume in {@code o.out()}, as its plan record states them (its waivers are
     * the copy beside its results).
     */
    private static RunOptions resumed(RunOptions o) throws ManifestException {
        RunRecord.Plan p = ResultsLog.planOf(o.out());
        return new RunOptions(Path.of(p.device()), Path.of(p.profile()), o.out(), p.only(), p.caseId(), false, o.jobs(),
                true, Optional.ofNullable(p.shard()).map(Shard::parse), o.history(), Optional.empty(), p.retries(), o.baseline());
    }

    /**
     * Checks {@code --waivers} as of the day the run starts, before anything runs; refused when the profile
     * forbids waivers (a certification run judges every case as it is).
     */
    private static void checkWaivers(RunOptions o, Profile profile, String started) throws ManifestException {
        if (o.waivers().isEmpty()) {
            return;
        }
        if (!profile.waiversAllowed()) {
            throw new ManifestException("--waivers " + o.waivers().get() + ": profile " + profile.name() + " forbids"
                    + " waivers (waivers: forbidden): every failure of this run counts; run without --waivers");
        }
        WaiversLoader.load(o.waivers().get(), LocalDate.ofInstant(Instant.parse(started), ZoneOffset.UTC));
    }

    /** The profile's rules, narrowed by {@code --only} (suite names or rule ids) and {@code --case}. */
    private CasePlan.Selection selection(Profile profile, RunOptions o) throws ManifestException {
        Set<String> suites = new LinkedHashSet<>();
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        for (String name : o.only()) {
            Rule r = Rule.byId(name);
            if (r != null) {
                rules.add(r);
            } else if (extensions.suites().byName(name).isPresent()) {
                suites.add(name);
            } else {
                throw new ManifestException("--only " + name + ": neither a suite nor a rule id; suites: "
                        + extensions.suites().rulesBySuite().keySet() + "; rules: ./migcert rules");
            }
        }
        return new CasePlan.Selection(profile.rules(), suites, rules, Optional.ofNullable(o.caseId()));
    }

    /** Every suite of the profile, planned into one selection (each space was sized and bounded by {@link SuiteContext#plan}). */
    private CasePlan plan(SuiteContext ctx, Profile profile, CasePlan.Selection selection) {
        CasePlan plan = new CasePlan(selection);
        InfoSuite.requireReadableInfo(ctx, plan);
        for (String name : profile.suites()) {
            Suite suite = extensions.suites().byName(name).orElseThrow();
            if (selection.mayKeepAnyOf(suite)) {
                suite.plan(ctx, plan);
            }
        }
        return plan;
    }

    /** Each implementation's configuration space in words: {@code 1.2: t-way strength 2, seed 1: ...}. */
    private static List<String> spaces(SuiteContext ctx) {
        return ctx.spaces().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    /**
     * @param full   the whole plan, of which {@code plan} is this run's shard (or all of it)
     * @param spaces each implementation's configuration space in words
     */
    private ExitCode execute(RunOptions o, DeviceManifest manifest, Profile profile, OpenedDevice device, CasePlan full,
                             CasePlan plan, List<String> spaces, String started) throws IOException, ManifestException {
        Path outDir = o.out();
        Path allure = outDir.resolve(AllureResults.DIR);
        Path results = outDir.resolve(ResultsLog.FILE);
        List<String> rerun = rerunPrefix(o);
        String waiversDigest = o.resume() ? ResultsLog.planOf(outDir).waiversDigest() : copyWaivers(o, outDir);
        String planDigest = PlanDigest.of(plan);
        RunRecord.Plan record = new RunRecord.Plan(RunRecord.FORMAT, UUID.randomUUID().toString(), started, plan.size(),
                planDigest, abs(o.device()), abs(o.profile()), o.only(), o.caseId(), manifest.model(),
                device.implementations().stream().map(Implementation::id).toList(), Version.get(), commandLine(o),
                RunProvenance.of(manifest, profile, device), o.shard().map(Shard::text).orElse(null), full.size(),
                plan == full ? planDigest : PlanDigest.of(full), profile.waiversAllowed(), PlanDigest.cases(plan), spaces,
                waiversDigest, o.retries());
        // Cases are judged during the run as the reports judge them afterwards: by the copy of the waivers.
        JudgedCases judging = JudgedCases.ofRun(new ResultsFile(results), Optional.of(record));
        long total = plan.size();
        AtomicLong done = new AtomicLong();
        Set<String> finished = ConcurrentHashMap.newKeySet();
        String reason;
        Interruption[] signals = new Interruption[1];
        try (ResultsLog log = o.resume() ? ResultsLog.resume(outDir, record) : ResultsLog.start(outDir, record);
             // A case is finished (counted, printed, skipped by --resume) only once its lines are on disk;
             // the next case runs while the disk works (group commit, see ResultsWriter).
             CaseExecutor executor = new CaseExecutor(attempts -> log.append(attempts, () -> {
                 CaseResult r = judging.judge(attempts);
                 finished.add(r.id());
                 if (signals[0].reason().isEmpty() || r.observed() != Observed.NOT_RUN) {
                     out.println(ConsoleReport.progressLine(done.incrementAndGet(), OptionalLong.of(total), r));
                 }
             }), profile.caseTimeout(), id -> rerunCommand(rerun, id), o.jobs(), o.retries(), judging::judge);
             Interruption interruption = Interruption.install(() -> executor.stop("the run was interrupted"))) {
            signals[0] = interruption;
            finished.addAll(log.done());
            done.set(log.done().size());
            Map<String, List<Case>> remaining = remaining(plan, log.done());
            InfoFiles.write(outDir, device.implementations());
            out.println("migcert: " + manifest.model() + " (" + device.implementations().size() + " implementations"
                    + (device.unreadable().isEmpty() ? "" : ", " + device.unreadable().size() + " more whose info cannot be"
                    + " read") + "),"
                    + " profile " + profile.name() + ", " + total + " cases" + o.shard().map(sh -> " (shard " + sh.text()
                    + " of a plan of " + full.size() + ")").orElse("") + (o.resume() ? " (" + log.done().size()
                    + " already done, resuming)" : "") + " -> " + outDir);
            spaces.forEach(line -> out.println("migcert: configurations of " + line));
            TestExecutionSummary summary = launch(new SuiteRun(remaining, executor), o.jobs());
            log.flush();
            Optional<String> stop = interruption.reason();
            // No silent skips: a planned case that never reported is recorded as not run (ERROR).
            remaining.values().stream().flatMap(List::stream).filter(c -> !finished.contains(c.id()))
                    .forEach(c -> log.append(neverRan(c, rerunCommand(rerun, c.id()),
                            stop.orElseGet(() -> engineFailures(summary)))));
            reason = stop.map(r -> r + " after " + (done.get()) + " of " + total + " cases; resume with "
                    + Shell.join(List.of(Home.launcher(), "run", "--resume", abs(outDir))))
                    .orElse("every planned case ran");
            log.end(new RunRecord.End(Instant.now().toString(), stop.isEmpty(), reason, device.containerStarts()));
            stop.ifPresent(r -> err.println("migcert: " + reason));
        }
        compare(o, outDir);
        ResultsFile written = new ResultsFile(results).loaded(ReportRenderer.IN_MEMORY_BYTES);
        Summary s = extensions.reports().renderAll(written, outDir, null);
        new AllureResults(extensions.suites()).write(written, allure);
        ConsoleReport.print(s, JudgedCases.ofRun(written), out);
        List<Path> files = new ArrayList<>(extensions.reports().files(outDir));
        files.add(allure);
        out.println("reports: " + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        return ExitCode.of(s.overall());
    }

    /**
     * Writes {@code OUT/comparison.json} for {@code --baseline} and {@code --history} (appending this run
     * to the history), before the reports that show it; with neither (or a baseline that cannot be read and
     * no history), removes an earlier run's.
     */
    private void compare(RunOptions o, Path outDir) throws IOException {
        ResultsFile results = new ResultsFile(outDir.resolve(ResultsLog.FILE));
        // The plan in the file, not this invocation's: a resumed run keeps the id it started with.
        String runId = results.records().plan().map(RunRecord.Plan::runId).orElse(null);
        RunComparison.Baseline baseline = null;
        if (o.baseline().isPresent()) {
            try {
                baseline = Comparison.asBaseline(o.baseline().get(), Comparison.compare(o.baseline().get(), outDir));
            } catch (ManifestException e) {
                // The run is done and its results are safe: its reports are written, without the comparison.
                err.println("migcert: --baseline: " + e.getMessage() + "; this run is not compared with it");
            }
        }
        RunComparison.HistoryTrend trend = null;
        if (o.history().isPresent()) {
            Path dir = o.history().get();
            List<History.Entry> all = new ArrayList<>(History.read(dir));
            History.Entry now = History.of(outDir, ReportRenderer.summarize(results));
            History.append(dir, now);
            all.add(now);
            trend = History.trend(dir.resolve(History.FILE), all, TREND_RUNS);
        }
        if (baseline == null && trend == null) {
            RunComparison.remove(outDir);
        } else {
            new RunComparison(RunComparison.FORMAT, runId, baseline, trend).write(outDir);
        }
    }

    /**
     * Copies {@code --waivers} beside the results, where every report rebuilt from them finds it, and returns
     * its digest for the plan record; without waivers, removes an earlier run's copy.
     */
    private static String copyWaivers(RunOptions o, Path outDir) throws IOException {
        Path copy = outDir.resolve(JudgedCases.WAIVERS_FILE);
        if (o.waivers().isEmpty()) {
            Files.deleteIfExists(copy);
            return null;
        }
        Files.createDirectories(outDir);
        Files.copy(o.waivers().get(), copy, StandardCopyOption.REPLACE_EXISTING);
        return Sha256.ofFile(copy).orElseThrow(() -> new IOException("cannot read " + copy));
    }

    /** Runs the planned suites in one launcher session whose store carries the run to the suites. */
    private TestExecutionSummary launch(SuiteRun run, int jobs) {
        LauncherDiscoveryRequestBuilder req = LauncherDiscoveryRequestBuilder.request()
                // Results go to results.jsonl and every report is rendered from it: listeners that other jars on
                // the class path register (JUnit's own open-test reporting, for one) would only slow each case.
                .configurationParameter("junit.platform.execution.listeners.deactivate", "*")
                // Cases are independent (each creates and closes its own instances): run them side by side.
                .configurationParameter("junit.jupiter.execution.parallel.enabled", Boolean.toString(jobs > 1))
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(jobs));
        for (Map.Entry<String, List<Case>> e : run.plan().entrySet()) {
            Suite s = extensions.suites().byName(e.getKey()).orElseThrow();
            req.selectors(DiscoverySelectors.selectClass(s.testClass()));
        }
        LauncherDiscoveryRequest request = req.build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getStore().put(Namespace.create(SuiteRun.NAMESPACE), SuiteRun.KEY, run);
            session.getLauncher().execute(request, listener);
        }
        return listener.getSummary();
    }

    /** The selected cases that have no result yet, by suite. */
    private static Map<String, List<Case>> remaining(CasePlan plan, Set<String> done) {
        Map<String, List<Case>> out = new LinkedHashMap<>();
        plan.bySuite().forEach((suite, cases) -> {
            List<Case> left = cases.stream().filter(c -> !done.contains(c.id())).toList();
            if (!left.isEmpty()) {
                out.put(suite, left);
            }
        });
        return out;
    }

    private static String engineFailures(TestExecutionSummary s) {
        return s.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .reduce((a, b) -> a + "; " + b).orElse("the test engine did not run it");
    }

    /** A planned case that never ran: NOT_RUN, graded ERROR, and run again by {@code --resume}. */
    private static CaseResult neverRan(Case c, String rerun, String why) {
        return new CaseResult(c.id(), c.suite(), c.ruleIds(), c.title(), c.source(), c.destination(), c.configuration(),
                c.expectation().outcome(), c.expectation().because(), Observed.NOT_RUN, "case never ran: " + why,
                Phase.CHECK, null, Verdict.ERROR, 0, rerun, Instant.now().toString());
    }

    private static String rerunCommand(List<String> prefix, String caseId) {
        List<String> argv = new ArrayList<>(prefix);
        argv.add("--case");
        argv.add(caseId);
        return Shell.join(argv);
    }

    /** The command that runs this run again; absolute paths, so it works from any directory. */
    private static List<String> rerunPrefix(RunOptions o) {
        // Into a directory of its own: rerunning one case must not replace the results of the run it came from.
        List<String> argv = new ArrayList<>(List.of(Home.launcher(), "run", "--device", abs(o.device()), "--profile",
                abs(o.profile()), "--out", abs(o.out().resolve(RERUN_DIR))));
        if (o.retries() > 0) {
            // A flaky case shows it again only when run more than once.
            argv.addAll(List.of("--retries", Integer.toString(o.retries())));
        }
        return argv;
    }

    /** The command that produces these results again, from any directory. */
    private static String commandLine(RunOptions o) {
        List<String> c = new ArrayList<>(List.of(Home.launcher(), "run", "--device", abs(o.device()), "--profile",
                abs(o.profile()), "--out", abs(o.out())));
        if (!o.only().isEmpty()) {
            c.addAll(List.of("--only", String.join(",", o.only())));
        }
        if (o.caseId() != null) {
            c.addAll(List.of("--case", o.caseId()));
        }
        o.shard().ifPresent(s -> c.addAll(List.of("--shard", s.text())));
        if (o.retries() > 0) {
            c.addAll(List.of("--retries", Integer.toString(o.retries())));
        }
        o.waivers().ifPresent(w -> c.addAll(List.of("--waivers", abs(w))));
        return Shell.join(c);
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
