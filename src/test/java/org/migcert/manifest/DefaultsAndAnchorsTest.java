package org.migcert.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.migcert.manifest.ManifestLoaderTest.assertError;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.ImplementationSpec;

/** Writing a repeated value once: {@code defaults:}, YAML anchors and aliases, and the bounds on aliases. */
class DefaultsAndAnchorsTest {
    @TempDir
    Path dir;

    static final String HEAD = "model: example.org/refnic\n";

    Path file(String text) throws IOException {
        return ManifestLoaderTest.write(dir, "device.yaml", text);
    }

    DeviceManifest load(String text) throws Exception {
        return ManifestLoader.load(file(text));
    }

    static List<String> command(ImplementationSpec s) {
        return java.util.stream.StreamSupport.stream(s.settings().get("command").spliterator(), false)
                .map(n -> n.asText()).toList();
    }

    @Test
    void defaultsFillWhatAnEntryDoesNotGive() throws Exception {
        DeviceManifest m = load(HEAD + """
                defaults:
                  adapter: vfio-user
                  timeout: 3s
                  command: [bin/nic]
                implementations:
                  - id: "1.0"
                  - id: "1.1"
                    timeout: 1s
                    command: [bin/nic, --fast]
                """);
        assertEquals(List.of("vfio-user", "vfio-user"), m.implementations().stream().map(ImplementationSpec::adapter).toList());
        assertEquals(Duration.ofSeconds(3), m.implementations().get(0).timeout());
        assertEquals(Duration.ofSeconds(1), m.implementations().get(1).timeout());
        assertEquals(List.of("bin/nic"), command(m.implementations().get(0)));
        assertEquals(List.of("bin/nic", "--fast"), command(m.implementations().get(1)));
    }

    @Test
    void anErrorInADefaultPointsAtDefaults() throws IOException {
        Path f = file(HEAD + "defaults:\n  adapter: java\n  timeout: soon\nimplementations:\n  - id: \"1.0\"\n    class: X\n");
        assertError(f, 4, 3, () -> ManifestLoader.load(f), "'soon'");
    }

    @Test
    void defaultsKeysAreChecked() throws IOException {
        Path f = file(HEAD + "defaults:\n  adapter: java\n  timout: 1s\nimplementations:\n  - id: \"1.0\"\n    class: X\n");
        assertError(f, 4, 3, () -> ManifestLoader.load(f), "unknown key 'timout' in defaults",
                "did you mean 'timeout'?");
        Path g = file(HEAD + "defaults:\n  id: \"1.0\"\nimplementations:\n  - adapter: java\n    class: X\n");
        assertError(g, 3, 3, () -> ManifestLoader.load(g), "unknown key 'id' in defaults");
        Path h = file(HEAD + "defaults: [adapter]\nimplementations:\n  - id: \"1.0\"\n    class: X\n");
        assertError(h, 2, 1, () -> ManifestLoader.load(h), "'defaults' must map implementation keys");
    }

    @Test
    void defaultsOfADerivedManifestChangeTheAdapterOfItsEntries() throws Exception {
        ManifestLoaderTest.write(dir, "base/device.yaml", ManifestLoaderTest.GOOD);
        DeviceManifest m = ManifestLoader.load(ManifestLoaderTest.write(dir, "vu/device.yaml", """
                extends: ../base/device.yaml
                defaults: {adapter: vfio-user}
                implementations:
                  - id: "1.0"
                    command: [bin/nic, "1.0"]
                  - id: "1.1"
                    command: [bin/nic, "1.1"]
                """));
        for (ImplementationSpec s : m.implementations()) {
            assertEquals("vfio-user", s.adapter());
            assertFalse(s.settings().has("class"), s.settings().toString());
            assertEquals(List.of("bin/nic", s.id()), command(s));
        }
    }

    @Test
    void aliasesRepeatAValue() throws Exception {
        DeviceManifest m = load(HEAD + """
                implementations:
                  - id: "1.0"
                    adapter: &vu vfio-user
                    command: &cmd [bin/nic, --mode=compat]
                  - id: "1.1"
                    adapter: *vu
                    command: *cmd
                """);
        assertEquals(command(m.implementations().get(0)), command(m.implementations().get(1)));
        assertEquals("vfio-user", m.implementations().get(1).adapter());
    }

    @Test
    void anAliasedListInsideACommandIsSpliced() throws Exception {
        DeviceManifest m = load(HEAD + """
                implementations:
                  - id: "1.0"
                    adapter: vfio-user
                    command: [&program ["{java}", -cp, "{classpath}", Main], --class=A]
                  - id: "1.1"
                    adapter: vfio-user
                    command: [*program, --class=B]
                """);
        assertEquals(List.of("{java}", "-cp", "{classpath}", "Main", "--class=A"), command(m.implementations().get(0)));
        assertEquals(List.of("{java}", "-cp", "{classpath}", "Main", "--class=B"), command(m.implementations().get(1)));
    }

    @Test
    void mergeKeysWork() throws Exception {
        DeviceManifest m = load(HEAD + """
                implementations:
                  - &v10 {id: "1.0", adapter: java, class: org.example.Nic, timeout: 2s}
                  - <<: *v10
                    id: "1.1"
                """);
        assertEquals("org.example.Nic", m.implementations().get(1).setting("class").orElseThrow());
        assertEquals(Duration.ofSeconds(2), m.implementations().get(1).timeout());
    }

    @Test
    void anErrorInAnAliasedValueNamesWhereTheAnchorWasWritten() throws IOException {
        Path f = file(HEAD + """
                implementations:
                  - id: "1.0"
                    adapter: java
                    class: X
                    timeout: &t soon
                  - id: "1.1"
                    adapter: java
                    class: Y
                    timeout: *t
                """);
        assertError(f, 6, 5, () -> ManifestLoader.load(f), "'soon'");
    }

    /** The classic "billion laughs": 9 levels of 10 aliases each would expand to 10^9 strings. */
    @Test
    void billionLaughsIsRefused() throws IOException {
        StringBuilder y = new StringBuilder(HEAD + "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            String p = "*lol" + (i - 1);
            y.append("lol").append(i).append(": &lol").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, p))).append("]\n");
        }
        Path f = file(y.toString());
        assertError(f, 8, 0, () -> ManifestLoader.load(f), "this YAML goes past what migcert reads",
                "aliases for non-scalar nodes", "max=" + YamlComposer.MAX_COLLECTION_ALIASES);
    }

    /** Under SnakeYAML's alias limit, 24 levels of doubling still stand for 2^24 values: the node bound refuses them. */
    @Test
    void doublingUnderTheAliasLimitIsRefusedToo() throws IOException {
        StringBuilder y = new StringBuilder(HEAD + "d0: &d0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            y.append("d").append(i).append(": &d").append(i).append(" [*d").append(i - 1).append(", *d")
                    .append(i - 1).append("]\n");
        }
        Path f = file(y.toString());
        assertError(f, 0, 0, () -> ManifestLoader.load(f), "aliases expand this file past " + YamlComposer.MAX_NODES);
    }

    @Test
    void anAliasInsideItselfIsRefused() throws IOException {
        Path f = file(HEAD + "loop: &loop [a, *loop]\n");
        assertError(f, 2, 0, () -> ManifestLoader.load(f), "contains it");
    }
}
