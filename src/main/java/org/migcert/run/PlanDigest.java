package org.migcert.run;

import org.migcert.report.CaseListDigest;
import org.migcert.suites.CasePlan;

/** The digest of a plan's selected cases ({@link CaseListDigest}): equal digests mean the same cases expecting the same outcomes. */
final class PlanDigest {
    private PlanDigest() {
    }

    /** Ids, rules and expectations: a resume refuses when it differs. */
    static String of(CasePlan plan) {
        return digest(plan, CaseListDigest.withExpectations());
    }

    /** Ids and rules: what the results of the plan can be checked against. */
    static String cases(CasePlan plan) {
        return digest(plan, CaseListDigest.ofCases());
    }

    private static String digest(CasePlan plan, CaseListDigest d) {
        plan.bySuite().values().forEach(cases -> cases.forEach(c -> d.add(c.id(), c.ruleIds(), c.expectation().outcome())));
        return d.finish();
    }
}
