package org.migcert.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.Rule;

class ProfileLoaderTest {
    private static final java.util.Map<String, java.util.Set<org.migcert.rules.Rule>> KNOWN =
            org.migcert.suites.SuiteCatalogue.load(ProfileLoaderTest.class.getClassLoader()).rulesBySuite();
    @TempDir
    Path dir;

    static final String GOOD = """
            name: nightly
            description: a smaller run
            suites:
              - Info
              - MigrationMatrix
            rules:
              - COMPAT-1
              - compat-2
              - DEFAULT-3
            strict: false
            max-configurations: 64
            case-timeout: 30s
            """;

    ManifestException assertProfileError(String yaml, int line, int column, String... mentions) throws IOException {
        Path f = dir.resolve("profile.yaml");
        Files.writeString(f, yaml);
        return ManifestLoaderTest.assertError(f, line, column, () -> ProfileLoader.load(f, KNOWN), mentions);
    }

    @Test
    void goodProfile() throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, GOOD);
        Profile p = ProfileLoader.load(f, KNOWN);
        assertEquals("nightly", p.name());
        assertEquals(List.of("Info", "MigrationMatrix"), p.suites());
        assertEquals(EnumSet.of(Rule.COMPAT_1, Rule.COMPAT_2), p.rules(), "DEFAULT-3 dropped when not strict");
        assertEquals(64, p.maxConfigurations());
        assertEquals(Duration.ofSeconds(30), p.caseTimeout());
        assertTrue(p.covers(Rule.COMPAT_1));
        assertFalse(p.covers(Rule.OPT_1));
    }

    @Test
    void unknownKey() throws IOException {
        assertProfileError(GOOD + "suite: Info\n", 14, 1, "unknown key 'suite'", "known keys");
    }

    @Test
    void unknownSuite() throws IOException {
        assertProfileError(GOOD.replace("  - MigrationMatrix", "  - MigrationMatrx"), 5, 5, "'MigrationMatrx'",
                "known suites", "MigrationMatrix");
    }

    @Test
    void unknownRuleId() throws IOException {
        assertProfileError(GOOD.replace("  - compat-2", "  - COMPAT-9"), 8, 5, "'COMPAT-9'", "not a rule id",
                "./migcert rules");
    }

    @Test
    void rulesNeitherAllNorList() throws IOException {
        assertProfileError(GOOD.replace("rules:\n  - COMPAT-1\n  - compat-2\n  - DEFAULT-3", "rules: some"), 6, 1,
                "'all' or a list");
    }

    @Test
    void badCaseTimeout() throws IOException {
        assertProfileError(GOOD.replace("case-timeout: 30s", "case-timeout: 30"), 12, 1, "'30'", "500ms, 20s or 2m");
    }

    @Test
    void badWaivers() throws IOException {
    }

    @Test
    void maxConfigurationsOutOfRange() throws IOException {
        assertProfileError(GOOD.replace("max-configurations: 64", "max-configurations: 0"), 11, 1, "out of range");
    }

    @Test
    void unsupportedConfigurationStrategy() throws IOException {
        assertProfileError(GOOD + "configurations: pairwise\n", 14, 1, "'pairwise'", "exhaustive");
    }

    @Test
    void missingName() throws IOException {
        assertProfileError(GOOD.replace("name: nightly\n", ""), 1, 1, "missing 'name'");
    }

    @Test
    void badYamlSyntax() throws IOException {
        assertProfileError(GOOD.replace("strict: false", "strict: false: true"), 10, 0, "not valid YAML");
    }

    @Test
    void bundledProfilesLoad() throws Exception {
        List<Path> profiles;
        try (Stream<Path> s = Files.list(Path.of("suites"))) {
            profiles = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(profiles.size() >= 2, profiles.toString());
        for (Path f : profiles) {
            Profile p = ProfileLoader.load(f, KNOWN);
            assertEquals(List.copyOf(KNOWN.keySet()), p.suites(), f + " runs every suite");
        }
        Profile cert = ProfileLoader.load(Path.of("suites/certification.yaml"), KNOWN);
        Profile strict = ProfileLoader.load(Path.of("suites/strict.yaml"), KNOWN);
        assertFalse(cert.strict());
        assertFalse(cert.rules().contains(Rule.DEFAULT_3));
        assertTrue(strict.strict());
        assertTrue(strict.rules().contains(Rule.DEFAULT_3));
        assertEquals(EnumSet.complementOf(EnumSet.of(Rule.DEFAULT_3)), cert.rules());
    }
}
