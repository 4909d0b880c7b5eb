package org.migcert.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.model.coverage.ParamGroup;
import org.migcert.model.coverage.TWaySettings;
import org.migcert.rules.Rule;

class ProfileLoaderTest {
    @TempDir
    Path dir;

    /** The suites as the rule catalogue names them, in run order: what the runner passes. */
    static final Map<String, Set<Rule>> SUITES = catalogue();

    static final String GOOD = """
            name: nightly
            description: a smaller run
            suites:
              - Info
              - MigrationMatrix
            rules:
              - COMPAT-1
              - compat-2
            strict: false
            max-configurations: 64
            case-timeout: 30s
            """;

    /** The bundled suites and their rules, as the runner passes them. */
    private static Map<String, Set<Rule>> catalogue() {
        return org.migcert.suites.SuiteCatalogue.load(ProfileLoaderTest.class.getClassLoader()).rulesBySuite();
    }

    Profile load(String yaml) throws Exception {
        Path f = dir.resolve("profile.yaml");
        Files.writeString(f, yaml);
        return ProfileLoader.load(f, SUITES);
    }

    ManifestException assertProfileError(String yaml, int line, int column, String... mentions) throws IOException {
        Path f = dir.resolve("profile.yaml");
        Files.writeString(f, yaml);
        return ManifestLoaderTest.assertError(f, line, column, () -> ProfileLoader.load(f, SUITES), mentions);
    }

    @Test
    void goodProfile() throws Exception {
        Profile p = load(GOOD);
        assertEquals("nightly", p.name());
        assertEquals("a smaller run", p.description());
        assertEquals(List.of("Info", "MigrationMatrix"), p.suites());
        assertEquals(EnumSet.of(Rule.COMPAT_1, Rule.COMPAT_2), p.rules());
        assertEquals(ConfigurationSpace.EXHAUSTIVE, p.configurations());
        assertEquals(64, p.maxConfigurations());
        assertEquals(Duration.ofSeconds(30), p.caseTimeout());
        assertTrue(p.covers(Rule.COMPAT_1));
        assertFalse(p.covers(Rule.OPT_1));
    }

    @Test
    void allMeansEveryRuleOfTheListedSuites() throws Exception {
        Profile p = load(GOOD.replace("rules:\n  - COMPAT-1\n  - compat-2\n", "rules: all\n"));
        Set<Rule> expected = EnumSet.copyOf(SUITES.get("Info"));
        expected.addAll(SUITES.get("MigrationMatrix"));
        assertEquals(expected, p.rules());
        assertFalse(p.covers(Rule.FSM_2), "StateMachine does not run");
    }

    @Test
    void default3OnlyWhenStrict() throws Exception {
        String all = "name: x\nsuites: [DefaultDisables]\nrules: all\n";
        assertFalse(load(all).covers(Rule.DEFAULT_3));
        assertTrue(load(all + "strict: true\n").covers(Rule.DEFAULT_3));
        assertProfileError("name: x\nsuites: [DefaultDisables]\nrules: [DEFAULT-3]\n", 3, 9, "strict: true");
    }

    @Test
    void unknownKeySaysWhichItMeant() throws IOException {
        assertProfileError(GOOD + "suite: Info\n", 12, 1, "unknown key 'suite'", "did you mean 'suites'?", "known keys");
    }

    @Test
    void waiversAreAllowedOrForbiddenAndNothingElse() throws IOException {
        assertProfileError(GOOD + "waivers: sometimes\n", 12, 1, "waivers: 'sometimes' is not allowed or forbidden");
    }

    @Test
    void unknownSuite() throws IOException {
        assertProfileError(GOOD.replace("  - MigrationMatrix", "  - MigrationMatrx"), 5, 5, "unknown suite 'MigrationMatrx'",
                "did you mean 'MigrationMatrix'?", "known suites: Info, DefaultDisables, MigrationMatrix");
    }

    @Test
    void unknownRuleId() throws IOException {
        assertProfileError(GOOD.replace("  - compat-2", "  - COMPAT-9"), 8, 5, "'COMPAT-9'", "not a rule id",
                "./migcert rules");
    }

    @Test
    void ruleWhoseSuiteIsNotListed() throws IOException {
        assertProfileError(GOOD.replace("  - compat-2", "  - FSM-2"), 8, 5,
                "FSM-2 is checked by suite StateMachine, which this profile does not run; add it to suites:");
    }

    @Test
    void ruleNoSuiteChecks() throws IOException {
        Path f = dir.resolve("profile.yaml");
        Files.writeString(f, GOOD);
        Map<String, Set<Rule>> withoutCompat2 = new LinkedHashMap<>(SUITES);
        withoutCompat2.put("MigrationMatrix", EnumSet.of(Rule.COMPAT_1));
        ManifestLoaderTest.assertError(f, 8, 5, () -> ProfileLoader.load(f, withoutCompat2),
                "COMPAT-2 is not checked by any suite of this build");
    }

    @Test
    void suiteListedTwice() throws IOException {
        assertProfileError(GOOD.replace("  - MigrationMatrix", "  - Info"), 5, 5, "'Info' is listed twice");
    }

    @Test
    void rulesNeitherAllNorList() throws IOException {
        assertProfileError(GOOD.replace("rules:\n  - COMPAT-1\n  - compat-2", "rules: some"), 6, 1,
                "'all' or a list");
    }

    @Test
    void strictMustBeABoolean() throws IOException {
        assertProfileError(GOOD.replace("strict: false", "strict: maybe"), 9, 1, "'maybe'", "true or false");
    }

