package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Rule;
import org.migcert.rules.Verdict;

/** The main job on the bundled reference family: conformant, every report written, every in-scope rule checked. */
class RefnicConformanceTest {
    @TempDir
    static Path out;
    static Cli run;
    static List<CaseResult> results;

    @BeforeAll
    static void runOnce() throws IOException {
        run = Cli.run("run", "--out", out.toString());
        results = Cli.results(out);
    }

    @Test
    void exitsZeroAndEveryCasePassesOrIsNotApplicableWithAReason() {
        assertEquals(0, run.exit, run::toString);
        for (CaseResult r : results) {
            assertTrue(r.verdict() == Verdict.PASS || r.verdict() == Verdict.NOT_APPLICABLE, r::toString);
            if (r.verdict() == Verdict.NOT_APPLICABLE) {
                assertFalse(r.because().isBlank(), "not applicable without a reason: " + r.id());
            }
        }
    }

    @Test
    void everyCaseKeepsItsRecordedVerdict() throws IOException {
        GoldenVerdicts.assertUnchanged("refnic", results);
    }

    @Test
    void writesEveryReport() throws IOException {
        for (String f : List.of("results.jsonl", "report.json", "junit.xml", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (Stream<Path> s = Files.list(out.resolve("allure-results"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith("-result.json")), "allure results written");
        }
    }

    @Test
    void everyResultNamesRulesImplementationsConfigurationAndARerunCommand() {
        for (CaseResult r : results) {
            assertFalse(r.rules().isEmpty(), r.id());
            assertFalse(r.source() == null || r.source().isBlank(), r.id());
            assertFalse(r.configuration() == null || r.configuration().isBlank(), r.id());
            // Absolute paths: the command works from any directory.
            assertTrue(r.rerun().startsWith(Path.of("migcert").toAbsolutePath() + " run --device "
                    + Path.of("fixtures/devices/refnic/device.yaml").toAbsolutePath() + " --profile "), r.rerun());
            assertTrue(r.rerun().contains("--case"), r.rerun());
        }
    }

    @Test
    void everyRuleInScopeHasAPassingCheck() {
        Set<String> passed = results.stream().filter(r -> r.verdict() == Verdict.PASS)
                .flatMap(r -> r.rules().stream()).collect(Collectors.toSet());
        for (Rule rule : inScope()) {
            assertTrue(passed.contains(rule.id()), rule.id() + " has no passing check on refnic");
        }
    }

    @Test
    void caseIdsAreUnique() {
        assertEquals(results.size(), results.stream().map(CaseResult::id).distinct().count());
    }

    /** Rules of the open issues: all but DEFAULT-3 (strict profile only). */
    static Set<Rule> inScope() {
        Set<Rule> s = EnumSet.allOf(Rule.class);
        s.remove(Rule.DEFAULT_3);
        return s;
    }
}
