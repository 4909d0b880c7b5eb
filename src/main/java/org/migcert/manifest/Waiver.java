package org.migcert.manifest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.migcert.rules.Rule;
import org.migcert.rules.WaiverNote;

/**
 * One entry of a waivers file: a known failure accepted for a while, by case id pattern or by rule,
 * with the reason, where it is tracked and when the acceptance ends.
 *
 * @param casePattern a case id where {@code *} stands for any text, or empty when the waiver names a rule
 * @param rule        the rule whose failing cases it covers, or empty when it names cases
 * @param expires     the last day it is valid (UTC); the day after, it fails the gate
 * @param where       {@code file:line:column} of the entry, for messages
 */
public record Waiver(Optional<String> casePattern, Optional<Rule> rule, String reason, String tracking,
                     LocalDate expires, Optional<String> owner, String where) {

    /** Whether it covers the case with this id that enforces the rules with these ids. */
    public boolean covers(String caseId, List<String> ruleIds) {
        return casePattern.map(p -> glob(p).matcher(caseId).matches()).orElse(false)
                || rule.map(r -> ruleIds.contains(r.id())).orElse(false);
    }

    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    /** What it names, in words. */
    public String names() {
        return casePattern.map(p -> "case " + p).orElseGet(() -> "rule " + rule.orElseThrow().id());
    }

    /** What a waived case is reported with. */
    public WaiverNote note() {
        return new WaiverNote(names(), reason, tracking, expires.toString(), owner.orElse(null), where);
    }

    private static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        for (String part : p.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
