package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Constraints, must-have configurations and strength groups that do not fit the device exit 2 with
 * the file, line and column of the very character, what is wrong and what to write instead.
 */
class DeclarationErrorsTest {
    @TempDir
    Path dir;

    /**
     * {@code --list} of refnic (1.0: mtu; 1.1: + rx-filter-size; 1.2: + csum-offload) with {@code extra}
     * appended from line 13, under the profile given, if any.
     */
    private Cli runWith(String extra, String... profile) throws IOException {
        Path m = dir.resolve("device.yaml");
        Files.writeString(m, """
                model: example.org/refnic
                implementations:
                  - id: "1.0"
                    adapter: java
                    class: org.migcert.fixtures.refnic.RefNic10
                  - id: "1.1"
                    adapter: java
                    class: org.migcert.fixtures.refnic.RefNic11
                  - id: "1.2"
                    adapter: java
                    class: org.migcert.fixtures.refnic.RefNic12
                versions: {"1": {mtu: 1500}}
                """ + extra);
        List<String> argv = new ArrayList<>(List.of("run", "--device", m.toString(), "--list"));
        for (String p : profile) {
            argv.addAll(List.of("--profile", p));
        }
        return Cli.run(argv.toArray(String[]::new));
    }

    private static void assertSays(Cli r, String at, String... words) {
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("device.yaml:" + at + ": "), "at " + at + " in: " + r.err);
        for (String w : words) {
            assertTrue(r.err.contains(w), "'" + w + "' in: " + r.err);
        }
    }

    @Test
    void aSyntaxErrorNamesItsCharacter() throws IOException {
        assertSays(runWith("constraints:\n  - \"not (mtu = 9000)\"\n"), "14:15", "'=' is not an operator; compare"
                + " with '=='");
        assertSays(runWith("constraints: [mtu == 9000 and]\n"), "13:30", "expected a parameter name, a value or '('");
    }

    @Test
    void anUnknownParameterGetsTheClosestName() throws IOException {
        assertSays(runWith("constraints:\n  - 'not (mtuu == 9000 and csum-offload)'\n"), "14:11",
                "unknown parameter 'mtuu'", "did you mean 'mtu'?", "the parameters are csum-offload, mtu, rx-filter-size");
    }

    @Test
    void aComparisonOfTwoTypesIsRefused() throws IOException {
        assertSays(runWith("constraints: [\"csum-offload == 9000\"]\n"), "13:32", "cannot compare 'csum-offload' (bool)"
                + " with 9000 (int)");
    }

    @Test
    void aConstraintNoImplementationCanApplyIsRefused() throws IOException {
        Path m = dir.resolve("device.yaml");
        String bool = "{type: bool, init_value: false, off_value: false}";
        Files.writeString(m, "model: example.org/refnic\nimplementations:\n"
                + "  - {id: \"1.0\", adapter: java, class: org.migcert.fixtures.refnic.RefNic10,"
                + " info: {models: {example.org/refnic: {params: {a: " + bool + "}}}}}\n"
                + "  - {id: \"1.1\", adapter: java, class: org.migcert.fixtures.refnic.RefNic10,"
                + " info: {models: {example.org/refnic: {params: {b: " + bool + "}}}}}\n"
                + "constraints: [\"not (a and b)\"]\n");
        assertSays(Cli.run("run", "--device", m.toString(), "--list"), "5:16", "no implementation has all of [a, b],"
                + " so it never applies");
    }

    @Test
    void aConstraintThatRulesOutTheInitialConfigurationIsTheManifestsMistake() throws IOException {
        assertSays(runWith("constraints: [\"mtu != 1500\"]\n"), "13:16", "rules out the initial configuration of"
                + " implementation '1.0' (mtu=1500)");
    }

    @Test
    void aVersionAliasOrMustHaveThatBreaksAConstraintIsNamedAtItsLine() throws IOException {
        assertSays(runWith("constraints: [\"not (mtu == 1500 and rx-filter-size == 0 and csum-offload)\"]\n"
                + "must-have:\n  - {mtu: 1500, csum-offload: on}\n"), "15:5", "must-have configuration 1"
                + " (csum-offload=on,mtu=1500,rx-filter-size=0) breaks constraint", "device.yaml:13:16); fix one of"
                + " them");
    }

    @Test
    void aMustHaveIsTypedAndCheckedLikeAVersionAlias() throws IOException {
        assertSays(runWith("must-have:\n  - {mtuu: 9000}\n"), "14:6", "must-have configuration 1 names parameter"
                + " 'mtuu' that no implementation knows", "did you mean 'mtu'?");
        assertSays(runWith("must-have:\n  - {mtu: 1234}\n"), "14:6", "must-have configuration 1 sets mtu=1234, which"
                + " the migration info of implementation '1.0' does not allow");
        assertSays(runWith("must-have: {mtu: 1500}\n"), "13:1", "'must-have' must list parameter mappings");
    }

    @Test
    void aStrengthGroupNamingNoParameterIsTheProfilesMistake() throws IOException {
        Path profile = dir.resolve("profile.yaml");
        Files.writeString(profile, """
                name: groups
                suites: [Info]
                configurations: t-way
                strength: 2
                strength-groups:
                  - {name: net, strength: 3, params: [mtu, csum-offlaod, rx-filter-size]}
                """);
        Cli r = runWith("", profile.toString());
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("profile.yaml:6:44: strength group 'net' names parameter 'csum-offlaod', which no"
                + " implementation of example.org/refnic has; did you mean 'csum-offload'?"), r.err);
    }

    @Test
    void theListedMustHaveIsPlannedInBothModes() throws IOException {
        Cli r = runWith("must-have:\n  - {csum-offload: on, rx-filter-size: 7}\n");
        assertEquals(0, r.exit, r::toString);
        assertTrue(r.out.contains("Info/INFO-1/1.2/csum-offload=on,mtu=1500,rx-filter-size=7/instantiates"), r.out);
        assertTrue(r.err.contains("configurations of 1.2: exhaustive: 13 configurations (every combination of candidate"
                + " values, and 1 more the manifest names)"), r.err);
        Cli t = runWith("must-have:\n  - {csum-offload: on, rx-filter-size: 7}\n", "suites/t-way.yaml");
        assertEquals(0, t.exit, t::toString);
        assertTrue(t.out.contains("Info/INFO-1/1.2/csum-offload=on,mtu=1500,rx-filter-size=7/instantiates"), t.out);
    }
}