    @Test
    void badCaseTimeout() throws IOException {
        assertProfileError(GOOD.replace("case-timeout: 30s", "case-timeout: 30"), 11, 1, "'30'", "500ms, 20s or 2m");
    }

    @Test
    void maxConfigurationsOutOfRange() throws IOException {
        assertProfileError(GOOD.replace("max-configurations: 64", "max-configurations: 0"), 10, 1, "out of range");
    }

    @Test
    void unsupportedConfigurationSpace() throws IOException {
        assertProfileError(GOOD + "configurations: pairwise\n", 12, 1, "configurations 'pairwise' is unknown;",
                "use exhaustive or t-way");
        assertProfileError(GOOD + "configurations: t-wya\n", 12, 1, "did you mean 't-way'?");
    }

    static final String T_WAY = GOOD + """
            configurations: t-way
            strength: 3
            seed: 42
            exhaustive-below: 500
            strength-groups:
              - name: datapath
                strength: 4
                params: [mtu, queues, tso, csum]
            """;

    @Test
    void tWayProfile() throws Exception {
        Profile p = load(T_WAY);
        TWaySettings t = p.configurations().tWay().orElseThrow();
        assertEquals("t-way", p.configurations().yamlName());
        assertEquals(new TWaySettings(3, 42, 500, List.of(new ParamGroup("datapath", 4,
                List.of("mtu", "queues", "tso", "csum")))), t);
    }

    @Test
    void tWayDefaults() throws Exception {
        assertEquals(new TWaySettings(TWaySettings.MIN_STRENGTH, TWaySettings.DEFAULT_SEED,
                TWaySettings.DEFAULT_EXHAUSTIVE_BELOW, List.of()),
                load(GOOD + "configurations: t-way\n").configurations().tWay().orElseThrow());
    }

    @Test
    void tWaySettingsOutsideTheirRanges() throws IOException {
        assertProfileError(T_WAY.replace("strength: 3", "strength: 4"), 13, 1, "4 is out of range [2, 3]");
        assertProfileError(T_WAY.replace("strength: 3", "strength: 1"), 13, 1, "1 is out of range [2, 3]");
        assertProfileError(T_WAY.replace("seed: 42", "seed: -1"), 14, 1, "-1 is out of range [0, ");
        assertProfileError(T_WAY.replace("seed: 42", "seed: lucky"), 14, 1, "'lucky' is not an integer");
        assertProfileError(T_WAY.replace("exhaustive-below: 500", "exhaustive-below: 2000000"), 15, 1,
                "out of range [0, 1000000]");
        assertProfileError(T_WAY.replace("    strength: 4", "    strength: 7"), 18, 5, "7 is out of range [4, 4]");
        assertProfileError(T_WAY.replace("    strength: 4", "    strength: 3"), 18, 5, "3 is out of range [4, 4]");
    }

    @Test
    void strengthGroupsAreChecked() throws IOException {
        assertProfileError(T_WAY.replace("[mtu, queues, tso, csum]", "[mtu]"), 19, 5, "at least two parameters");
        assertProfileError(T_WAY.replace("[mtu, queues, tso, csum]", "[mtu, queues, mtu]"), 19, 27,
                "'mtu' is listed twice");
        assertProfileError(T_WAY.replace("[mtu, queues, tso, csum]", "[mtu, queues, tso]"), 19, 5,
                "too few for a strength above the profile's 3");
        assertProfileError(T_WAY.replace("    params:", "    parms:"), 19, 5, "unknown key 'parms' in strength group",
                "did you mean 'params'?");
        assertProfileError(T_WAY + "  - name: datapath\n    strength: 4\n    params: [a, b, c, d]\n", 20, 5,
                "listed twice");
    }

    @Test
    void tWayKeysNeedATWayProfile() throws IOException {
        assertProfileError(GOOD + "strength: 3\n", 12, 1, "'strength' applies to configurations: t-way only");
        assertProfileError(GOOD + "configurations: exhaustive\nseed: 3\n", 13, 1, "'seed' applies to"
                + " configurations: t-way only");
    }

    @Test
    void missingName() throws IOException {
        assertProfileError(GOOD.replace("name: nightly\n", ""), 1, 1, "missing 'name'");
    }

    @Test
    void badYamlSyntax() throws IOException {
        assertProfileError(GOOD.replace("strict: false", "strict: false: true"), 9, 0, "not valid YAML");
    }

    @Test
    void bundledProfilesLoad() throws Exception {
        List<Path> profiles;
        try (Stream<Path> s = Files.list(Path.of("suites"))) {
            profiles = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(profiles.size() >= 2, profiles.toString());
        for (Path f : profiles) {
            Profile p = ProfileLoader.load(f, SUITES);
            assertEquals(List.copyOf(SUITES.keySet()), p.suites(), f + " runs every suite");
        }
        Profile cert = ProfileLoader.load(Path.of("suites/certification.yaml"), SUITES);
        Profile strict = ProfileLoader.load(Path.of("suites/strict.yaml"), SUITES);
        assertFalse(cert.strict());
        assertEquals(EnumSet.complementOf(EnumSet.of(Rule.DEFAULT_3)), cert.rules());
        assertTrue(strict.strict());
        assertEquals(EnumSet.allOf(Rule.class), strict.rules());
        assertFalse(cert.waiversAllowed(), "a certified result has no waived failure");
        assertTrue(ProfileLoader.load(Path.of("suites/nightly.yaml"), SUITES).waiversAllowed());
    }
}
