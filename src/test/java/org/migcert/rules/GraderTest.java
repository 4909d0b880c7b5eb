package org.migcert.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.migcert.rules.Expected.ACCEPTED;
import static org.migcert.rules.Expected.IDENTICAL;
import static org.migcert.rules.Expected.MIGRATES;
import static org.migcert.rules.Expected.NOT_APPLICABLE;
import static org.migcert.rules.Expected.REFUSED;
import static org.migcert.rules.Expected.REFUSED_AT_CREATE;
import static org.migcert.rules.Expected.REJECTED;
import static org.migcert.rules.Expected.SURVIVES;
import static org.migcert.rules.Observed.HARNESS_ERROR;
import static org.migcert.rules.Observed.MIGRATED;
import static org.migcert.rules.Observed.NOT_RUN;
import static org.migcert.rules.Observed.REFUSED_AT_LOAD;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole expected x observed table of {@link Grader}, written out independently. */
class GraderTest {
    /** The observations that meet each expectation; every other observation FAILs (or is ERROR). */
    static final Map<Expected, Set<Observed>> PASSES = Map.of(
            MIGRATES, EnumSet.of(MIGRATED),
            REFUSED_AT_CREATE, EnumSet.of(Observed.REFUSED_AT_CREATE),
            REFUSED, EnumSet.of(Observed.REFUSED_AT_CREATE, REFUSED_AT_LOAD),
            IDENTICAL, EnumSet.of(Observed.IDENTICAL),
            ACCEPTED, EnumSet.of(Observed.ACCEPTED),
            REJECTED, EnumSet.of(Observed.REJECTED, Observed.REFUSED_AT_CREATE, REFUSED_AT_LOAD),
            SURVIVES, EnumSet.complementOf(EnumSet.of(Observed.CRASHED, Observed.HUNG, Observed.PROTOCOL,
                    Observed.SOURCE_FAILED, Observed.START_FAILED, HARNESS_ERROR, NOT_RUN)),
            NOT_APPLICABLE, EnumSet.noneOf(Observed.class));

    /** The steps that only prepare a case: what the device does wrong there blocks the case. */
    static final Set<Phase> PREPARING = EnumSet.of(Phase.CREATE_SOURCE, Phase.REFERENCE_STATE);

    static Verdict expectedVerdict(Expected e, Observed o, Phase p) {
        if (e == NOT_APPLICABLE) {
            return Verdict.NOT_APPLICABLE;
        }
        if (o == HARNESS_ERROR || o == NOT_RUN || o == Observed.START_FAILED) {
            return Verdict.ERROR; // nothing of the device was observed
        }
        if (PREPARING.contains(p)) {
            return Verdict.BLOCKED; // the rule was not checked, whatever the observation looks like
        }
        return PASSES.get(e).contains(o) ? Verdict.PASS : Verdict.FAIL;
    }

