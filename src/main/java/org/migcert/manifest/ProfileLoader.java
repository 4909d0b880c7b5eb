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
import org.migcert.model.coverage.ParamGroup;
import org.migcert.model.coverage.TWaySettings;
import org.migcert.rules.Rule;

/** Reads and validates a run profile with file, line and fix in every error. */
public final class ProfileLoader {
    private static final Set<String> KEYS = Set.of("name", "description", "suites", "rules", "strict", "configurations",
            "max-configurations", "case-timeout", "waivers", "strength", "seed", "exhaustive-below",
            "strength-groups");
    /** Keys that only a t-way profile reads. */
    private static final List<String> T_WAY_KEYS = List.of("strength", "seed", "exhaustive-below", "strength-groups");
    private static final Set<String> GROUP_KEYS = Set.of("name", "strength", "params");

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
                Collections.unmodifiableSet(rules), strict, configurations(y), max, caseTimeout, waiversAllowed(y), y);
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
        JsonNode given = y.at("/configurations");
        String word = given.asText(ConfigurationSpace.EXHAUSTIVE.yamlName());
        if (word.equals(ConfigurationSpace.EXHAUSTIVE.yamlName())) {
            for (String k : T_WAY_KEYS) {
                if (!y.at("/" + k).isMissingNode()) {
                    throw y.error("/" + k, "'" + k + "' applies to configurations: t-way only; remove it or write"
                            + " configurations: t-way");
                }
            }
            return ConfigurationSpace.EXHAUSTIVE;
        }
        if (!word.equals("t-way")) {
            throw y.error("/configurations", "configurations '" + word + "' is unknown; "
                    + DidYouMean.hint(word, List.of("exhaustive", "t-way")) + "use exhaustive or t-way");
        }
        int strength = y.at("/strength").isMissingNode() ? TWaySettings.MIN_STRENGTH
                : (int) Yaml.integer(y, "/strength", TWaySettings.MIN_STRENGTH, TWaySettings.MAX_STRENGTH);
        long seed = y.at("/seed").isMissingNode() ? TWaySettings.DEFAULT_SEED
                : Yaml.integer(y, "/seed", 0, Long.MAX_VALUE);
        long below = y.at("/exhaustive-below").isMissingNode() ? TWaySettings.DEFAULT_EXHAUSTIVE_BELOW
                : Yaml.integer(y, "/exhaustive-below", 0, TWaySettings.MAX_EXHAUSTIVE_BELOW);
        return new ConfigurationSpace.TWay(new TWaySettings(strength, seed, below, groups(y, strength)));
    }

    /** {@code strength-groups:}: named parameter lists covered at a higher strength than the profile's. */
    private static List<ParamGroup> groups(LocatedYaml y, int strength) throws ManifestException {
        JsonNode g = y.at(Profile.STRENGTH_GROUPS);
        if (g.isMissingNode()) {
            return List.of();
        }
        if (!g.isArray()) {
            throw y.error(Profile.STRENGTH_GROUPS, "'strength-groups' must list groups, like [{name: datapath,"
                    + " strength: 3, params: [mtu, queues, tso]}]");
        }
        List<ParamGroup> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < g.size(); i++) {
            String at = LocatedYaml.child(Profile.STRENGTH_GROUPS, i);
            if (!g.get(i).isObject()) {
                throw y.error(at, "a strength group is a mapping with name, strength and params");
            }
            Keys.check(y, at, GROUP_KEYS, "strength group");
            String name = Yaml.requiredText(y, at + "/name", "the group's name, such as datapath");
            if (!names.add(name)) {
                throw y.error(at + "/name", "strength group '" + name + "' is listed twice; give each group its own name");
            }
            JsonNode params = y.at(at + "/params");
            if (!params.isArray() || params.size() < 2) {
                throw y.error(at + "/params", "group '" + name + "' must list at least two parameters in params:");
            }
            List<String> listed = new ArrayList<>();
            for (int j = 0; j < params.size(); j++) {
                String p = params.get(j).asText();
                if (listed.contains(p)) {
                    throw y.error(LocatedYaml.child(at + "/params", j), "parameter '" + p + "' is listed twice in"
                            + " group '" + name + "'");
                }
                listed.add(p);
            }
            long most = Math.min(TWaySettings.MAX_GROUP_STRENGTH, listed.size());
            if (strength + 1 > most) {
                throw y.error(at + "/params", "group '" + name + "' has " + listed.size() + " parameters: too few for"
                        + " a strength above the profile's " + strength + "; list more or remove the group");
            }
            int s = (int) Yaml.integer(y, at + "/strength", strength + 1, most);
            out.add(new ParamGroup(name, s, listed));
        }
        return out;
    }
}
