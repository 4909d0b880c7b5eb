package org.migcert.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.run.Cli;

/**
 * The release gate's exit code for each situation, decided from result files alone: clean, a
 * regression, a failure known by a valid waiver or by the baseline, an expired waiver, a waiver under
 * a profile that forbids them, harness errors, a lone shard, a partial run, a malformed waivers file.
 */
class GateTest {
    private static final String BROKEN = "fixtures/devices/broken/param1-accepts-unknown/device.yaml";
    /** The one failing case of BROKEN under --only PARAM-1,PARAM-2. */
    private static final String FAILING = "Info/PARAM-1/1.2/migcert-unknown-param=1/unknown-name";
    private static final String TODAY = "2026-12-03";
    @TempDir
    static Path dir;

    @BeforeAll
    static void runs() {
        cli("run", "--out", dir.resolve("clean").toString(), "--only", "PARAM-2");
        cli("run", "--out", dir.resolve("failing").toString(), "--device", BROKEN, "--profile", "suites/nightly.yaml",
                "--only", "PARAM-1,PARAM-2");
        cli("run", "--out", dir.resolve("certified-failing").toString(), "--device", BROKEN, "--only", "PARAM-1,PARAM-2");
        cli("run", "--out", dir.resolve("shard").toString(), "--only", "PARAM-2", "--shard", "1/2");
    }

    @Test
    void aCleanRunPasses() {
        Cli g = gate("--results", dir.resolve("clean").toString());
        assertEquals(0, g.exit, g.out);
        assertTrue(g.out.startsWith("GATE: PASS"), g.out);
    }

    @Test
    void anUnknownFailureIsARegression() {
        Cli g = gate("--results", dir.resolve("failing").toString());
        assertEquals(1, g.exit, g.out);
        assertTrue(g.out.contains("regression: FAIL " + FAILING), g.out);
    }

    @Test
    void aFailureUnderAValidWaiverIsKnownAndAnUnusedWaiverIsReported() throws IOException {
        Path w = waivers("  - case: \"" + FAILING.replace("1.2", "*") + "\"\n" + entry("2026-12-31")
                + "  - rule: FSM-3\n" + entry("2026-12-31"));
        Cli g = gate("--results", dir.resolve("failing").toString(), "--waivers", w.toString());
        assertEquals(4, g.exit, g.out);
        assertTrue(g.out.startsWith("GATE: KNOWN_FAILURES_ONLY (1 waived)"), g.out);
        assertTrue(g.out.contains("waived until 2026-12-31 by " + w + ":2:5 (https://bugs.example.com/42)"), g.out);
        assertTrue(g.out.contains("unused waiver (remove it): " + w + ":6:5 rule FSM-3"), g.out);
    }

    @Test
    void anExpiredWaiverFailsTheGate() throws IOException {
        Path w = waivers("  - rule: PARAM-1\n" + entry("2026-12-02"));
        Cli g = gate("--results", dir.resolve("failing").toString(), "--waivers", w.toString());
        assertEquals(1, g.exit, g.out);
        assertTrue(g.out.contains("the waiver at " + w + ":2:5 expired on 2026-12-02"), g.out);
        assertTrue(g.out.contains("expired waiver (fails the gate)"), g.out);
    }

    @Test
    void aCertificationRunTakesNoWaiver() throws IOException {
        Path w = waivers("  - rule: PARAM-1\n" + entry("2026-12-31"));
        Cli g = gate("--results", dir.resolve("certified-failing").toString(), "--waivers", w.toString());
        assertEquals(1, g.exit, g.out);
        assertTrue(g.out.contains("the run's profile forbids waivers"), g.out);
    }

    @Test
    void aFailureInTheBaselineIsKnownUnlessThePolicyWantsWaivers() {
        String failing = dir.resolve("failing").toString();
        assertEquals(4, gate("--results", failing, "--baseline", failing).exit);
        assertEquals(1, gate("--results", failing, "--baseline", failing, "--policy", "waivers").exit);
    }

    @Test
    void harnessErrorsALoneShardOrAPartialRunAreUnknownNeverAPass() throws IOException {
        Path errors = copy("clean", "errors");
        Path results = errors.resolve("results.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(results));
        lines.set(1, lines.get(1).replace("\"verdict\":\"PASS\"", "\"verdict\":\"ERROR\""));
        Files.write(results, lines);
        Cli g = gate("--results", errors.toString());
        assertEquals(3, g.exit, g.out);
        assertTrue(g.out.contains("unknown: ERROR"), g.out);

        g = gate("--results", dir.resolve("shard").toString());
        assertEquals(3, g.exit, g.out);
        assertTrue(g.out.contains("is shard 1/2 only: merge every shard first"), g.out);

        Path partial = copy("clean", "partial");
        lines = Files.readAllLines(partial.resolve("results.jsonl"));
        Files.write(partial.resolve("results.jsonl"), lines.subList(0, lines.size() - 1));
        g = gate("--results", partial.toString());
        assertEquals(3, g.exit, g.out);
        assertTrue(g.out.contains("the run is partial"), g.out);
    }

    @Test
    void aMalformedWaiversFileIsAUsageErrorWithItsLocation() throws IOException {
        Path w = waivers("  - rule: PARAM-1\n    reason: r\n    tracking: t\n    expires: 2026-13-01\n");
        Cli g = gate("--results", dir.resolve("failing").toString(), "--waivers", w.toString());
        assertEquals(2, g.exit, g.err);
        assertTrue(g.err.contains(w + ":5:5") && g.err.contains("is not a date"), g.err);
        Path far = waivers("  - rule: PARAM-1\n" + entry("2029-01-01"));
        g = gate("--results", dir.resolve("failing").toString(), "--waivers", far.toString());
        assertEquals(2, g.exit, g.err);
        assertTrue(g.err.contains("more than 366 days away"), g.err);
        Path typo = waivers("  - rule: PARAM-1\n    reson: r\n" + entry("2026-12-31").replace("    reason: known\n", ""));
        g = gate("--results", dir.resolve("failing").toString(), "--waivers", typo.toString());
        assertEquals(2, g.exit, g.err);
        assertTrue(g.err.contains("reson") && g.err.contains("reason"), g.err);
    }

    private static String entry(String expires) {
        return "    reason: known\n    tracking: https://bugs.example.com/42\n    expires: " + expires + "\n";
    }

    private static Path waivers(String entries) throws IOException {
        Path f = Files.createTempFile(dir, "waivers", ".yaml");
        Files.writeString(f, "waivers:\n" + entries);
        return f;
    }

    private static Path copy(String from, String to) throws IOException {
        Path d = Files.createDirectories(dir.resolve(to));
        Files.copy(dir.resolve(from).resolve("results.jsonl"), d.resolve("results.jsonl"));
        return d;
    }

    private static Cli gate(String... args) {
        List<String> a = new ArrayList<>(List.of("gate", "--today", TODAY));
        a.addAll(List.of(args));
        return cli(a.toArray(String[]::new));
    }

    private static Cli cli(String... args) {
        return Cli.run(args);
    }
}
