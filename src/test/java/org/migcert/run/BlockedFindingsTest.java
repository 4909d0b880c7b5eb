package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Phase;
import org.migcert.rules.Verdict;

/**
 * A failure in a step that only prepares a case is the finding of the rule that step exercises,
 * reported once by that rule's case; the cases it prepared are BLOCKED on it, never FAIL.
 */
class BlockedFindingsTest {
    private static final Path REFUSES_CONFIG = Path.of("fixtures/devices/broken/info1-refuses-allowed-config/device.yaml");
    private static final Path CRASHES_SAVING = Path.of("fixtures/devices/broken/fsm4-crashes-while-saving/device.yaml");
    /** The configuration 1.2 of info1-refuses-allowed-config refuses, whatever its rx-filter-size. */
    private static final String REFUSED = "csum-offload=on,mtu=9000,";

    @Test
    void aRefusedAllowedConfigurationIsOneInfo1FailureAndBlocksItsMigrations(@TempDir Path out) throws IOException {
        Cli run = Cli.run("run", "--device", REFUSES_CONFIG.toString(), "--out", out.toString(), "--only",
                "INFO-1,COMPAT-1,COMPAT-2");
        assertEquals(1, run.exit, run::toString);
        List<CaseResult> results = Cli.results(out);
        Set<String> findings = ids(results, Verdict.FAIL);
        assertEquals(Set.of("Info/INFO-1/1.2/" + REFUSED + "rx-filter-size=0/instantiates",
                "Info/INFO-1/1.2/" + REFUSED + "rx-filter-size=32/instantiates",
                "Info/INFO-1/1.2/" + REFUSED + "rx-filter-size=64/instantiates"), findings,
                "one INFO-1 failure per refused configuration, and nothing else fails");
        List<CaseResult> blocked = results.stream().filter(r -> r.verdict() == Verdict.BLOCKED).toList();
        assertFalse(blocked.isEmpty());
        for (CaseResult r : blocked) {
            assertTrue(r.configuration().startsWith(REFUSED) && r.source().equals("1.2"), r.id());
            assertEquals(Phase.CREATE_SOURCE, r.phase(), r.id());
            assertEquals("Info/INFO-1/1.2/" + r.configuration() + "/instantiates", r.blockedBy(), r.id());
        }
        assertTrue(run.out.contains("BLOCKED 4 cases by the finding of Info/INFO-1/1.2/" + REFUSED), run.out);
    }

    @Test
    void aReferenceStateThatCannotBeSavedBlocksTheCasesThatCorruptIt(@TempDir Path out) throws IOException {
        // The finding, the migration of 1.2 to itself, is not selected: the run is still not conformant.
        Cli run = Cli.run("run", "--device", CRASHES_SAVING.toString(), "--out", out.toString(), "--only",
                "ROBUST-1,FSM-5");
        assertEquals(1, run.exit, run::toString);
        assertTrue(run.out.contains("VERDICT: NOT_CONFORMANT (0 fail, "), run.out);
        List<CaseResult> results = Cli.results(out);
        assertEquals(Set.of(), ids(results, Verdict.FAIL), "a crash while preparing is never the checked rule's failure");
        Map<String, List<CaseResult>> bySource = results.stream().collect(Collectors.groupingBy(CaseResult::source));
        for (CaseResult r : bySource.get("1.2")) {
            if (r.verdict() != Verdict.NOT_APPLICABLE && !r.id().endsWith("/reset-from-error")) {
                assertEquals(Verdict.BLOCKED, r.verdict(), r.id());
                assertEquals(Phase.REFERENCE_STATE, r.phase(), r.id());
                assertEquals("MigrationMatrix/COMPAT-1/1.2>1.2/csum-offload=off,mtu=1500,rx-filter-size=0",
                        r.blockedBy(), r.id());
            }
        }
        assertTrue(bySource.get("1.0").stream().allMatch(r -> r.verdict() == Verdict.PASS
                || r.verdict() == Verdict.NOT_APPLICABLE), "the other versions are unaffected");
    }

    private static Set<String> ids(List<CaseResult> results, Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).map(CaseResult::id).collect(Collectors.toSet());
    }
}
