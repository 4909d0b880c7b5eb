package org.migcert.adapters.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapters.vfiouser.Leftovers;
import org.migcert.report.ResultsFile;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Verdict;
import org.migcert.run.Extensions;
import org.migcert.run.Main;

/**
 * The bundled QEMU fixtures run end to end through the CLI on the installed QEMU: what QEMU does
 * that the rules forbid fails with QEMU's own words or the register that changed, what it refuses
 * passes, the state machine is not applicable with its reason, and no QEMU process or socket
 * directory is left afterwards.
 */
class QemuFixturesTest {
    private static final String E1000E = "fixtures/devices/qemu-e1000e/device.yaml";

    @BeforeEach
    void needsQemu() {
        Qemu.assumeInstalled();
    }

    @AfterEach
    void nothingLeft() throws IOException {
        Leftovers.assertNoneOfOurs();
    }

    @Test
    void e1000eIsCertifiedWithQemusFindings(@TempDir Path out) throws IOException {
        assertEquals(1, run("run", "--device", E1000E, "--out", out.toString()), "NOT_CONFORMANT");
        Map<String, CaseResult> cases = results(out);
        // Same-configuration migrations over both machine types move RAL0 and config space intact.
        CaseResult same = cases.get("MigrationMatrix/COMPAT-1/7.2>7.2/init-vet=on,machine=pc-q35-7.1,subsys_ven=32902");
        assertEquals(Verdict.PASS, same.verdict(), same.evidence());
        // QEMU refuses what it cannot parse, in its own words.
        CaseResult unknown = cases.get("Info/PARAM-1/7.2/migcert-unknown-param=1/unknown-name");
        assertEquals(Verdict.PASS, unknown.verdict(), unknown.evidence());
        assertTrue(unknown.evidence().contains("Property 'e1000e.migcert-unknown-param' not found"), unknown.evidence());
        // It loads a stream with bytes after its end, which ROBUST-1 forbids.
        CaseResult trailing = only(cases, "Robustness/ROBUST-1/", "/trailing-garbage");
        assertEquals(Verdict.FAIL, trailing.verdict());
        assertEquals(Observed.MIGRATED, trailing.observed());
        // A truncated stream is refused: QEMU 7.2 ends the destination with its reason.
        CaseResult truncated = only(cases, "Robustness/ROBUST-1/", "/truncated-half");
        assertEquals(Verdict.PASS, truncated.verdict(), truncated.evidence());
        assertTrue(truncated.evidence().contains("load of migration failed"), truncated.evidence());
        // A destination whose init-vet differs loads silently (COMPAT-3).
        List<CaseResult> misconfigured = cases.values().stream()
                .filter(c -> c.rules().contains("COMPAT-3") && c.id().contains("misconfigured-destination:")).toList();
        assertEquals(16, misconfigured.size());
        assertTrue(misconfigured.stream().allMatch(c -> c.verdict() == Verdict.FAIL && c.observed() == Observed.MIGRATED));
        List<CaseResult> fsm = cases.values().stream().filter(c -> c.suite().equals("StateMachine")).toList();
        assertEquals(5, fsm.size());
        assertTrue(fsm.stream().allMatch(c -> c.verdict() == Verdict.NOT_APPLICABLE
                && c.evidence().contains("not through the VFIO migration uAPI")), fsm.toString());
        assertTrue(cases.values().stream().noneMatch(c -> c.verdict() == Verdict.ERROR || c.verdict() == Verdict.BLOCKED));
    }

    @Test
    void aHiddenPropertyFailsDefault1AndQemuRefusesTheMigrations(@TempDir Path out) throws IOException {
        String broken = "fixtures/devices/qemu-e1000e-broken-subsys/device.yaml";
        assertEquals(1, run("run", "--device", broken, "--only", "DEFAULT-1", "--out", out.resolve("d").toString()));
        Map<String, CaseResult> d = results(out.resolve("d"));
        assertEquals(16, d.size());
        for (CaseResult c : d.values()) {
            assertEquals(Verdict.FAIL, c.verdict(), c.id());
            assertTrue(c.evidence().contains("config space: [byte 4") && c.evidence().contains("3412"), c.evidence());
        }
        String fwd = "MigrationMatrix/COMPAT-1/7.2>7.2-oem/init-vet=on,machine=pc-q35-7.2,subsys_ven=32902";
        assertEquals(1, run("run", "--device", broken, "--case", fwd, "--out", out.resolve("f").toString()));
        CaseResult f = results(out.resolve("f")).get(fwd);
        assertEquals(Verdict.FAIL, f.verdict());
        assertEquals(Observed.REFUSED_AT_LOAD, f.observed());
        assertTrue(f.rules().contains("FWD-1"), f.rules().toString());
        assertTrue(f.evidence().contains("Cannot migrate while device properties (subsys/subsys_ven) differ"), f.evidence());
    }

    @Test
    void aVirtioDestinationWithOtherFeaturesLoadsAndTheRegisterIsNamed(@TempDir Path out) throws IOException {
        String id = "MigrationMatrix/COMPAT-3/7.2>7.2/event_idx=off,machine=pc-q35-7.2,mrg_rxbuf=on"
                + "/misconfigured-destination:event_idx=on,machine=pc-q35-7.2,mrg_rxbuf=on";
        assertEquals(1, run("run", "--device", "fixtures/devices/qemu-virtio-net/device.yaml", "--case", id,
                "--out", out.toString()));
        CaseResult c = results(out).get(id);
        assertEquals(Verdict.FAIL, c.verdict());
        assertEquals(Observed.DIVERGED, c.observed());
        assertTrue(c.evidence().contains("DEVICE_FEATURE_0_31: 0x10bf8024 -> 0x30bf8024"), c.evidence());
    }

    @Test
    void aQemuThatAbortsIsACrashWithItsAssertion(@TempDir Path out) throws IOException {
        String id = "Info/PARAM-1/7.2/membar=65537/membar-not-allowed-65537";
        assertEquals(1, run("run", "--device", "fixtures/devices/qemu-pci-testdev/device.yaml", "--case", id,
                "--out", out.toString()));
        CaseResult c = results(out).get(id);
        assertEquals(Observed.CRASHED, c.observed());
        assertTrue(c.evidence().contains("killed by signal 6") && c.evidence().contains("is_power_of_2(size)"),
                c.evidence());
    }

    private static CaseResult only(Map<String, CaseResult> cases, String prefix, String suffix) {
        List<CaseResult> m = cases.values().stream().filter(c -> c.id().startsWith(prefix) && c.id().endsWith(suffix))
                .toList();
        assertEquals(1, m.size(), prefix + "..." + suffix + ": " + m);
        return m.get(0);
    }

    private static int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(o, true, StandardCharsets.UTF_8);
        return Main.execute(Extensions.standard(), quiet, quiet, args);
    }

    private static Map<String, CaseResult> results(Path out) throws IOException {
        ResultsFile.Contents c = ResultsFile.readAll(out.resolve("results.jsonl"));
        assertEquals(List.of(), c.badLines());
        return c.cases().stream().collect(Collectors.toMap(CaseResult::id, Function.identity()));
    }
}
