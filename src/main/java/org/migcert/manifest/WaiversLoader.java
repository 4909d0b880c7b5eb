package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.migcert.rules.Rule;

/**
 * Reads a waivers file ({@code waivers:} a list of entries with {@code case:} or {@code rule:},
 * {@code reason:}, {@code tracking:}, {@code expires:} and optionally {@code owner:}), refusing
 * anything else with file, line, column and the fix.
 */
public final class WaiversLoader {
    private static final Set<String> TOP = Set.of("waivers");
    private static final Set<String> ENTRY = Set.of("case", "rule", "reason", "tracking", "expires", "owner");
    /** Longer than this is not a waiver but a permanent exception: say so in the device's documentation instead. */
    public static final int MAX_DAYS = 366;

    private WaiversLoader() {
    }

    /**
     * @param today the day the file is read on: an expiry more than {@link #MAX_DAYS} after it is refused
     */
    public static List<Waiver> load(Path file, LocalDate today) throws ManifestException {
        LocatedYaml y = LocatedYaml.read(file.toAbsolutePath().normalize());
        Keys.check(y, "", TOP);
        JsonNode list = y.at("/waivers");
        if (!list.isArray()) {
            throw y.error("/waivers", "'waivers' must be a list of entries with case: or rule:, reason:, tracking:"
                    + " and expires:");
        }
        List<Waiver> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(entry(y, LocatedYaml.child("/waivers", i), today));
        }
        return out;
    }

    private static Waiver entry(LocatedYaml y, String at, LocalDate today) throws ManifestException {
        Keys.check(y, at, ENTRY, "a waiver");
        Optional<String> casePattern = optionalText(y, at + "/case");
        Optional<Rule> rule = Optional.empty();
        Optional<String> ruleId = optionalText(y, at + "/rule");
        if (ruleId.isPresent()) {
            rule = Optional.ofNullable(Rule.byId(ruleId.get()));
            if (rule.isEmpty()) {
                throw y.error(at + "/rule", "'" + ruleId.get() + "' is not a rule id; " + DidYouMean.hint(ruleId.get(),
                        Arrays.stream(Rule.values()).map(Rule::id).toList()) + "see ./migcert rules");
            }
        }
        if (casePattern.isPresent() == rule.isPresent()) {
            throw y.error(at, "a waiver names either case: (a case id, * for any text) or rule: (a rule id), exactly one");
        }
        if (casePattern.isPresent() && casePattern.get().replace("*", "").isBlank()) {
            throw y.error(at + "/case", "case: '" + casePattern.get() + "' would waive every case; name the cases");
        }
        String reason = Yaml.requiredText(y, at + "/reason", "why the failure is accepted");
        String tracking = Yaml.requiredText(y, at + "/tracking", "where it is tracked (an issue link or ticket id)");
        String date = Yaml.requiredText(y, at + "/expires", "the last day the waiver holds, as YYYY-MM-DD");
        LocalDate expires;
        try {
            expires = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw y.error(at + "/expires", "expires: '" + date + "' is not a date; write YYYY-MM-DD");
        }
        if (expires.isAfter(today.plusDays(MAX_DAYS))) {
            throw y.error(at + "/expires", "expires: " + date + " is more than " + MAX_DAYS + " days away; a waiver is"
                    + " temporary: choose an earlier date and renew it if needed");
        }
        return new Waiver(casePattern, rule, reason, tracking, expires, optionalText(y, at + "/owner"),
                y.position(at).toString());
    }

    private static Optional<String> optionalText(LocatedYaml y, String ptr) throws ManifestException {
        return y.at(ptr).isMissingNode() ? Optional.empty() : Optional.of(Yaml.requiredText(y, ptr, "text"));
    }
}
