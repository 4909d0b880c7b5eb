package org.migcert.report;

import java.util.List;

import org.migcert.rules.CaseResult;
import org.migcert.rules.Expected;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.rules.Verdict;

/** Case results for the report tests. */
final class Cases {
    private Cases() {
    }

    static CaseResult of(String id, String suite, Verdict verdict, String... rules) {
        Observed observed = switch (verdict) {
            case PASS -> Observed.MIGRATED;
            case FAIL, FLAKY, WAIVED -> Observed.DIVERGED;
            case BLOCKED -> Observed.SOURCE_FAILED;
            case ERROR -> Observed.HARNESS_ERROR;
            case NOT_APPLICABLE -> Observed.NOT_RUN;
        };
        Expected expected = verdict == Verdict.NOT_APPLICABLE ? Expected.NOT_APPLICABLE : Expected.MIGRATES;
        return new CaseResult(id, suite, List.of(rules), suite + " " + String.join(",", rules) + " " + id, "1.0",
                "1.1", "rx-filter-size=16", expected, "COMPAT-1 says possible", observed,
                verdict == Verdict.FAIL || verdict == Verdict.FLAKY || verdict == Verdict.WAIVED ? "region 0 offset 0x10: source 0xdeadbeef, destination 0x0\nsecond line" : "",
                verdict == Verdict.BLOCKED ? Phase.CREATE_SOURCE : Phase.COMPARE_DESTINATION, null, verdict, 23,
                "./migcert run --case " + id, "2025-01-01T00:00:00Z", verdict == Verdict.BLOCKED ? FINDING : null);
    }

    /** The COMPAT-1 case of one cell of the migration grid. */
    static CaseResult migration(String src, String dst, String configuration, Verdict verdict) {
        CaseResult r = of("MigrationMatrix/COMPAT-1/" + src + ">" + dst + "/" + configuration, "MigrationMatrix", verdict,
                "COMPAT-1", "COMPAT-2");
        return new CaseResult(r.id(), r.suite(), r.rules(), r.title(), src, dst, configuration, r.expected(), r.because(),
                r.observed(), r.evidence(), r.phase(), r.role(), r.verdict(), r.durationMs(), r.rerun(), r.finishedAt());
    }

    /** The case every BLOCKED case of these tests is blocked on. */
    static final String FINDING = "Info/INFO-1/1.0/mtu=9000/instantiates";

    static CaseResult withTitleAndEvidence(CaseResult r, String title, String evidence) {
        return new CaseResult(r.id(), r.suite(), r.rules(), title, r.source(), r.destination(), r.configuration(),
                r.expected(), r.because(), r.observed(), evidence, r.phase(), r.role(), r.verdict(), r.durationMs(), r.rerun(),
                r.finishedAt());
    }

    static List<CaseResult> mixed() {
        return List.of(
                of("m1", "MigrationMatrix", Verdict.PASS, "COMPAT-1", "COMPAT-2"),
                of("m2", "MigrationMatrix", Verdict.FAIL, "COMPAT-2"),
                of("i1", "Info", Verdict.PASS, "INFO-1"),
                of("o1", "OptionalData", Verdict.NOT_APPLICABLE, "OPT-1"),
                of("o2", "OptionalData", Verdict.ERROR, "OPT-2"),
                of("d1", "DefaultDisables", Verdict.PASS, "DEFAULT-3"));
    }

    /** {@link #mixed()} and two cases blocked on {@link #FINDING}. */
    static List<CaseResult> mixedAndBlocked() {
        List<CaseResult> cases = new java.util.ArrayList<>(mixed());
        cases.add(of("b1", "MigrationMatrix", Verdict.BLOCKED, "COMPAT-1", "COMPAT-2"));
        cases.add(of("b2", "Robustness", Verdict.BLOCKED, "ROBUST-1"));
        return cases;
    }

    static RunInfo runInfo() {
        return new RunInfo("fixtures/devices/refnic/device.yaml", "suites/certification.yaml", "example.org/refnic",
                List.of("1.0", "1.1", "1.2"), "2025-01-01T00:00:00Z", "2025-01-01T00:01:00Z", "0.1.0",
                "./migcert run --out OUT", null, null);
    }
}
