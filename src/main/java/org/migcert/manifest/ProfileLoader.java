package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migcert.rules.Rule;

/** Reads and validates a run profile with file, line and fix in every error. */
public final class ProfileLoader {
    private static final Set<String> KEYS = Set.of("name", "description", "suites", "rules", "strict", "configurations",
            "max-configurations", "case-timeout", "waivers");

    private ProfileLoader() {
    }

    /**
     * @param suites every suite this build has, in run order, with the rules it checks
     * @throws ManifestException for an unknown key, suite or rule id, or a listed rule no listed suite checks
     */
    public static Profile load(Path file, Map<String, Set<Rule>> suites) throws ManifestException {
        LocatedYaml y = LocatedYaml.read(file.toAbsolutePath().normalize());
        Keys.check(y, "", KEYS);
        String name = Yaml.requiredText(y, "/name", "a profile name");
        List<String> listed = suites(y, suites);
        boolean strict = Yaml.bool(y, "/strict", false);
        Set<Rule> rules = rules(y, suites, listed, strict);
        int max = y.at("/max-configurations").isMissingNode() ? 4096
                : (int) Yaml.integer(y, "/max-configurations", 1, 1_000_000);
        Duration caseTimeout = y.at("/case-timeout").isMissingNode() ? Duration.ofSeconds(120)
                : Yaml.duration(y, "/case-timeout", Profile.MIN_CASE_TIMEOUT, Profile.MAX_CASE_TIMEOUT);
        return new Profile(y.file(), name, y.at("/description").asText(""), List.copyOf(listed),
                Collections.unmodifiableSet(rules), strict, configurations(y), max, caseTimeout, waiversAllowed(y));
    }

    private static List<String> suites(LocatedYaml y, Map<String, Set<Rule>> suites) throws ManifestException {
        String known = Keys.choices(suites.keySet());
        JsonNode s = y.at("/suites");
        if (!s.isArray() || s.isEmpty()) {
            throw y.error("/suites", "'suites' must list the suites to run, from " + known);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            String suite = s.get(i).asText();
            String at = LocatedYaml.child("/suites", i);
            if (!suites.containsKey(suite)) {
                throw y.error(at, "unknown suite '" + suite + "'; " + DidYouMean.hint(suite, suites.keySet())
                        + "known suites: " + known);
            }
            if (out.contains(suite)) {
                throw y.error(at, "suite '" + suite + "' is listed twice; list it once");
            }
            out.add(suite);
        }
        return out;
    }

    /** The rules in scope: listed (or all) rules that some listed suite checks; DEFAULT-3 only when strict. */
    private static Set<Rule> rules(LocatedYaml y, Map<String, Set<Rule>> suites, List<String> listed, boolean strict)
            throws ManifestException {
        Set<Rule> checked = EnumSet.noneOf(Rule.class);
        listed.forEach(s -> checked.addAll(suites.get(s)));
        JsonNode r = y.at("/rules");
        Set<Rule> out;
        if (r.isMissingNode() || (r.isTextual() && r.asText().equals("all"))) {
            out = checked;
        } else if (r.isArray()) {
            out = EnumSet.noneOf(Rule.class);
            for (int i = 0; i < r.size(); i++) {
                out.add(listedRule(y, LocatedYaml.child("/rules", i), suites, checked, strict));
            }
        } else {
            throw y.error("/rules", "'rules' is 'all' or a list of rule ids");
        }
        if (!strict) {
            out.remove(Rule.DEFAULT_3);
        }
        return out;
    }

    private static Rule listedRule(LocatedYaml y, String at, Map<String, Set<Rule>> suites, Set<Rule> checked,
                                   boolean strict) throws ManifestException {
        String id = y.at(at).asText();
        Rule rule = Rule.byId(id);
        if (rule == null) {
            throw y.error(at, "'" + id + "' is not a rule id; "
                    + DidYouMean.hint(id, Arrays.stream(Rule.values()).map(Rule::id).toList()) + "see ./migcert rules");
        }
        if (!checked.contains(rule)) {
            String by = suites.entrySet().stream().filter(e -> e.getValue().contains(rule)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            throw y.error(at, by == null
                    ? rule.id() + " is not checked by any suite of this build; remove it"
                    : rule.id() + " is checked by suite " + by + ", which this profile does not run; add it to suites:");
        }
        if (rule == Rule.DEFAULT_3 && !strict) {
            throw y.error(at, "DEFAULT-3 applies to strict profiles only; add strict: true or remove it");
        }
        return rule;
    }

    private static boolean waiversAllowed(LocatedYaml y) throws ManifestException {
        String w = y.at("/waivers").asText("allowed");
        if (!w.equals("allowed") && !w.equals("forbidden")) {
            throw y.error("/waivers", "waivers: '" + w + "' is not allowed or forbidden");
        }
        return w.equals("allowed");
    }

    private static ConfigurationSpace configurations(LocatedYaml y) throws ManifestException {
        String given = y.at("/configurations").asText(ConfigurationSpace.EXHAUSTIVE.yamlName());
        for (ConfigurationSpace c : ConfigurationSpace.values()) {
            if (c.yamlName().equals(given)) {
                return c;
            }
        }
        throw y.error("/configurations", "configurations '" + given + "' is not supported yet; use exhaustive");
    }
}
