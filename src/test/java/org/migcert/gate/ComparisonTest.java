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
        Path good = new RunOf().in(dir);
        Path broken = new RunOf().device(BROKEN).in(dir);
        Cli worse = compare(good, broken);
        assertEquals(1, worse.exit, worse.out);
        assertTrue(worse.out.contains("regressed: " + BROKEN_CASE + " (PASS -> FAIL)"), worse.out);
        Cli better = compare(broken, good);
        assertEquals(0, better.exit, better.out);
        assertTrue(better.out.contains("fixed: " + BROKEN_CASE + " (FAIL -> PASS)"), better.out);
        assertTrue(better.out.startsWith("COMPARED with " + broken + ": "), better.out);
    }

    @Test
    void casesInOneRunOnlyAreNewOrRemoved(@TempDir Path dir) {
        Cli c = compare(new RunOf().in(dir), new RunOf().only("PARAM-2").in(dir));
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

    /** A run of the good device's PARAM-1 cases; a test states only what its run changes. */
    private static final class RunOf {
        private String device = GOOD;
        private String only = "PARAM-1";

        RunOf device(String manifest) {
            device = manifest;
            return this;
        }

        RunOf only(String selection) {
            only = selection;
            return this;
        }

        /** Runs it into a directory of {@code dir} named after the device and selection; returns that directory. */
        Path in(Path dir) {
            Path out = dir.resolve(Path.of(device).getParent().getFileName() + "-" + only);
            Cli run = Cli.run("run", "--device", device, "--only", only, "--out", out.toString());
            assertTrue(run.exit <= 1, run::toString);
            return out;
        }
    }

    private static Cli compare(Path baseline, Path results) {
        return Cli.run("compare", "--baseline", baseline.toString(), "--results", results.toString());
    }

    @Test
    void aMissingRunIsAUsageError(@TempDir Path dir) {
        Cli c = Cli.run("compare", "--baseline", dir.resolve("nope").toString(), "--results", dir.toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("no results.jsonl"), c.err);
    }
}
