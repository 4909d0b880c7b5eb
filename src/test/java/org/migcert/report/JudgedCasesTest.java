package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.migcert.manifest.Waiver;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Rule;
import org.migcert.rules.Verdict;

/**
 * The cases as reports see them: a case's attempts made one (FLAKY only when judged attempts disagree),
 * and the one waiver overlay: WAIVED only for a device failure under a waiver in force, never for a pass
 * or a harness error, never by an expired waiver or under a profile that forbids waivers.
 */
class JudgedCasesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    @Test
    void attemptsThatDisagreeAreFlakyAndAgreeingOnesKeepTheirVerdict() throws IOException {
        List<CaseResult> raw = List.of(
                attempt("a", Verdict.FAIL, 1), attempt("a", Verdict.PASS, 2),
                attempt("b", Verdict.FAIL, 1), attempt("b", Verdict.FAIL, 2), attempt("b", Verdict.FAIL, 3),
                attempt("c", Verdict.FAIL, 1), attempt("c", Verdict.ERROR, 2),
                Cases.of("d", "MigrationMatrix", Verdict.PASS, "COMPAT-1"));
        List<CaseResult> judged = judge(raw, Waivers.none());
        assertEquals(List.of("a", "b", "c", "d"), judged.stream().map(CaseResult::id).toList());
        assertEquals(List.of(Verdict.FLAKY, Verdict.FAIL, Verdict.FAIL, Verdict.PASS),
                judged.stream().map(CaseResult::verdict).toList());
        assertEquals(List.of(Verdict.FAIL, Verdict.PASS), judged.get(0).attempts().stream().map(a -> a.verdict()).toList());
        assertEquals(3, judged.get(1).attempts().size());
        assertEquals(List.of(), judged.get(3).attempts(), "a case run once lists no attempts");
    }

    @Test
    void onlyADeviceFailureUnderAWaiverInForceIsWaived() throws IOException {
        Waiver rule = waiver(Optional.empty(), Optional.of(Rule.COMPAT_2), DAY);
        Waiver lapsed = waiver(Optional.of("m3"), Optional.empty(), DAY.minusDays(1));
        List<CaseResult> raw = List.of(
                Cases.of("m1", "MigrationMatrix", Verdict.FAIL, "COMPAT-2"),
                Cases.of("m2", "MigrationMatrix", Verdict.PASS, "COMPAT-2"),
                Cases.of("m3", "MigrationMatrix", Verdict.FAIL, "COMPAT-1"),
                Cases.of("m4", "MigrationMatrix", Verdict.ERROR, "COMPAT-2"));
        Waivers waivers = new Waivers(List.of(rule, lapsed), DAY, true);
        List<CaseResult> judged = judge(raw, waivers);
        assertEquals(List.of(Verdict.WAIVED, Verdict.PASS, Verdict.FAIL, Verdict.ERROR),
                judged.stream().map(CaseResult::verdict).toList());
        assertEquals("BUG-1", judged.get(0).waiver().tracking());
        assertNull(judged.get(2).waiver());
        assertEquals(List.of(lapsed), waivers.expired());
        assertEquals(List.of(), waivers.unused());

        Waivers forbidden = new Waivers(List.of(rule), DAY, false);
        assertEquals(Verdict.FAIL, judge(raw, forbidden).get(0).verdict(), "the profile forbids waivers");
        assertEquals(Waivers.Standing.FORBIDDEN, forbidden.match(raw.get(0)).orElseThrow().standing());
    }

    @Test
    void aWaiverThatCoversNothingIsUnused() throws IOException {
        Waivers waivers = new Waivers(List.of(waiver(Optional.empty(), Optional.of(Rule.FSM_3), DAY)), DAY, true);
        judge(Cases.mixed(), waivers);
        assertEquals(1, waivers.unused().size());
    }

    private static List<CaseResult> judge(List<CaseResult> raw, Waivers waivers) throws IOException {
        List<CaseResult> out = new ArrayList<>();
        new JudgedCases(CaseSource.of(raw), waivers).forEach(out::add);
        return out;
    }

    private static CaseResult attempt(String id, Verdict v, int n) {
        return Cases.of(id, "MigrationMatrix", v, "COMPAT-2").asAttempt(n);
    }

    private static Waiver waiver(Optional<String> id, Optional<Rule> rule, LocalDate expires) {
        return new Waiver(id, rule, "known", "BUG-1", expires, Optional.empty(), "waivers.yaml:2:5");
    }
}
