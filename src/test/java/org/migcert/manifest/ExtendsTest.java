package org.migcert.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.migcert.manifest.ManifestLoaderTest.assertError;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.rules.Rule;

/** {@code extends:}: what a derived manifest inherits, what it replaces, and where errors point. */
class ExtendsTest {
    @TempDir
    Path dir;

    /** The base, {@link ManifestLoaderTest#GOOD} plus a breaks: line (line 20) that must not be inherited. */
    static final String BASE = ManifestLoaderTest.GOOD + "breaks: FWD-1\n";
    static final String EXTENDS = "extends: ../base/device.yaml\n";

    Path base(String text) throws IOException {
        return ManifestLoaderTest.write(dir, "base/device.yaml", text);
    }

    Path derived(String text) throws IOException {
        return ManifestLoaderTest.write(dir, "derived/device.yaml", text);
    }

    DeviceManifest load(String derived) throws Exception {
        base(BASE);
        return ManifestLoader.load(derived(derived));
    }

    static ImplementationSpec impl(DeviceManifest m, String id) {
        return m.implementations().get(m.releaseIndex(id));
    }

    @Test
    void derivedEntryReplacesOnlyTheKeysItGives() throws Exception {
        DeviceManifest m = load(EXTENDS + """
                implementations:
                  - id: "1.1"
                    class: org.migcert.fixtures.broken.Info1RefNic11
                """);
        assertEquals(List.of("1.0", "1.1"), m.implementations().stream().map(ImplementationSpec::id).toList());
        ImplementationSpec changed = impl(m, "1.1");
        assertEquals("org.migcert.fixtures.broken.Info1RefNic11", changed.setting("class").orElseThrow());
        assertEquals("java", changed.adapter());
        assertEquals(Duration.ofMillis(500), changed.timeout(), "the base entry's own timeout is kept");
        assertEquals("org.migcert.fixtures.refnic.RefNic10", impl(m, "1.0").setting("class").orElseThrow());
    }

    @Test
    void workloadObserveVersionsAndScalarsAreInherited() throws Exception {
        DeviceManifest m = load(EXTENDS + "implementations:\n  - id: \"1.0\"\n    timeout: 1s\n");
        assertEquals("example.org/refnic", m.model());
        assertEquals(StateFormat.MGST, m.stateFormat());
        assertEquals(0xdeadbeefL, m.workload().get(0).value());
        assertEquals(List.of("SCRATCH", "region 2"), m.observe().stream().map(RegisterAccess::label).toList());
        assertEquals("on", m.versions().get("3").get("csum-offload"));
        assertEquals(Duration.ofSeconds(1), impl(m, "1.0").timeout());
        assertEquals(m.file(), dir.resolve("derived/device.yaml").toAbsolutePath().normalize());
    }

    @Test
    void breaksIsNotInherited() throws Exception {
        base(BASE);
        assertEquals(Rule.FWD_1, ManifestLoader.load(dir.resolve("base/device.yaml")).breaks().orElseThrow());
        assertTrue(load(EXTENDS).breaks().isEmpty(), "a variant of a broken fixture states its own breaks:");
        assertEquals(Rule.OPT_1, load(EXTENDS + "breaks: OPT-1\n").breaks().orElseThrow());
    }

    @Test
    void aGivenListOrScalarReplacesTheBasesWhole() throws Exception {
        DeviceManifest m = load(EXTENDS + """
                timeout: 5s
                workload:
                  - write: {region: 0, offset: 0x0, size: 4, value: 0x1}
                  - write: {region: 0, offset: 0x8, size: 4, value: 0x2}
                """);
        assertEquals(List.of(0x1L, 0x2L), m.workload().stream().map(RegisterAccess::value).toList());
        assertEquals(2, m.observe().size(), "observe still inherited");
        assertEquals(Duration.ofSeconds(5), impl(m, "1.0").timeout(), "top-level timeout overridden");
        assertEquals(Duration.ofMillis(500), impl(m, "1.1").timeout(), "an entry's own timeout still wins");
    }

    @Test
    void chainOfTwoExtends() throws Exception {
        base(BASE);
        ManifestLoaderTest.write(dir, "mid/device.yaml", EXTENDS + """
                breaks: OPT-1
                implementations:
                  - id: "1.0"
                    class: org.migcert.fixtures.broken.Info1RefNic11
                """);
        Path top = ManifestLoaderTest.write(dir, "top/device.yaml", """
                extends: ../mid/device.yaml
                implementations:
                  - id: "1.1"
                    class: org.migcert.fixtures.broken.Opt1RefNic12
                """);
        DeviceManifest m = ManifestLoader.load(top);
        assertEquals("org.migcert.fixtures.broken.Info1RefNic11", impl(m, "1.0").setting("class").orElseThrow());
        assertEquals("org.migcert.fixtures.broken.Opt1RefNic12", impl(m, "1.1").setting("class").orElseThrow());
        assertEquals(1, m.workload().size());
        assertTrue(m.breaks().isEmpty());
    }

