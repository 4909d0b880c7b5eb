package org.migcert.suites;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migcert.rules.Rule;

/**
 * The cases of one run, by suite, as the suites plan them: the one place where the run's selection
 * (the profile's rules, {@code --only}, {@code --case}) is applied. A case keeps only the rules in
 * scope and is dropped when none is left or it is not selected; its id never changes.
 */
public final class CasePlan {
    /** What a run selects; {@link #all()} keeps every case. */
    public record Selection(Set<Rule> rules, Set<String> onlySuites, Set<Rule> onlyRules, Optional<String> caseId) {
        public static Selection all() {
            return new Selection(Set.of(Rule.values()), Set.of(), Set.of(), Optional.empty());
        }

        /**
         * Whether any case of {@code suite} (which checks only its own rules) can be selected: a suite
         * that cannot is not planned at all, so planning starts no device for it.
         */
        public boolean mayKeepAnyOf(Suite suite) {
            boolean inScope = suite.rules().stream().anyMatch(rules::contains);
            boolean chosen = caseId.map(id -> id.startsWith(suite.name() + "/")).orElseGet(() ->
                    (onlySuites.isEmpty() && onlyRules.isEmpty()) || onlySuites.contains(suite.name())
                            || suite.rules().stream().anyMatch(onlyRules::contains));
            return inScope && chosen;
        }

        /** The case as selected, or empty when it is not. */
        Optional<Case> select(Case c) {
            List<Rule> kept = c.rules().stream().filter(rules::contains).toList();
            if (kept.isEmpty()) {
                return Optional.empty();
            }
            boolean chosen = caseId.map(c.id()::equals).orElseGet(() -> (onlySuites.isEmpty() && onlyRules.isEmpty())
                    || onlySuites.contains(c.suite()) || c.rules().stream().anyMatch(onlyRules::contains));
            return chosen ? Optional.of(kept.size() == c.rules().size() ? c : c.withRules(kept)) : Optional.empty();
        }
    }

    private final Selection selection;
    private final Map<String, List<Case>> bySuite = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();

    public CasePlan(Selection selection) {
        this.selection = selection;
    }

    /** Adds a planned case if the run selected it. Two cases with one id are a bug of the suite. */
    public void add(Case c) {
        unique(c);
        selection.select(c).ifPresent(this::keep);
    }

    /**
     * Adds a case every run of this device needs, whatever the profile and {@code --only} select: one
     * that says an implementation was left out of the plan (its info cannot be read). Dropping it would
     * make a run without that implementation look complete. Only {@code --case} narrows it away.
     */
    public void require(Case c) {
        unique(c);
        if (selection.caseId().map(c.id()::equals).orElse(true)) {
            keep(c);
        }
    }

    /** The cases of this plan that fall in {@code shard}, in the same order; ids never change. */
    public CasePlan slice(Shard shard) {
        CasePlan out = new CasePlan(selection);
        bySuite.values().forEach(cases -> cases.stream().filter(c -> shard.contains(c.id())).forEach(c -> {
            out.unique(c);
            out.keep(c);
        }));
        return out;
    }

    private void unique(Case c) {
        if (!ids.add(c.id())) {
            throw new IllegalStateException("suite " + c.suite() + " planned two cases with the id " + c.id());
        }
    }

    private void keep(Case c) {
        bySuite.computeIfAbsent(c.suite(), k -> new ArrayList<>()).add(c);
    }

    /** The selected cases of every suite that has some, in planning order. */
    public Map<String, List<Case>> bySuite() {
        return bySuite;
    }

    public long size() {
        return bySuite.values().stream().mapToLong(List::size).sum();
    }
}
