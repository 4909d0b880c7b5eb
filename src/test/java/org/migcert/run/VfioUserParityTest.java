package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * The refnic family out of process (vfio-user device programs) gets the same verdict for every
 * case as in process (java adapter); broken device programs fail on the rule they break.
 */
class VfioUserParityTest {
    @Test
    void everyCaseHasTheSameVerdictInProcessAndOverVfioUser(@TempDir Path java, @TempDir Path vfio) throws IOException {
        Cli inProcess = Cli.run("run", "--out", java.toString());
        Cli outOfProcess = Cli.run("run", "--device", "fixtures/devices/refnic-vfio-user/device.yaml", "--out",
                vfio.toString());
        assertEquals(0, inProcess.exit, inProcess::toString);
        assertEquals(0, outOfProcess.exit, outOfProcess::toString);
        Map<String, Verdict> a = verdicts(Cli.results(java));
        Map<String, Verdict> b = verdicts(Cli.results(vfio));
        assertEquals(a.keySet(), b.keySet(), "both runs plan the same cases");
        assertEquals(a, b);
        assertTrue(a.size() > 300, "the whole certification profile ran: " + a.size());
    }

    static Stream<Path> brokenPrograms() throws IOException {
        return Cli.manifestsUnder("fixtures/devices/broken-vfio-user", 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPrograms")
    void brokenProgramFailsOnItsRule(Path manifest, @TempDir Path out) throws IOException {
        String breaks = Cli.breaks(manifest);
        Cli run = Cli.run("run", "--device", manifest.toString(), "--only", "StateMachine", "--out", out.toString());
        assertEquals(1, run.exit, run::toString);
        Set<String> failing = Cli.results(out).stream().filter(r -> r.verdict() == Verdict.FAIL)
                .flatMap(r -> r.rules().stream()).collect(Collectors.toSet());
        assertTrue(failing.contains(breaks), manifest + " breaks " + breaks + " but the failing rules are " + failing);
    }

    private static Map<String, Verdict> verdicts(List<CaseResult> results) {
        return results.stream().collect(Collectors.toMap(CaseResult::id, CaseResult::verdict, (x, y) -> {
            throw new AssertionError("duplicate case id");
        }, TreeMap::new));
    }
}
