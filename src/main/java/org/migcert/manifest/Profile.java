package org.migcert.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.migcert.rules.Rule;

/**
 * A run profile ({@code suites/*.yaml}): which suites run, which of their rules are in scope,
 * whether the strict rules apply, how the configuration space is built, and time limits.
 *
 * @param suites            the suites to run, in the order listed
 * @param rules             the rules in scope: listed (or all) rules that some listed suite checks;
 *                          DEFAULT-3 only when strict
 * @param configurations    exhaustive, or t-way with its settings
 * @param maxConfigurations bound on configurations per implementation; more is an error, never a silent cut
 * @param caseTimeout       wall-time limit of one case: past it the case is HUNG
 * @param waiversAllowed    whether a release gate may accept a failure by a waiver ({@code waivers: forbidden}
 *                          in a certification profile: a certified result has none)
 * @param yaml              the profile as read, for errors found once the device is known
 */
public record Profile(Path file, String name, String description, List<String> suites, Set<Rule> rules,
                      boolean strict, ConfigurationSpace configurations, int maxConfigurations, Duration caseTimeout,
                      boolean waiversAllowed, LocatedYaml yaml) {
    /** Where the strength groups are, for errors about the parameters they name. */
    public static final String STRENGTH_GROUPS = "/strength-groups";

    /** The range of {@code case-timeout}: a case needs some time, and a day is longer than any run should wait. */
    public static final Duration MIN_CASE_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_CASE_TIMEOUT = Duration.ofHours(24);

    /** rules in scope = listed (or all) rules that some listed suite checks; DEFAULT-3 only when strict */
    public boolean covers(Rule r) {
        return rules.contains(r);
    }
}
