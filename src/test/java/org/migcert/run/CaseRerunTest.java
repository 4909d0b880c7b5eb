package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/** {@code --case ID} reruns exactly one case, with the verdict it had in the full run. */
class CaseRerunTest {
    @Test
    void rerunsOneFailingCaseWithTheSameVerdict(@TempDir Path full, @TempDir Path one) throws IOException {
        String manifest = "fixtures/devices/broken/compat3-accepts-other-config/device.yaml";
        assertEquals(1, Cli.run("run", "--device", manifest, "--only", "COMPAT-3", "--out", full.toString()).exit);
        CaseResult failed = Cli.results(full).stream().filter(r -> r.verdict() == Verdict.FAIL).findFirst().orElseThrow();
        Cli again = Cli.run("run", "--device", manifest, "--out", one.toString(), "--case", failed.id());
        assertEquals(1, again.exit, again::toString);
        List<CaseResult> rerun = Cli.results(one);
        assertEquals(1, rerun.size());
        assertEquals(failed.id(), rerun.get(0).id());
        assertEquals(failed.verdict(), rerun.get(0).verdict());
        assertEquals(failed.observed(), rerun.get(0).observed());
    }

    @Test
    void rerunsOnePassingCase(@TempDir Path full, @TempDir Path one) throws IOException {
        assertEquals(0, Cli.run("run", "--only", "StateMachine", "--out", full.toString()).exit);
        CaseResult passed = Cli.results(full).stream().filter(r -> r.verdict() == Verdict.PASS).reduce((a, b) -> b)
                .orElseThrow();
        Cli again = Cli.run("run", "--out", one.toString(), "--case", passed.id());
        assertEquals(0, again.exit, again::toString);
        List<CaseResult> rerun = Cli.results(one);
        assertEquals(1, rerun.size());
        assertEquals(Verdict.PASS, rerun.get(0).verdict());
    }

    @Test
    void anUnknownCaseIdIsAUsageError(@TempDir Path out) {
        Cli run = Cli.run("run", "--out", out.toString(), "--case", "Nope/NOPE-1/x");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("no case matches"), run::toString);
    }
}
