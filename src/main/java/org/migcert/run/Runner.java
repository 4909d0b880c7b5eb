package org.migcert.run;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestException;
import org.migcert.manifest.ManifestLoader;
import org.migcert.manifest.Profile;
import org.migcert.manifest.ProfileLoader;
import org.migcert.adapter.Implementation;
import org.migcert.report.ConsoleReport;
import org.migcert.report.ReportRenderer;
import org.migcert.report.ResultsFile;
import org.migcert.report.ResultsWriter;
import org.migcert.report.RunInfo;
import org.migcert.report.Summary;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Rule;
import org.migcert.rules.Verdict;
import org.migcert.suites.Case;
import org.migcert.suites.Suite;
import org.migcert.suites.SuiteContext;

/**
 * One run: load the profile and manifest, open the implementations, plan every suite's cases,
 * run them through the JUnit Platform Launcher (each finished case appended to results.jsonl at
 * once), render the reports from that file and return the exit code.
 */
public final class Runner {
    public static final int CONFORMANT = 0;
    public static final int NOT_CONFORMANT = 1;
    public static final int USAGE = 2;
    public static final int HARNESS = 3;

    private final PrintStream out;
    private final PrintStream err;

    public Runner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(RunOptions o) {
        String started = Instant.now().toString();
        Profile profile;
        DeviceManifest manifest;
        try {
            profile = ProfileLoader.load(o.profile(), availableSuites());
            manifest = ManifestLoader.load(o.device());
        } catch (ManifestException e) {
            err.println("migcert: " + e.getMessage());
            return USAGE;
        }
        try (OpenedDevice device = OpenedDevice.open(manifest)) {
            SuiteContext ctx = new SuiteContext(manifest, profile, device.implementations(), device.aliases());
            Map<String, List<Case>> plan = plan(ctx, profile, o);
            long total = plan.values().stream().mapToLong(List::size).sum();
            if (o.list()) {
                plan.values().forEach(cs -> cs.forEach(c -> out.println(c.id() + "\t" + c.title())));
                return CONFORMANT;
            }
            if (total == 0) {
                err.println("migcert: no case matches" + (o.caseId() != null ? " --case " + o.caseId() : "")
                        + (o.only().isEmpty() ? "" : " --only " + o.only()) + "; list case ids with --list");
                return USAGE;
            }
            return execute(o, manifest, profile, device, plan, total, started);
        } catch (ManifestException e) {
            err.println("migcert: " + e.getMessage());
            return USAGE;
        } catch (IOException | UncheckedIOException e) {
            err.println("migcert: harness failure: " + e);
            e.printStackTrace(err);
            return HARNESS;
        }
    }

    /** Every suite this build has (ServiceLoader order), with the rules the rule catalogue says it checks. */
    static Map<String, Set<Rule>> availableSuites() {
        Map<String, Set<Rule>> out = new LinkedHashMap<>();
        for (Suite s : ServiceLoader.load(Suite.class, Runner.class.getClassLoader())) {
            Set<Rule> rules = EnumSet.noneOf(Rule.class);
            for (Rule r : Rule.values()) {
                if (s.name().equals(r.suite())) {
                    rules.add(r);
                }
            }
            out.put(s.name(), rules);
        }
        return out;
    }

    /** Every suite of the profile, planned and filtered; refuses to start past the configuration bound. */
    private Map<String, List<Case>> plan(SuiteContext ctx, Profile profile, RunOptions o) throws ManifestException {
        for (Implementation impl : ctx.implementations()) {
            int n = ctx.configurations(impl).size();
            if (n > profile.maxConfigurations()) {
                throw new ManifestException(profile.file() + ": implementation " + impl.id() + " has " + n
                        + " configurations, more than max-configurations " + profile.maxConfigurations()
                        + " of profile " + profile.name() + "; raise the bound or narrow allowed_values");
            }
        }
        Map<String, Suite> suites = new LinkedHashMap<>();
        ServiceLoader.load(Suite.class, Runner.class.getClassLoader()).forEach(s -> suites.put(s.name(), s));
        Map<String, List<Case>> plan = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (String name : profile.suites()) {
            Suite s = suites.get(name);
            if (s == null) {
                throw new ManifestException(profile.file() + ": suite " + name + " is not available in this build");
            }
            List<Case> cases = new ArrayList<>();
            for (Case c : s.plan(ctx)) {
                if (!ids.add(c.id())) {
                    throw new IllegalStateException("two cases share the id " + c.id());
                }
                if (keep(c, profile, o)) {
                    cases.add(c);
                }
            }
            plan.put(name, cases);
        }
        return plan;
    }

