package org.migcert.report;

import java.util.ArrayList;
import java.util.List;
import org.migcert.adapter.Sha256;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Expected;

/**
 * The digest of a list of cases, in id order: each case's id and rules, and with
 * {@link #withExpectations()} its expectation too. Without expectations it is computed the same from
 * a plan before a run and from the results after it (which arrive in finishing order, and where a
 * case found not applicable only by running records that instead of its planned expectation), so a
 * result file can be checked to hold exactly the cases its plan record promised.
 */
public final class CaseListDigest {
    private final List<String> lines = new ArrayList<>();
    private final boolean expectations;

    private CaseListDigest(boolean expectations) {
        this.expectations = expectations;
    }

    /** Of ids and rules: what a plan and its results agree on. */
    public static CaseListDigest ofCases() {
        return new CaseListDigest(false);
    }

    /** Of ids, rules and planned expectations: a resumed run must expect what the interrupted one did. */
    public static CaseListDigest withExpectations() {
        return new CaseListDigest(true);
    }

    public CaseListDigest add(String id, List<String> ruleIds, Expected expected) {
        lines.add(id + "\t" + ruleIds + (expectations ? "\t" + expected : "") + "\n");
        return this;
    }

    /** A result's case (its id and rules; results are digested {@link #ofCases()}); a retry adds nothing. */
    public CaseListDigest add(CaseResult r) {
        if (expectations) {
            throw new IllegalStateException("a result's expectation may differ from the plan's: digest results ofCases()");
        }
        if (r.isRetry()) {
            return this;
        }
        return add(r.id(), r.rules(), r.expected());
    }

    public String finish() {
        Sha256 d = Sha256.start();
        lines.stream().sorted().forEach(d::update);
        return d.finish();
    }
}
