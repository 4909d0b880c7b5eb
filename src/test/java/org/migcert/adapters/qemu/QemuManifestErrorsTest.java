package org.migcert.adapters.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.run.Cli;

/**
 * A qemu entry's mistake, whether QEMU or the manifest itself finds it, is exit 2 at the line and
 * column of the nested value that is wrong, not at the implementation entry that holds it.
 */
class QemuManifestErrorsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsQemu() {
        Qemu.assumeInstalled();
    }

    /** {@code --list} of an e1000e entry whose lines 5 and on are {@code entry}. */
    private Cli list(String entry) throws IOException {
        Path m = dir.resolve("device.yaml");
        Files.writeString(m, """
                model: qemu.org/e1000e
                state-format: opaque
                implementations:
                  - id: "7.2"
                """ + entry);
        return Cli.run("run", "--device", m.toString(), "--list");
    }

    private static void assertAt(Cli r, String at, String words) {
        assertEquals(2, r.exit, r::toString);
        assertTrue(r.err.contains("device.yaml:" + at + ": implementation '7.2' (adapter qemu): "), "at " + at + ": " + r.err);
        assertTrue(r.err.contains(words), "'" + words + "' in: " + r.err);
    }

    @Test
    void anUnknownParameterIsNamedAtItsOwnLine() throws IOException {
        assertAt(list("""
                    adapter: qemu
                    driver: e1000e
                    machines: [pc-q35-7.2]
                    params:
                      init-vet: {off_value: false}
                      subsys_vne: {allowed_values: ["0-65535"]}
                """), "10:7", "did you mean 'subsys_ven'");
    }

    @Test
    void anUnknownMachineTypeIsNamedAtItsPlaceInTheList() throws IOException {
        assertAt(list("""
                    adapter: qemu
                    driver: e1000e
                    machines: [pc-q35-7.2, pc-q35-9.9]
                """), "7:28", "has no machine type 'pc-q35-9.9'");
    }

    @Test
    void aWrongInitValueIsNamedAtItsParameter() throws IOException {
        assertAt(list("""
                    adapter: qemu
                    driver: e1000e
                    machines: [pc-q35-7.2]
                    params:
                      init-vet: {init_value: false}
                """), "9:18", "QEMU's default for e1000e.init-vet is true");
    }
}
