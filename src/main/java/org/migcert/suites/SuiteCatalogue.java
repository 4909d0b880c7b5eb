package org.migcert.suites;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.migcert.rules.Rule;

/**
 * The suites this build has, found once through {@link ServiceLoader}, and what is derived from
 * them: which suite checks which rule ({@code ./migcert rules}, profile validation, the rules
 * document and the README table all read it from here).
 */
public final class SuiteCatalogue {
    private final Map<String, Suite> byName;

    private SuiteCatalogue(Map<String, Suite> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The suites registered as services visible to {@code loader}, in service-file order. */
    public static SuiteCatalogue load(ClassLoader loader) {
        List<Suite> found = new ArrayList<>();
        ServiceLoader.load(Suite.class, loader).forEach(found::add);
        return of(found);
    }

    public static SuiteCatalogue of(List<Suite> suites) {
        Map<String, Suite> byName = new LinkedHashMap<>();
        for (Suite s : suites) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                throw new IllegalStateException("two suites are named " + s.name() + ": " + byName.get(s.name()).getClass()
                        + " and " + s.getClass());
            }
            if (s.rules().isEmpty()) {
                throw new IllegalStateException("suite " + s.name() + " (" + s.getClass() + ") checks no rule");
            }
        }
        return new SuiteCatalogue(byName);
    }

    public List<Suite> suites() {
        return List.copyOf(byName.values());
    }

    public Optional<Suite> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every suite name with the rules it checks, in catalogue order (what profiles are validated against). */
    public Map<String, Set<Rule>> rulesBySuite() {
        Map<String, Set<Rule>> out = new LinkedHashMap<>();
        byName.forEach((name, s) -> out.put(name, Collections.unmodifiableSet(new LinkedHashSet<>(s.rules()))));
        return Collections.unmodifiableMap(out);
    }

    /** For each rule, the suites that check it (none when no suite does yet). */
    public Map<Rule, List<String>> suitesByRule() {
        Map<Rule, List<String>> out = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) {
            out.put(r, new ArrayList<>());
        }
        byName.forEach((name, s) -> s.rules().forEach(r -> out.get(r).add(name)));
        return out;
    }
}
