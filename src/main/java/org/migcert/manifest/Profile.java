package org.migcert.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.migcert.rules.Rule;

/**
 * A run profile ({@code suites/*.yaml}): which suites and rules run, whether the strict rules
 * apply, how the configuration space is built, time limits and whether waivers are allowed.
 *
 * @param maxConfigurations bound on configurations per implementation; more is an error, never a silent cut
 * @param caseTimeout       wall-time limit of one case: past it the case is HUNG
 */
public record Profile(Path file, String name, String description, List<String> suites, Set<Rule> rules,
                      boolean strict, String configurations, int maxConfigurations, Duration caseTimeout) {

    public boolean covers(Rule r) {
        return rules.contains(r);
    }
}
