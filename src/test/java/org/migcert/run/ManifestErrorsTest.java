package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests that cannot be used exit 2 and name the file, the line and the fix. */
class ManifestErrorsTest {
    @TempDir
    Path dir;

    private Cli runWith(String yaml) throws IOException {
        Path m = dir.resolve("device.yaml");
        Files.writeString(m, yaml);
        return Cli.run("run", "--device", m.toString(), "--out", dir.resolve("out").toString());
    }

    @Test
    void unknownAdapter() throws IOException {
        Cli r = runWith("model: example.org/refnic\nimplementations:\n  - id: \"1.0\"\n    adapter: teleport\n");
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("device.yaml:4:"), r.err);
        assertTrue(r.err.contains("unknown adapter 'teleport'") && r.err.contains("java"), r.err);
    }

    @Test
    void missingClass() throws IOException {
        Cli r = runWith("model: example.org/refnic\nimplementations:\n  - id: \"1.0\"\n    adapter: java\n"
                + "    class: org.example.NoSuchDevice\n");
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("device.yaml:3:"), r.err);
        assertTrue(r.err.contains("org.example.NoSuchDevice") && r.err.contains("not on the class path"), r.err);
    }

    @Test
    void badYaml() throws IOException {
        Cli r = runWith("model: example.org/refnic\nimplementations:\n  - id: \"1.0\n    adapter: java\n");
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("device.yaml:") && r.err.contains("not valid YAML"), r.err);
    }

    @Test
    void malformedMigrationInfo() throws IOException {
        Cli r = runWith("model: example.org/refnic\nimplementations:\n  - id: \"1.0\"\n    adapter: java\n"
                + "    class: org.migcert.fixtures.refnic.RefNic10\n"
                + "    info: {models: {example.org/refnic: {params: {mtu: {type: int, init_value: \"big\"}}}}}\n");
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("device.yaml:3:"), r.err);
        assertTrue(r.err.contains("parameter 'mtu'") && r.err.contains("init_value") && r.err.contains("\"big\""), r.err);
    }

    @Test
    void wrongModel() throws IOException {
        Cli r = runWith("model: example.org/othernic\nimplementations:\n  - id: \"1.0\"\n    adapter: java\n"
                + "    class: org.migcert.fixtures.refnic.RefNic10\n");
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("does not implement model example.org/othernic"), r.err);
    }

    @Test
    void unknownVersionAliasParameter() throws IOException {
        Cli r = runWith("model: example.org/refnic\nimplementations:\n  - id: \"1.0\"\n    adapter: java\n"
                + "    class: org.migcert.fixtures.refnic.RefNic10\nversions:\n  \"1\": {speed: 10}\n");
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("device.yaml:7:") && r.err.contains("'speed'"), r.err);
    }

    @Test
    void aVersionAliasWithAValueTheInfoDoesNotAllowIsTheManifestsMistake() throws IOException {
        Cli r = runWith("model: example.org/refnic\nimplementations:\n  - id: \"1.0\"\n    adapter: java\n"
                + "    class: org.migcert.fixtures.refnic.RefNic10\nversions:\n  \"1\": {mtu: 1234}\n");
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("device.yaml:7:") && r.err.contains("mtu=1234") && r.err.contains("'1.0'")
                && r.err.contains("does not allow"), r.err);
    }

    @Test
    void missingManifestFile() {
        Cli r = Cli.run("run", "--device", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("nope.yaml") && r.err.contains("cannot read"), r.err);
    }

    @Test
    void manifestTextCannotDriveTheTerminal() throws IOException {
        // "\e" is YAML's escape for ESC: the key really holds an escape sequence.
        Cli r = runWith("model: example.org/refnic\n\"\\e[2Jclear\": 1\nimplementations: []\n");
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("?[2Jclear") && !r.err.contains("\u001b"), r.err);
    }
}
