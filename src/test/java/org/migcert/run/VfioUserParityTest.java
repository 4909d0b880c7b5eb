package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.migcert.adapters.vfiouser.InJvmVfioUserAdapter;
import org.migcert.rules.Verdict;

/**
 * The refnic family as vfio-user device programs gets the same verdict for every case as in
 * process (java adapter), and broken device programs fail on the rule they break. Whole profiles
 * run their programs on threads of this JVM over real UNIX sockets ({@link InJvmManifest}); one
 * process per instance, where the process boundary itself is tested (exit status, stderr,
 * SIGTERM, a JVM per device), runs for a sample of refnic's cases and for the cases of the rule
 * each broken program breaks.
 */
class VfioUserParityTest {
    private static final Path REFNIC_VFIO_USER = Path.of("fixtures/devices/refnic-vfio-user/device.yaml");
    /**
     * The refnic cases run with one process per instance, across all three versions: refusals by
     * exit status 1 with the reason on stderr (PARAM-1), an instance with no parameters (PARAM-2),
     * a foreign state refused at load (MODEL-1), migrations from newer to older versions that
     * skip the newer optional records (OPT-3), the state machine's claim (FSM-1), and a source
     * resuming after a corrupted or impossible migration (ROBUST-2).
     */
    private static final List<String> PROCESS_SAMPLE = List.of("PARAM-1", "PARAM-2", "MODEL-1", "OPT-3", "FSM-1",
            "ROBUST-2");

    @AfterEach
    void nothingLeftRunning() {
        assertEquals(List.of(), InJvmVfioUserAdapter.liveThreads(), "in-JVM device programs still running");
    }

    @Test
    void everyCaseHasTheSameVerdictInProcessAndOverVfioUser(@TempDir Path dir) throws IOException {
        Map<String, Verdict> verdicts = assertSameVerdictsAsInProcess(dir, InJvmManifest.write(REFNIC_VFIO_USER, dir));
        assertTrue(verdicts.size() > 300, "the whole certification profile ran: " + verdicts.size());
    }

    @Test
    void sampleHasTheSameVerdictWithOneProcessPerInstance(@TempDir Path dir) throws IOException {
        Map<String, Verdict> verdicts = assertSameVerdictsAsInProcess(dir, REFNIC_VFIO_USER, "--only",
                String.join(",", PROCESS_SAMPLE));
        assertEquals(Set.copyOf(PROCESS_SAMPLE), rulesOf(verdicts.keySet()), "every sampled rule ran");
    }

    static Stream<Path> brokenPrograms() throws IOException {
        return Cli.manifestsUnder("fixtures/devices/broken-vfio-user", 3);
    }

    /**
     * The whole StateMachine suite in this JVM fails on the broken rule, among others the breakage
     * may entail, without harness errors, every case with its recorded verdict; the cases of that rule, with one process per instance,
     * get the same verdicts.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPrograms")
    void brokenProgramFailsOnItsRule(Path manifest, @TempDir Path dir) throws IOException {
        String breaks = Cli.breaks(manifest);
        Map<String, Verdict> suite = run(1, dir.resolve("in-jvm"), InJvmManifest.write(manifest, dir), "--only",
                "StateMachine");
        Map<String, Verdict> failing = where(suite, (id, v) -> v == Verdict.FAIL);
        assertTrue(rulesOf(failing.keySet()).contains(breaks), manifest + " breaks " + breaks + ", but: " + failing);
        assertEquals(Map.of(), where(suite, (id, v) -> v == Verdict.ERROR), "harness errors");
        GoldenVerdicts.assertUnchanged("vfio-user-" + manifest.getParent().getFileName(), Cli.results(dir.resolve("in-jvm")));

        Map<String, Verdict> processes = run(1, dir.resolve("processes"), manifest, "--only", breaks);
        assertEquals(where(suite, (id, v) -> ruleOf(id).equals(breaks)), processes, "one process per instance");
    }

    /**
     * Runs the certification profile (with {@code options}) in process and over {@code manifest},
     * asserts both conform with identical verdicts case by case, and returns them.
     */
    private static Map<String, Verdict> assertSameVerdictsAsInProcess(Path dir, Path manifest, String... options)
            throws IOException {
        Map<String, Verdict> inProcess = run(0, dir.resolve("java"), null, options);
        Map<String, Verdict> overVfioUser = run(0, dir.resolve("vfio-user"), manifest, options);
        assertEquals(inProcess.keySet(), overVfioUser.keySet(), "both runs plan the same cases");
        assertEquals(inProcess, overVfioUser);
        return inProcess;
    }

    /** Runs the CLI on {@code manifest} (the bundled refnic when null), asserts its exit code, returns the verdicts. */
    private static Map<String, Verdict> run(int exit, Path out, Path manifest, String... options) throws IOException {
        Stream<String> device = manifest == null ? Stream.of() : Stream.of("--device", manifest.toString());
        String[] args = Stream.of(Stream.of("run", "--out", out.toString()), device, Stream.of(options))
                .flatMap(s -> s).toArray(String[]::new);
        Cli run = Cli.run(args);
        assertEquals(exit, run.exit, run::toString);
        return Cli.verdicts(Cli.results(out));
    }

    private static Set<String> rulesOf(Set<String> caseIds) {
        return caseIds.stream().map(VfioUserParityTest::ruleOf).collect(Collectors.toSet());
    }

    /** The rule of a case id {@code Suite/RULE/...}. */
    private static String ruleOf(String caseId) {
        return caseId.split("/")[1];
    }

    private static Map<String, Verdict> where(Map<String, Verdict> verdicts, BiPredicate<String, Verdict> keep) {
        return verdicts.entrySet().stream().filter(e -> keep.test(e.getKey(), e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
    }
}
