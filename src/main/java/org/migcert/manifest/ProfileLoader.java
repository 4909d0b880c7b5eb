package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migcert.rules.Rule;

/** Reads and validates a run profile with file, line and fix in every error. */
public final class ProfileLoader {
    private static final Set<String> KEYS = Set.of("name", "description", "suites", "rules", "strict", "configurations",
            "max-configurations", "case-timeout");

    private ProfileLoader() {
    }

    /** @param known every available suite name with the rules it checks */
    public static Profile load(Path file, Map<String, Set<Rule>> known) throws ManifestException {
        List<String> SUITES = List.copyOf(known.keySet());
        LocatedYaml y = LocatedYaml.read(file.toAbsolutePath().normalize());
        for (Iterator<String> it = y.root().fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw y.error("/" + k, "unknown key '" + k + "'; known keys: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String name = Yaml.requiredText(y, "/name", "a profile name");
        List<String> suites = new ArrayList<>();
        JsonNode s = y.at("/suites");
        if (!s.isArray() || s.isEmpty()) {
            throw y.error("/suites", "'suites' must list suites to run, from " + SUITES);
        }
        for (int i = 0; i < s.size(); i++) {
            String suite = s.get(i).asText();
            if (!SUITES.contains(suite)) {
                throw y.error("/suites/" + i, "unknown suite '" + suite + "'; known suites: " + SUITES);
            }
            suites.add(suite);
        }
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        JsonNode r = y.at("/rules");
        if (r.isMissingNode() || (r.isTextual() && r.asText().equals("all"))) {
            rules.addAll(EnumSet.allOf(Rule.class));
        } else if (r.isArray()) {
            for (int i = 0; i < r.size(); i++) {
                Rule rule = Rule.byId(r.get(i).asText());
                if (rule == null) {
                    throw y.error("/rules/" + i, "'" + r.get(i).asText() + "' is not a rule id; see ./migcert rules");
                }
                rules.add(rule);
            }
        } else {
            throw y.error("/rules", "'rules' is 'all' or a list of rule ids");
        }
        boolean strict = y.at("/strict").asBoolean(false);
        if (!strict) {
            rules.remove(Rule.DEFAULT_3);
        }
        Set<Rule> checked = EnumSet.noneOf(Rule.class);
        suites.forEach(n -> checked.addAll(known.get(n)));
        rules.retainAll(checked);
        String configs = y.at("/configurations").asText("exhaustive");
        if (!configs.equals("exhaustive")) {
            throw y.error("/configurations", "configurations '" + configs + "' is not supported yet; use exhaustive");
        }
        int max = y.at("/max-configurations").isMissingNode() ? 4096
                : (int) Yaml.integer(y, "/max-configurations", 1, 1_000_000);
        Duration caseTimeout = y.at("/case-timeout").isMissingNode() ? Duration.ofSeconds(120)
                : Yaml.duration(y, "/case-timeout");
        return new Profile(y.file(), name, y.at("/description").asText(""), suites, rules, strict, configs, max,
                caseTimeout);
    }
}
