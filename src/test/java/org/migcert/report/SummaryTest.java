package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

class SummaryTest {

    private static Summary.Overall overall(Verdict... verdicts) {
        List<CaseResult> cases = new java.util.ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            cases.add(Cases.of("c" + i, "Info", verdicts[i], "INFO-1"));
        }
        return Summary.of(cases).overall();
    }

    @Test
    void passesAndNotApplicableAreConformant() {
        assertEquals(Summary.Overall.CONFORMANT, overall(Verdict.PASS, Verdict.NOT_APPLICABLE));
    }

    @Test
    void anyFailIsNotConformantEvenWithErrors() {
        assertEquals(Summary.Overall.NOT_CONFORMANT, overall(Verdict.PASS, Verdict.FAIL));
        assertEquals(Summary.Overall.NOT_CONFORMANT, overall(Verdict.ERROR, Verdict.FAIL, Verdict.PASS));
    }

    @Test
    void flakyIsNotConformantAndOnlyWaivedFailuresAreKnownFailuresNeverAPass() {
        assertEquals(Summary.Overall.NOT_CONFORMANT, overall(Verdict.PASS, Verdict.FLAKY));
        assertEquals(Summary.Overall.NOT_CONFORMANT, overall(Verdict.WAIVED, Verdict.FLAKY));
        assertEquals(Summary.Overall.KNOWN_FAILURES_ONLY, overall(Verdict.PASS, Verdict.WAIVED));
        assertEquals(Summary.Overall.KNOWN_FAILURES_ONLY, overall(Verdict.WAIVED));
        assertEquals(Summary.Overall.HARNESS_ERROR, overall(Verdict.PASS, Verdict.WAIVED, Verdict.ERROR));
        Summary s = Summary.of(List.of(Cases.of("w", "Info", Verdict.WAIVED, "INFO-1"),
                Cases.of("f", "Info", Verdict.FLAKY, "INFO-1")));
        assertEquals(new Summary.Counts(0, 0, 0, 0, 0, 1, 1), s.byRule().get("INFO-1"));
    }

    @Test
    void blockedIsNotConformantEvenWithoutFailOrWithErrors() {
        assertEquals(Summary.Overall.NOT_CONFORMANT, overall(Verdict.PASS, Verdict.BLOCKED));
        assertEquals(Summary.Overall.NOT_CONFORMANT, overall(Verdict.PASS, Verdict.BLOCKED, Verdict.ERROR));
        assertEquals(Summary.Overall.NOT_CONFORMANT, overall(Verdict.BLOCKED));
    }

    @Test
    void blockedCountsApartFromTheRulesFailures() {
        Summary s = Summary.of(Cases.mixedAndBlocked());
        assertEquals(2, s.count(Verdict.BLOCKED));
        assertEquals(1, s.count(Verdict.FAIL));
        assertEquals(new Summary.Counts(1, 1, 0, 0, 1), s.byRule().get("COMPAT-2"));
        assertEquals(new Summary.Counts(0, 0, 0, 0, 1), s.byRule().get("ROBUST-1"));
        assertEquals(8, s.total());
    }

    @Test
    void errorWithoutFailIsAHarnessError() {
        assertEquals(Summary.Overall.HARNESS_ERROR, overall(Verdict.PASS, Verdict.ERROR));
    }

    @Test
    void notApplicableAloneIsNotConformant() {
        Summary.Overall o = overall(Verdict.NOT_APPLICABLE, Verdict.NOT_APPLICABLE);
        assertNotEquals(Summary.Overall.CONFORMANT, o);
        assertEquals(Summary.Overall.NO_EVIDENCE, o);
        assertEquals(Summary.Overall.NO_EVIDENCE, overall());
    }

    @Test
    void anUnreadableLineKeepsARunFromBeingConformant() {
        Summary.Tally t = new Summary.Tally();
        t.accept(Cases.of("a", "Info", Verdict.PASS, "INFO-1"));
        t.unreadable(List.of(new ResultsFile.BadLine(2, "garbage", true)));
        assertEquals(Summary.Overall.HARNESS_ERROR, t.summary().overall());
        t.accept(Cases.of("b", "Info", Verdict.FAIL, "INFO-1"));
        assertEquals(Summary.Overall.NOT_CONFORMANT, t.summary().overall());
    }

    @Test
    void countsByVerdictRuleAndSuite() {
        Summary s = Summary.of(Cases.mixed());
        assertEquals(6, s.total());
        assertEquals(3, s.count(Verdict.PASS));
        assertEquals(1, s.count(Verdict.FAIL));
        assertEquals(1, s.count(Verdict.ERROR));
        assertEquals(1, s.count(Verdict.NOT_APPLICABLE));
        // m1 enforces COMPAT-1 and COMPAT-2: it counts for both.
        assertEquals(new Summary.Counts(1, 1, 0, 0, 0), s.byRule().get("COMPAT-2"));
        assertEquals(new Summary.Counts(1, 0, 0, 0, 0), s.byRule().get("COMPAT-1"));
        assertEquals(new Summary.Counts(0, 0, 1, 1, 0), s.bySuite().get("OptionalData"));
        assertEquals(new Summary.Counts(1, 1, 0, 0, 0), s.bySuite().get("MigrationMatrix"));
        assertEquals(Summary.Overall.NOT_CONFORMANT, s.overall());
    }

    @Test
    void rulesAreOrderedByFamilyThenNumber() {
        Summary s = Summary.of(List.of(
                Cases.of("a", "X", Verdict.PASS, "COMPAT-10"),
                Cases.of("b", "X", Verdict.PASS, "COMPAT-2"),
                Cases.of("c", "X", Verdict.PASS, "BWD-1")));
        assertEquals(List.of("BWD-1", "COMPAT-2", "COMPAT-10"), List.copyOf(s.byRule().keySet()));
    }

    @Test
    void aCaseWithoutSuiteIsStillCounted() {
        Summary s = Summary.of(List.of(Cases.of("a", null, Verdict.PASS, "INFO-1")));
        assertEquals(1, s.bySuite().get(Summary.NO_SUITE).pass());
    }
}
