package org.migcert.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.Rule;

class ManifestLoaderTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            model: example.org/refnic
            state-format: mgst
            implementations:
              - id: "1.0"
                adapter: java
                class: org.migcert.fixtures.refnic.RefNic10
              - id: "1.1"
                adapter: java
                class: org.migcert.fixtures.refnic.RefNic11
                timeout: 500ms
            versions:
              "1": {mtu: 1500}
              "3": {mtu: 1500, csum-offload: on}
            workload:
              - write: {region: 0, offset: 0x10, size: 4, value: 0xdeadbeef}
            observe:
              - read: {region: 0, offset: 0x10, size: 4, name: SCRATCH}
              - dump: {region: 2}
            timeout: 2m
            """;

    Path file(String name, String text) throws IOException {
        return write(dir, name, text);
    }

    /** Writes {@code text} to {@code dir/relative}, creating directories. */
    static Path write(Path dir, String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** Asserts the error names file:line:column with the given line and column (each when >0) and mentions each fix word. */
    static ManifestException assertError(Path file, int line, int column, Callable load, String... mentions) {
        ManifestException e = assertThrows(ManifestException.class, load::call);
        String msg = e.getMessage();
        Matcher m = Pattern.compile("^(.+):(\\d+):(\\d+): ").matcher(msg);
        assertTrue(m.find(), "no file:line:column in: " + msg);
        assertEquals(file.toAbsolutePath().normalize().toString(), m.group(1), msg);
        if (line > 0) {
            assertEquals(line, Integer.parseInt(m.group(2)), "line in: " + msg);
        }
        if (column > 0) {
            assertEquals(column, Integer.parseInt(m.group(3)), "column in: " + msg);
        }
        for (String s : mentions) {
            assertTrue(msg.contains(s), () -> "'" + s + "' missing from: " + msg);
        }
        return e;
    }

    interface Callable {
        Object call() throws Exception;
    }

    ManifestException assertManifestError(String yaml, int line, int column, String... mentions) throws IOException {
        Path f = file("device.yaml", yaml);
        return assertError(f, line, column, () -> ManifestLoader.load(f), mentions);
    }

    @Test
    void goodManifestLoads() throws Exception {
        DeviceManifest m = ManifestLoader.load(file("device.yaml", GOOD));
        assertEquals("example.org/refnic", m.model());
        assertEquals(StateFormat.MGST, m.stateFormat());
        assertEquals(List.of("1.0", "1.1"), m.implementations().stream().map(i -> i.id()).toList());
        assertEquals(1, m.releaseIndex("1.1"));
        assertEquals(-1, m.releaseIndex("9.9"));
        assertEquals(Duration.ofMillis(500), m.implementations().get(1).timeout());
        assertEquals(Duration.ofMinutes(2), m.implementations().get(0).timeout());
        assertEquals("on", m.versions().get("3").get("csum-offload"));
        assertEquals(0xdeadbeefL, m.workload().get(0).value());
        assertEquals(RegisterAccess.Kind.WRITE, m.workload().get(0).kind());
        assertEquals(List.of(RegisterAccess.Kind.READ, RegisterAccess.Kind.DUMP),
                m.observe().stream().map(RegisterAccess::kind).toList());
        assertEquals("SCRATCH", m.observe().get(0).label());
        assertTrue(m.workload().get(0).where().contains(":15:"), m.workload().get(0).where());
        assertTrue(m.breaks().isEmpty());
    }

    @Test
    void unknownTopKey() throws IOException {
        assertManifestError(GOOD.replace("timeout: 2m", "timeout: 2m\nimplementation: oops"), 20, 1,
                "unknown key 'implementation'", "known keys", "implementations");
    }

    @Test
    void missingModel() throws IOException {
        assertManifestError(GOOD.replace("model: example.org/refnic\n", ""), 1, 1, "missing 'model'",
                "example.org/refnic");
    }

    @Test
    void modelWithScheme() throws IOException {
        assertManifestError(GOOD.replace("model: example.org/refnic", "model: https://example.org/refnic"), 1, 1,
                "scheme", "example.org/refnic");
    }

    @Test
    void badStateFormat() throws IOException {
        assertManifestError(GOOD.replace("state-format: mgst", "state-format: json"), 2, 1,
                "'json'", "mgst or opaque");
    }

    @Test
    void duplicateImplementationId() throws IOException {
        assertManifestError(GOOD.replace("id: \"1.1\"", "id: \"1.0\""), 7, 5, "'1.0'", "twice", "unique");
    }

    @Test
    void missingAdapter() throws IOException {
        assertManifestError(GOOD.replace("    adapter: java\n    class: org.migcert.fixtures.refnic.RefNic11",
                "    class: org.migcert.fixtures.refnic.RefNic11"), 7, 0, "missing 'adapter'", "java, ", "vfio-user");
    }

    @Test
    void badDuration() throws IOException {
        assertManifestError(GOOD.replace("timeout: 500ms", "timeout: 5 hours"), 10, 5, "'5 hours'", "500ms, 20s or 2m");
        assertManifestError(GOOD.replace("timeout: 2m", "timeout: soon"), 19, 1, "'soon'", "500ms, 20s or 2m");
    }

    @Test
    void workloadEntryWithARead() throws IOException {
        assertManifestError(GOOD.replace("  - write: {region: 0, offset: 0x10, size: 4, value: 0xdeadbeef}",
                "  - write: {region: 0, offset: 0x10, size: 4, value: 1}\n  - read: {region: 0, offset: 0x10, size: 4}"),
                16, 5, "workload only writes", "observe:");
    }

    @Test
    void observeEntryWithAWrite() throws IOException {
        assertManifestError(GOOD.replace("  - dump: {region: 2}", "  - write: {region: 0, offset: 0, size: 4, value: 1}"),
                18, 5, "observe only reads", "workload:");
    }

    @Test
    void sizeThree() throws IOException {
        assertManifestError(GOOD.replace("offset: 0x10, size: 4, value", "offset: 0x10, size: 3, value"),
                15, 38, "size 3", "1, 2, 4 or 8");
    }

    @Test
    void badHex() throws IOException {
        assertManifestError(GOOD.replace("value: 0xdeadbeef", "value: 0xZZ"), 15, 47, "'0xZZ'", "16 or 0x10");
    }

    @Test
    void entryOnItsOwnLines() throws IOException {
        String yaml = GOOD.replace("  - write: {region: 0, offset: 0x10, size: 4, value: 0xdeadbeef}", """
                  - write:
                      region: 0
                      offset: 0x10
                      size: 4
                      value: 0xZZ""");
        assertManifestError(yaml, 19, 5, "'0xZZ'");
    }

    @Test
    void badYamlTab() throws IOException {
        ManifestException e = assertManifestError(GOOD.replace("    adapter: java\n    class: org.migcert.fixtures.refnic.RefNic10",
                "    adapter: java\n\tclass: org.migcert.fixtures.refnic.RefNic10"), 6, 1, "not valid YAML", "fix the syntax");
        assertFalse(e.getMessage().contains(":0:0:"), e.getMessage());
    }

    @Test
    void badYamlColon() throws IOException {
        assertManifestError(GOOD.replace("state-format: mgst", "state-format: mgst: opaque"), 2, 0,
                "not valid YAML", "fix the syntax");
    }

    @Test
    void breaksWithANonRule() throws IOException {
        assertManifestError(GOOD.replace("state-format: mgst", "state-format: mgst\nbreaks: EVERYTHING"), 3, 1,
                "'EVERYTHING'", "not a rule id", "./migcert rules");
    }

    @Test
    void breaksWithARule() throws Exception {
        DeviceManifest m = ManifestLoader.load(file("device.yaml", GOOD.replace("state-format: mgst",
                "state-format: mgst\nbreaks: FWD-1")));
        assertEquals(Rule.FWD_1, m.breaks().orElseThrow());
    }

    @Test
    void duplicateYamlKey() throws IOException {
        assertManifestError(GOOD.replace("timeout: 2m", "timeout: 2m\nmodel: example.org/other"), 20, 1,
                "key 'model' is given twice");
    }

    @Test
    void noImplementations() throws IOException {
        String yaml = "model: example.org/refnic\nimplementations: []\n";
        assertManifestError(yaml, 2, 1, "at least one implementation");
    }

    @Test
    void topLevelNotAMapping() throws IOException {
        assertManifestError("- model: x\n", 1, 1, "mapping");
    }

    @Test
    void missingFileSaysSo() {
        Path missing = dir.resolve("nope.yaml");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(missing));
        assertTrue(e.getMessage().contains("nope.yaml") && e.getMessage().contains("check the path"), e.getMessage());
    }

    @Test
    void everyBundledManifestLoads() throws Exception {
        List<Path> manifests;
        try (Stream<Path> s = Files.walk(Path.of("fixtures/devices"))) {
            manifests = s.filter(p -> p.getFileName().toString().equals("device.yaml")).sorted().toList();
        }
        assertTrue(manifests.size() >= 10, "refnic, widenic and the broken devices: " + manifests);
        for (Path p : manifests) {
            DeviceManifest m = ManifestLoader.load(p);
            if (p.getParent().getFileName().toString().startsWith("qemu-")) {
                // Devices of the installed QEMU; loading checks only the manifest, QEMU is asked when a run opens them.
                assertTrue(m.model().startsWith("qemu.org/"), p.toString());
                assertEquals(p.toString().contains("-broken"), m.breaks().isPresent(), p.toString());
                continue;
            }
            assertEquals(p.toString().contains("/widenic") ? "example.org/widenic" : "example.org/refnic", m.model(),
                    p.toString());
            assertTrue(m.implementations().size() >= 2, p.toString());
            assertEquals(p.toString().contains("broken"), m.breaks().isPresent(), p + " names the rule it breaks (only broken fixtures do)");
            assertFalse(m.workload().isEmpty(), p.toString());
            assertFalse(m.observe().isEmpty(), p.toString());
        }
    }
}
