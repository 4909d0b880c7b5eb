package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.device.JavaDevice;
import org.migcert.fixtures.refnic.RefNic10;
import org.migcert.model.MigrationInfo;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.rules.Role;
import org.migcert.rules.Verdict;

/**
 * A device whose migration info cannot be read is the device's fault: an INFO-1 failure with the
 * evidence, in a full report, while the other implementations are still certified; a mistake in the
 * manifest's own inline info stays a usage error (exit 2) and is never blamed on the device.
 */
class UnreadableInfoTest {
    private static final Path INFO_EXITS = Path.of("fixtures/devices/misbehaving/info-exits/device.yaml");
    private static final String READABLE = "Info/INFO-1/1.0/-/migration-info-readable";

    @Test
    void anUnreadableInfoIsAnInfo1FailureInAFullReportAndTheOthersStillRun(@TempDir Path out) throws IOException {
        // FWD-1 alone: the INFO-1 finding is required all the same, or the run would look complete without 1.0.
        Cli run = Cli.run("run", "--device", INFO_EXITS.toString(), "--out", out.toString(), "--only", "FWD-1");
        assertEquals(1, run.exit, run::toString);
        List<CaseResult> results = Cli.results(out);
        CaseResult finding = results.stream().filter(r -> r.id().equals(READABLE)).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, finding.verdict());
        assertEquals(Observed.CRASHED, finding.observed());
        assertEquals(Phase.READ_INFO, finding.phase());
        assertEquals(Role.PROGRAM, finding.role());
        assertTrue(finding.evidence().contains("exit status 3") && finding.evidence().contains("libdevice.so.3"),
                finding.evidence());
        List<CaseResult> others = results.stream().filter(r -> !r.id().equals(READABLE)).toList();
        assertTrue(!others.isEmpty() && others.stream().allMatch(r -> r.verdict() == Verdict.PASS
                && !r.source().equals("1.0") && !"1.0".equals(r.destination())), others::toString);
        assertTrue(run.err.contains("implementation 1.0 is left out of the plan"), run.err);
        assertTrue(Files.readString(out.resolve("report.json")).contains(READABLE));
        assertTrue(Files.readString(out.resolve("report.html")).contains("migration-info-readable"));
    }

    @Test
    void inlineInfoThatIsNotMigrationInfoIsTheManifestsMistake(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("device.yaml");
        Files.writeString(manifest, "extends: " + Path.of("fixtures/devices/refnic/device.yaml").toAbsolutePath() + "\n"
                + "implementations:\n  - id: \"1.0\"\n    adapter: java\n"
                + "    class: org.migcert.fixtures.refnic.RefNic10\n    info: {models: 7}\n");
        Cli run = Cli.run("run", "--device", manifest.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, run.exit, run::toString);
        assertTrue(run.err.contains(manifest.toString()), run.err);
        assertTrue(Files.notExists(dir.resolve("out").resolve("results.jsonl")), "nothing ran");
    }

    @Test
    void aJavaDeviceWhoseInfoThrowsIsTheDevicesFault() {
        ImplementationSpec spec = new ImplementationSpec("1.0", "java", new ObjectMapper().createObjectNode()
                .put("class", Throwing.class.getName()), Optional.empty(), Path.of("."), "test", Duration.ofSeconds(10));
        DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> Adapters.byName("java").open(spec));
        assertEquals(DeviceFailedException.Kind.CRASHED, e.kind());
        assertTrue(e.getMessage().contains("no info today"), e.getMessage());
    }

    /** A Java device whose own migration info throws. */
    public static final class Throwing implements JavaDevice {
        @Override
        public MigrationInfo migrationInfo() {
            throw new IllegalStateException("no info today");
        }

        @Override
        public DeviceInstance create(Map<String, String> params) {
            return new RefNic10().create(params);
        }
    }
}
