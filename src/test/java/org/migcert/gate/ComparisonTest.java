package org.migcert.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.Verdict;
import org.migcert.run.Cli;

/**
 * A run compared with a baseline by stable case id: a device that starts failing a case is a
 * regression (exit 1), the same device fixed is fixed (exit 0), a case planned only in one run is new
 * or removed, and an unjudged case is never called fixed or failing.
 */
class ComparisonTest {
    private static final String GOOD = "fixtures/devices/refnic/device.yaml";
    private static final String BROKEN = "fixtures/devices/broken/param1-accepts-unknown/device.yaml";
    private static final String BROKEN_CASE = "Info/PARAM-1/1.2/migcert-unknown-param=1/unknown-name";

    @Test
    void aCaseThatStartsFailingIsARegressionAndItsFixIsFixed(@TempDir Path dir) {
        Path good = dir.resolve("good");
        Path broken = dir.resolve("broken");
        Cli.run("run", "--device", GOOD, "--only", "PARAM-1", "--out", good.toString());
        Cli.run("run", "--device", BROKEN, "--only", "PARAM-1", "--out", broken.toString());
        Cli worse = Cli.run("compare", "--baseline", good.toString(), "--results", broken.toString());
        assertEquals(1, worse.exit, worse.out);
        assertTrue(worse.out.contains("regressed: " + BROKEN_CASE + " (PASS -> FAIL)"), worse.out);
        Cli better = Cli.run("compare", "--baseline", broken.toString(), "--results", good.toString());
        assertEquals(0, better.exit, better.out);
        assertTrue(better.out.contains("fixed: " + BROKEN_CASE + " (FAIL -> PASS)"), better.out);
        assertTrue(better.out.startsWith("COMPARED with " + broken + ": "), better.out);
    }

    @Test
    void casesInOneRunOnlyAreNewOrRemoved(@TempDir Path dir) {
        Path info = dir.resolve("info");
        Path param2 = dir.resolve("param2");
        Cli.run("run", "--device", GOOD, "--only", "PARAM-1", "--out", info.toString());
        Cli.run("run", "--device", GOOD, "--only", "PARAM-2", "--out", param2.toString());
        Cli c = Cli.run("compare", "--baseline", info.toString(), "--results", param2.toString());
        assertEquals(0, c.exit, c.out);
        assertTrue(c.out.contains("3 new-case") && c.out.contains(" removed-case"), c.out);
        assertTrue(c.out.contains("new-case: Info/PARAM-2/1.0/-/omitted-equals-init (- -> PASS)"), c.out);
    }

    @Test
    void eachTransitionHasOneMeaning() {
        assertEquals(Comparison.Change.UNJUDGED, Comparison.entry("a", Verdict.FAIL, Verdict.ERROR).change());
        assertEquals(Comparison.Change.FIXED, Comparison.entry("a", Verdict.ERROR, Verdict.PASS).change());
        assertEquals(Comparison.Change.NEW_FAIL, Comparison.entry("a", Verdict.ERROR, Verdict.FAIL).change());
        assertEquals(Comparison.Change.STILL_FAILING, Comparison.entry("a", Verdict.BLOCKED, Verdict.FAIL).change());
        assertEquals(Comparison.Change.REGRESSED, Comparison.entry("a", Verdict.NOT_APPLICABLE, Verdict.BLOCKED).change());
        assertEquals(Comparison.Change.UNCHANGED, Comparison.entry("a", Verdict.PASS, Verdict.NOT_APPLICABLE).change());
        assertEquals(Comparison.Change.NEW_CASE, Comparison.entry("a", null, Verdict.PASS).change());
        // Flaky now is never a pass; it is newly failing only when the baseline did not fail.
        assertEquals(Comparison.Change.FLAKY, Comparison.entry("a", Verdict.PASS, Verdict.FLAKY).change());
        assertTrue(Comparison.entry("a", Verdict.PASS, Verdict.FLAKY).newlyFailing());
        assertTrue(Comparison.entry("a", null, Verdict.FLAKY).newlyFailing());
        assertFalse(Comparison.entry("a", Verdict.FAIL, Verdict.FLAKY).newlyFailing());
        assertEquals(Comparison.Change.STILL_FAILING, Comparison.entry("a", Verdict.FLAKY, Verdict.FAIL).change());
        assertEquals(Comparison.Change.FIXED, Comparison.entry("a", Verdict.FLAKY, Verdict.PASS).change());
    }

    @Test
    void aMissingRunIsAUsageError(@TempDir Path dir) {
        Cli c = Cli.run("compare", "--baseline", dir.resolve("nope").toString(), "--results", dir.toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("no results.jsonl"), c.err);
    }
}