    private static boolean keep(Case c, Profile profile, RunOptions o) {
        if (c.rules().stream().noneMatch(profile.rules()::contains)) {
            return false;
        }
        if (o.caseId() != null) {
            return c.id().equals(o.caseId());
        }
        return o.only().isEmpty() || o.only().contains(c.suite())
                || c.rules().stream().anyMatch(r -> o.only().stream().anyMatch(x -> x.equalsIgnoreCase(r.id())));
    }

    private int execute(RunOptions o, DeviceManifest manifest, Profile profile, OpenedDevice device,
                        Map<String, List<Case>> plan, long total, String started) throws IOException {
        Path outDir = o.out();
        Files.createDirectories(outDir);
        Path allure = outDir.resolve("allure-results");
        deleteTree(allure);
        Files.createDirectories(allure);
        Path results = outDir.resolve("results.jsonl");
        AtomicLong done = new AtomicLong();
        Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> rerun = rerunPrefix(o);
        out.println("migcert: " + manifest.model() + " (" + device.implementations().size() + " implementations), profile "
                + profile.name() + ", " + total + " cases -> " + outDir);
        try (ResultsWriter writer = ResultsWriter.create(results)) {
            RunContext.set(new RunContext(plan, r -> {
                try {
                    writer.append(r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                finished.add(r.id());
                out.println(ConsoleReport.progressLine(done.incrementAndGet(), OptionalLong.of(total), r));
            }, profile.caseTimeout(), rerun, o.jobs()));
            TestExecutionSummary summary = launch(plan, allure, o.jobs());
            // No silent skips: a planned case that never reported is an ERROR in the results.
            plan.values().stream().flatMap(List::stream).filter(c -> !finished.contains(c.id()))
                    .forEach(c -> {
                        try {
                            writer.append(neverRan(c, rerun, summary));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } finally {
            RunContext.set(null);
        }
        RunInfo info = new RunInfo(manifest.file().toString(), profile.file().toString(), manifest.model(),
                device.implementations().stream().map(Implementation::id).toList(), started, Instant.now().toString(),
                Version.get(), Shell.join(rerun));
        Summary s = ReportRenderer.renderAll(results, outDir, info);
        ConsoleReport.print(s, new ResultsFile(results), out);
        out.println("reports: " + outDir.resolve(ReportRenderer.REPORT_HTML) + ", " + outDir.resolve(ReportRenderer.REPORT_JSON)
                + ", " + outDir.resolve(ReportRenderer.JUNIT_XML) + ", " + allure);
        return s.overall().exitCode();
    }

    private static TestExecutionSummary launch(Map<String, List<Case>> plan, Path allureDir, int jobs) {
        // A lifecycle per run: Allure's default is a JVM-wide singleton bound to the first results directory.
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allureDir)));
        LauncherDiscoveryRequestBuilder req = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                // Cases are independent (each creates and closes its own instances): run them side by side.
                .configurationParameter("junit.jupiter.execution.parallel.enabled", Boolean.toString(jobs > 1))
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(jobs));
        ServiceLoader.load(Suite.class, Runner.class.getClassLoader()).forEach(s -> {
            if (plan.containsKey(s.name()) && !plan.get(s.name()).isEmpty()) {
                req.selectors(DiscoverySelectors.selectClass(s.testClass()));
            }
        });
        LauncherDiscoveryRequest request = req.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static CaseResult neverRan(Case c, List<String> rerun, TestExecutionSummary s) {
        String why = s.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .reduce((a, b) -> a + "; " + b).orElse("the test engine did not run it");
        List<String> argv = new ArrayList<>(rerun);
        argv.add("--case");
        argv.add(c.id());
        return new CaseResult(c.id(), c.suite(), c.ruleIds(), c.title(), c.source(), c.destination(), c.configuration(),
                c.expectation().outcome(), c.expectation().because(), Observed.HARNESS_ERROR, "case never ran: " + why,
                Verdict.ERROR, 0, Shell.join(argv), Instant.now().toString());
    }

    private static List<String> rerunPrefix(RunOptions o) {
        List<String> argv = new ArrayList<>(List.of(Home.launcher(), "run", "--device", display(o.device()), "--profile",
                display(o.profile())));
        if (!o.out().equals(RunOptions.DEFAULT_OUT)) {
            argv.add("--out");
            argv.add(display(o.out()));
        }
        return argv;
    }

    /** Paths inside the working directory are shown relative to it, so rerun commands are short and portable. */
    private static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
