package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapters.vfiouser.TinyDevice;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Expected;
import org.migcert.rules.Verdict;

/**
 * The rules as docs/rules.md applies them to {@code state-format: opaque}: FSM-5 and MODEL-1 derive
 * their input from the device's own real state (another length must be refused, the same length may
 * load but must be survived), OPT-* and the MGST-structural ROBUST-1 cases do not apply.
 */
class OpaqueStateFormatTest {
    private static final Path REFNIC_OPAQUE = Path.of("fixtures/devices/refnic-opaque/device.yaml");

    @Test
    void refnicDeclaredOpaqueConformsWithTheOpaqueReadingOfTheRules(@TempDir Path out) throws IOException {
        Cli run = Cli.run("run", "--device", REFNIC_OPAQUE.toString(), "--out", out.toString());
        assertEquals(0, run.exit, run::toString);
        Map<String, CaseResult> byId = Cli.results(out).stream().collect(Collectors.toMap(CaseResult::id, r -> r));
        String initial = "1.2/csum-offload=off,mtu=1500,rx-filter-size=0/";
        assertPasses(byId.get("MigrationMatrix/MODEL-1/" + initial + "foreign-model-state"), Expected.REFUSED);
        assertPasses(byId.get("MigrationMatrix/MODEL-1/" + initial + "foreign-model-state:same-length"), Expected.SURVIVES);
        assertPasses(byId.get("StateMachine/FSM-5/" + initial + "invalid-data"), Expected.REJECTED);
        assertPasses(byId.get("StateMachine/FSM-5/" + initial + "same-length-garbage"), Expected.SURVIVES);
        CaseResult invalid = byId.get("StateMachine/FSM-5/" + initial + "invalid-data");
        assertTrue(invalid.evidence().matches("(?s).*invalid-data \\((\\d+) bytes; the real state has (\\d+)\\).*"),
                invalid.evidence());
        assertTrue(byId.values().stream().filter(r -> r.suite().equals("OptionalData"))
                .allMatch(r -> r.verdict() == Verdict.NOT_APPLICABLE), "OPT-* needs MGST records");
        GoldenVerdicts.assertUnchanged("refnic-opaque", List.copyOf(byId.values()));
    }

    /**
     * A device of its own opaque format that claims STOP_COPY only: the rules apply to it as
     * written, and its migrations through PRE_COPY do not apply, with the reason.
     */
    @Test
    void anOpaqueDeviceWithoutPreCopyConforms(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("device.yaml");
        Files.writeString(manifest, "model: example.org/migcert-tiny\nstate-format: opaque\nimplementations:\n"
                + "  - id: \"1\"\n    adapter: java\n    class: " + TinyDevice.class.getName() + "\n"
                + "workload:\n  - write: {region: 0, offset: 0, size: 4, value: 0xdeadbeef}\n"
                + "observe:\n  - dump: {region: 0}\n");
        Cli run = Cli.run("run", "--device", manifest.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, run.exit, run::toString);
        CaseResult preCopy = Cli.results(dir.resolve("out")).stream()
                .filter(r -> r.id().startsWith("MigrationMatrix/COMPAT-2/1>1/") && r.id().endsWith("/precopy"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.NOT_APPLICABLE, preCopy.verdict());
        assertTrue(preCopy.because().contains("does not claim PRE_COPY"), preCopy.because());
    }

    private static void assertPasses(CaseResult r, Expected expected) {
        assertEquals(expected, r.expected(), r.id());
        assertEquals(Verdict.PASS, r.verdict(), r.id() + ": " + r.evidence());
    }
}