    /** Expectation x observation x phase. */
    @Test
    void wholeTable() {
        assertEquals(EnumSet.allOf(Expected.class), EnumSet.copyOf(PASSES.keySet()), "the table covers every expectation");
        List<String> wrong = new ArrayList<>();
        for (Expected e : Expected.values()) {
            for (Observed o : Observed.values()) {
                for (Phase p : Phase.values()) {
                    Verdict got = Grader.grade(Expectation.of(e, "why"), Observation.in(p, o, "seen"));
                    if (got != expectedVerdict(e, o, p)) {
                        wrong.add(e + " x " + o + " in " + p + " = " + got + ", expected " + expectedVerdict(e, o, p));
                    }
                }
                Verdict checked = Grader.grade(Expectation.of(e, "why"), Observation.of(o, "seen"));
                assertEquals(checked == Verdict.PASS, Grader.satisfies(e, o) && e != NOT_APPLICABLE
                        && o != HARNESS_ERROR && o != NOT_RUN && o != Observed.START_FAILED, e + " x " + o);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void onlyPreparingPhasesBlock() {
        for (Phase p : Phase.values()) {
            assertEquals(PREPARING.contains(p), p.prepares(), p.name());
        }
    }

    @Test
    void aFailedPreparationIsNeverAPassNorTheRulesFailure() {
        for (Expected e : EnumSet.complementOf(EnumSet.of(NOT_APPLICABLE))) {
            for (Observed o : List.of(Observed.SOURCE_FAILED, Observed.CRASHED, Observed.HUNG, Observed.PROTOCOL,
                    Observed.REFUSED_AT_CREATE)) {
                Observation blocked = Observation.in(Phase.CREATE_SOURCE, o, "refused")
                        .withFinding("Info/INFO-1/1.0/mtu=9000/instantiates");
                assertEquals(Verdict.BLOCKED, Grader.grade(Expectation.of(e, ""), blocked), e + " x " + o);
                assertEquals(Verdict.BLOCKED, Grader.grade(Expectation.of(e, ""), Observation.in(Phase.REFERENCE_STATE,
                        o, "crashed while saving")), e + " x " + o);
            }
            // The harness's own fault stays ERROR in a preparing step too.
            assertEquals(Verdict.ERROR, Grader.grade(Expectation.of(e, ""),
                    Observation.in(Phase.REFERENCE_STATE, HARNESS_ERROR, "NPE")), e.name());
        }
    }

    @Test
    void notApplicableIsNeverPass() {
        for (Observed o : Observed.values()) {
            assertEquals(Verdict.NOT_APPLICABLE, Grader.grade(Expectation.notApplicable("opaque state"),
                    Observation.of(o, "")), o.name());
        }
    }

    @Test
    void harnessErrorIsErrorNotFail() {
        for (Expected e : EnumSet.complementOf(EnumSet.of(NOT_APPLICABLE))) {
            assertEquals(Verdict.ERROR, Grader.grade(Expectation.of(e, ""), Observation.of(HARNESS_ERROR, "NPE")), e.name());
            assertEquals(Verdict.ERROR, Grader.grade(Expectation.of(e, ""), Observation.of(NOT_RUN, "")), e.name());
        }
    }

    @Test
    void crashesHangsSourceFailuresAndDivergenceNeverPass() {
        for (Expected e : Expected.values()) {
            for (Observed o : List.of(Observed.CRASHED, Observed.HUNG, Observed.SOURCE_FAILED, Observed.DIVERGED)) {
                if (e == SURVIVES && o == Observed.DIVERGED) {
                    continue; // a corrupted payload may load and differ: surviving it is all ROBUST-1 asks
                }
                Verdict v = Grader.grade(Expectation.of(e, ""), Observation.of(o, ""));
                assertNotEquals(Verdict.PASS, v, e + " x " + o);
                assertEquals(e == NOT_APPLICABLE ? Verdict.NOT_APPLICABLE : Verdict.FAIL, v, e + " x " + o);
            }
        }
    }

    @Test
    void survivingCorruptionMeansNeitherCrashNorHang() {
        for (Observed o : List.of(MIGRATED, REFUSED_AT_LOAD, Observed.REJECTED, Observed.DIVERGED, Observed.ACCEPTED)) {
            assertEquals(Verdict.PASS, Grader.grade(Expectation.of(SURVIVES, ""), Observation.of(o, "")), o.name());
        }
        for (Observed o : List.of(Observed.CRASHED, Observed.HUNG, Observed.SOURCE_FAILED)) {
            assertEquals(Verdict.FAIL, Grader.grade(Expectation.of(SURVIVES, ""), Observation.of(o, "")), o.name());
        }
    }

    @Test
    void earlyRefusalIsRequiredWhereTheOracleSaysRefusedAtCreate() {
        assertEquals(Verdict.FAIL, Grader.grade(Expectation.of(REFUSED_AT_CREATE, ""), Observation.of(REFUSED_AT_LOAD, "")));
        assertEquals(Verdict.FAIL, Grader.grade(Expectation.of(REFUSED_AT_CREATE, ""), Observation.of(MIGRATED, "")));
        assertEquals(Verdict.FAIL, Grader.grade(Expectation.of(MIGRATES, ""), Observation.of(Observed.REFUSED_AT_CREATE, "")));
    }
}
