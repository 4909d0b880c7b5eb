package org.migcert.run;

import java.util.List;
import org.migcert.adapter.Sha256;
import org.migcert.suites.Case;
import org.migcert.suites.CasePlan;

/**
 * A digest of a plan: every selected case's id, rules and expectation, in order. Equal digests
 * mean a resumed run would run the same cases expecting the same outcomes.
 */
final class PlanDigest {
    private PlanDigest() {
    }

    static String of(CasePlan plan) {
        Sha256 d = Sha256.start();
        for (List<Case> cases : plan.bySuite().values()) {
            for (Case c : cases) {
                d.update(c.id() + "\t" + c.ruleIds() + "\t" + c.expectation().outcome() + "\n");
            }
        }
        return d.finish();
    }
}