    @Test
    void cycleIsRefusedAtTheExtendsThatClosesIt() throws IOException {
        Path a = ManifestLoaderTest.write(dir, "a/device.yaml", "# a\nextends: ../b/device.yaml\n");
        Path b = ManifestLoaderTest.write(dir, "b/device.yaml", "model: example.org/refnic\n\nextends: ../a/device.yaml\n");
        assertError(b, 3, 1, () -> ManifestLoader.load(a), "extends: ../a/device.yaml leads back", a.toString() + " -> ");
        Path self = ManifestLoaderTest.write(dir, "self/device.yaml", "extends: device.yaml\n");
        assertError(self, 1, 1, () -> ManifestLoader.load(self), "leads back");
    }

    @Test
    void missingBaseNamesTheDerivedFileAndLine() throws IOException {
        Path d = derived("# a comment\n" + "extends: ../nope/device.yaml\n");
        assertError(d, 2, 1, () -> ManifestLoader.load(d), "extends: ../nope/device.yaml: no such file",
                dir.resolve("nope/device.yaml").toString(), "relative to this file's directory");
    }

    @Test
    void errorInAnInheritedValueNamesTheBase() throws IOException {
        Path b = base(BASE.replace("offset: 0x10, size: 4, value", "offset: 0x10, size: 3, value"));
        Path d = derived(EXTENDS + "implementations:\n  - id: \"1.0\"\n    timeout: 1s\n");
        assertError(b, 15, 38, () -> ManifestLoader.load(d), "size 3");
        base(BASE.replace("    timeout: 500ms", "    timout: 500ms"));
        assertError(b, 10, 5, () -> ManifestLoader.load(d), "unknown key 'timout'", "did you mean 'timeout'?");
    }

    @Test
    void errorInADerivedValueNamesTheDerivedFile() throws IOException {
        base(BASE);
        Path d = derived(EXTENDS + "implementations:\n  - id: \"1.1\"\n    timeout: 5 hours\n");
        assertError(d, 4, 5, () -> ManifestLoader.load(d), "'5 hours'", "500ms, 20s or 2m");
        derived(EXTENDS + "model: https://example.org/refnic\n");
        assertError(d, 2, 1, () -> ManifestLoader.load(d), "scheme");
    }

    @Test
    void newIdIsAppendedWhenComplete() throws Exception {
        DeviceManifest m = load(EXTENDS + """
                implementations:
                  - id: "1.2"
                    adapter: java
                    class: org.migcert.fixtures.refnic.RefNic12
                  - id: "1.0"
                    timeout: 1s
                """);
        assertEquals(List.of("1.0", "1.1", "1.2"), m.implementations().stream().map(ImplementationSpec::id).toList());
    }

    @Test
    void unknownIdWithoutAdapterSaysWhichItMeant() throws IOException {
        base(BASE);
        Path d = derived(EXTENDS + "implementations:\n  - id: \"1.01\"\n    class: org.example.X\n");
        assertError(d, 3, 5, () -> ManifestLoader.load(d), "implementation '1.01' is not in the base",
                "did you mean '1.0'?", "give it its own adapter:");
    }

    @Test
    void changingTheAdapterDropsTheBasesAdapterKeys() throws Exception {
        DeviceManifest m = load(EXTENDS + """
                implementations:
                  - id: "1.1"
                    adapter: vfio-user
                    command: [bin/nic, --impl=1.1]
                """);
        ImplementationSpec vu = impl(m, "1.1");
        assertEquals("vfio-user", vu.adapter());
        assertFalse(vu.settings().has("class"), vu.settings().toString());
        assertEquals(Duration.ofMillis(500), vu.timeout(), "common keys are still inherited");
    }

    @Test
    void relativeSettingsResolveAgainstTheFileThatWroteThem() throws Exception {
        DeviceManifest m = load(EXTENDS + "implementations:\n  - id: \"1.1\"\n    class: org.example.Nic11\n");
        assertEquals(dir.resolve("base").toAbsolutePath().normalize(), impl(m, "1.0").baseDir());
        assertEquals(dir.resolve("derived").toAbsolutePath().normalize(), impl(m, "1.1").baseDir());
    }

    @Test
    void extendsMustBeAPath() throws IOException {
        Path d = derived("extends: [a, b]\n");
        assertError(d, 1, 1, () -> ManifestLoader.load(d), "missing 'extends'", "relative to this file");
    }
}
