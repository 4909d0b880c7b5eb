package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Verdict;

/**
 * The ways a state leaves a source besides one STOP_COPY read to its end: through PRE_COPY while the
 * guest runs (COMPAT-2), and a save abandoned midway (ROBUST-2). The reference passes both; a device
 * broken on that path fails it, and only it.
 */
class SavePathsTest {
    private static final Pattern ABANDONED = Pattern.compile("abandoned after (\\d+) bytes.*the real state has (\\d+) bytes",
            Pattern.DOTALL);

    @Test
    void anAbandonedSaveReadsPartOfTheStreamAndTheReferenceSourceResumesUnchanged(@TempDir Path out) throws IOException {
        List<CaseResult> results = run(Path.of("fixtures/devices/refnic/device.yaml"), out, "ROBUST-2", 0);
        List<CaseResult> abandoned = abandoned(results);
        assertEquals(3, abandoned.size(), "one per implementation");
        for (CaseResult r : abandoned) {
            assertEquals(Verdict.PASS, r.verdict(), r.evidence());
            Matcher m = ABANDONED.matcher(r.evidence());
            assertTrue(m.find(), r.evidence());
            long read = Long.parseLong(m.group(1));
            assertTrue(read >= 1 && read < Long.parseLong(m.group(2)), "part of the stream was read: " + r.evidence());
        }
    }

    @Test
    void aSourceThatLosesItsStateWhenASaveIsAbandonedFailsRobust2(@TempDir Path out) throws IOException {
        List<CaseResult> results = run(Path.of("fixtures/devices/broken/robust2-source-loses-state/device.yaml"), out,
                "ROBUST-2", 1);
        CaseResult broken = abandoned(results).stream().filter(r -> r.source().equals("1.2")).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, broken.verdict());
        assertEquals(Observed.DIVERGED, broken.observed());
        assertTrue(broken.evidence().contains("SCRATCH"), broken.evidence());
    }

    @Test
    void migrationsThroughPreCopyPassOnTheReferenceAndFailWhereThePreCopyPathLosesState(@TempDir Path out)
            throws IOException {
        List<CaseResult> reference = run(Path.of("fixtures/devices/refnic/device.yaml"), out.resolve("refnic"),
                "COMPAT-2", 0);
        assertFalse(preCopy(reference).isEmpty());
        assertTrue(preCopy(reference).stream().allMatch(r -> r.verdict() == Verdict.PASS
                && r.evidence().contains("bytes read in PRE_COPY, then the workload")));

        List<CaseResult> broken = run(Path.of("fixtures/devices/broken/compat2-precopy-loses-state/device.yaml"),
                out.resolve("broken"), "COMPAT-2", 1);
        Set<String> failing = broken.stream().filter(r -> r.verdict() == Verdict.FAIL).map(CaseResult::id)
                .collect(Collectors.toSet());
        Set<String> fromBrokenThroughPreCopy = preCopy(broken).stream().filter(r -> r.source().equals("1.2"))
                .map(CaseResult::id).collect(Collectors.toSet());
        assertEquals(fromBrokenThroughPreCopy, failing, "only its migrations through PRE_COPY fail");
        assertTrue(preCopy(broken).stream().filter(r -> r.verdict() == Verdict.FAIL)
                .allMatch(r -> r.evidence().contains("SCRATCH")), "the evidence names the lost register");
    }

    private static List<CaseResult> run(Path manifest, Path out, String only, int exit) throws IOException {
        Cli run = Cli.run("run", "--device", manifest.toString(), "--out", out.toString(), "--only", only);
        assertEquals(exit, run.exit, run::toString);
        return Cli.results(out);
    }

    private static List<CaseResult> abandoned(List<CaseResult> results) {
        return results.stream().filter(r -> r.id().endsWith("/source-resumes:abandoned-save")).toList();
    }

    private static List<CaseResult> preCopy(List<CaseResult> results) {
        return results.stream().filter(r -> r.id().endsWith("/precopy")).toList();
    }
}
