package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * it breaks, every BLOCKED case names a finding that fails in the same run, and every case keeps
 * its recorded verdict ({@link GoldenVerdicts}).
 */
class BrokenFixturesVerdictTest {
    static Stream<Path> brokenManifests() throws IOException {
        return Cli.manifestsUnder("fixtures/devices/broken", 17);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void failsOnTheRuleItBreaks(Path manifest, @TempDir Path out) throws IOException {
        assertFailsOnTheRuleItBreaks(manifest, out, manifest.getParent().getFileName().toString());
    }

    /**
     * Runs a broken fixture (with {@code args} added, such as a profile): it exits 1, the rule on its
     * {@code breaks:} line fails, nothing is a harness error, every BLOCKED case names a failing
     * finding, and every case has the verdict recorded under {@code golden}.
     */
    static void assertFailsOnTheRuleItBreaks(Path manifest, Path out, String golden, String... args)
            throws IOException {
        String breaks = Cli.breaks(manifest);
        List<String> argv = new java.util.ArrayList<>(List.of("run", "--device", manifest.toString(), "--out",
                out.toString()));
        argv.addAll(List.of(args));
        Cli run = Cli.run(argv.toArray(String[]::new));
        assertEquals(1, run.exit, run::toString);
        List<CaseResult> results = Cli.results(out);
        Set<String> failing = results.stream().filter(r -> r.verdict() == Verdict.FAIL)
                .flatMap(r -> r.rules().stream()).collect(Collectors.toSet());
        assertTrue(failing.contains(breaks), manifest + " breaks " + breaks + " but the failing rules are " + failing);
        assertTrue(results.stream().noneMatch(r -> r.verdict() == Verdict.ERROR), "no harness errors on " + manifest);
        assertEveryBlockedCaseNamesAFailingFinding(results);
        GoldenVerdicts.assertUnchanged(golden, results);
    }

    /** A blocked case points at a case of the whole run that reports the device's failure: never at nothing. */
    static void assertEveryBlockedCaseNamesAFailingFinding(List<CaseResult> results) {
        Map<String, Verdict> verdicts = results.stream().collect(Collectors.toMap(CaseResult::id, CaseResult::verdict));
        for (CaseResult r : results) {
            if (r.verdict() == Verdict.BLOCKED) {
                assertEquals(Verdict.FAIL, verdicts.get(r.blockedBy()), r.id() + " is blocked by " + r.blockedBy());
            } else {
                assertNull(r.blockedBy(), r.id());
            }
        }
    }
}
