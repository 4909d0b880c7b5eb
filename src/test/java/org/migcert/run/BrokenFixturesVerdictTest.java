package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * Each deliberately broken device fails the run, among the failures is the rule its manifest says
 * it breaks, and every case keeps its recorded verdict ({@link GoldenVerdicts}).
 */
class BrokenFixturesVerdictTest {
    static Stream<Path> brokenManifests() throws IOException {
        return Cli.manifestsUnder("fixtures/devices/broken", 14);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void failsOnTheRuleItBreaks(Path manifest, @TempDir Path out) throws IOException {
        String breaks = Cli.breaks(manifest);
        Cli run = Cli.run("run", "--device", manifest.toString(), "--out", out.toString());
        assertEquals(1, run.exit, run::toString);
        List<CaseResult> results = Cli.results(out);
        Set<String> failing = results.stream().filter(r -> r.verdict() == Verdict.FAIL)
                .flatMap(r -> r.rules().stream()).collect(Collectors.toSet());
        assertTrue(failing.contains(breaks), manifest + " breaks " + breaks + " but the failing rules are " + failing);
        assertTrue(results.stream().noneMatch(r -> r.verdict() == Verdict.ERROR), "no harness errors on " + manifest);
        GoldenVerdicts.assertUnchanged(manifest.getParent().getFileName().toString(), results);
    }
}
