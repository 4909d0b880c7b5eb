package org.migcert.suites;

import io.qameta.allure.Allure;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Collectors;
import org.migcert.rules.CaseResult;

/**
 * What a case tells Allure beside its pass or fail: suite, rules and implementations as labels (so
 * Allure groups by rule and pair), the rules' text as the description, the evidence as an
 * attachment, and the stable case id as history and test-case id, so Allure's history follows a case
 * from one nightly run to the next whatever its display name.
 */
final class AllureLabels {
    private AllureLabels() {
    }

    static void label(Case c) {
        Allure.epic(c.suite());
        c.ruleIds().stream().findFirst().ifPresent(Allure::feature);
        Allure.story(c.destination() == null ? c.source() : c.source() + " -> " + c.destination());
        c.ruleIds().forEach(id -> Allure.label("tag", id));
        Allure.label("source", c.source());
        if (c.destination() != null) {
            Allure.label("destination", c.destination());
        }
        Allure.description(c.rules().stream().map(r -> r.id() + ": " + r.text()).collect(Collectors.joining("\n\n")));
        String stable = UUID.nameUUIDFromBytes(c.id().getBytes(StandardCharsets.UTF_8)).toString();
        Allure.getLifecycle().updateTestCase(tc -> {
            tc.setHistoryId(stable);
            tc.setTestCaseId(stable);
        });
    }

    static void attach(CaseResult r) {
        Allure.addAttachment("expectation", "text/plain", r.expected() + ": " + r.because());
        Allure.addAttachment("evidence", "text/plain", r.observed() + " in " + r.phase() + " (" + r.role() + "): "
                + r.evidence());
        Allure.addAttachment("rerun", "text/plain", r.rerun());
        if (r.waiver() != null) {
            Allure.addAttachment("waiver", "text/plain", r.waiver().text() + "\n" + r.waiver().names() + " at "
                    + r.waiver().where());
        }
        if (!r.attempts().isEmpty()) {
            Allure.addAttachment("attempts", "text/plain", r.attempts().stream().map(a -> "attempt " + a.attempt() + ": "
                    + a.verdict() + " " + a.observed() + ": " + a.evidence()).collect(java.util.stream.Collectors
                    .joining("\n")));
        }
    }
}
