package org.migcert.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
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
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (List<Case> cases : plan.bySuite().values()) {
            for (Case c : cases) {
                md.update((c.id() + "\t" + c.ruleIds() + "\t" + c.expectation().outcome() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }
}
