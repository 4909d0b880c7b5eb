package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.Verdict;

/**
 * {@code run --waivers}: a waived failure stays visible as WAIVED with its waiver in every report while the
 * results keep the device's verdict; expired and unused waivers are reported; the exit code says "known
 * failures only" (4) as the gate does; reports rebuilt from the output directory equal the originals; a
 * profile that forbids waivers, a malformed file and an altered copy are refused.
 */
class WaivedRunTest {
    private static final String BROKEN = "fixtures/devices/broken/param1-accepts-unknown/device.yaml";
    /** The one failing case of BROKEN under --only PARAM-1,PARAM-2. */
    private static final String FAILING = "Info/PARAM-1/1.2/migcert-unknown-param=1/unknown-name";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path waived;
    static Cli waivedRun;

    @BeforeAll
    static void run() throws IOException {
        Path w = waivers("  - rule: PARAM-1\n" + entry(TODAY.plusDays(30), "<script>alert(1)</script> known", "nic-team")
                + "  - rule: FSM-3\n" + entry(TODAY.plusDays(30), "never fails here", null));
        waived = dir.resolve("waived");
        waivedRun = nightly(waived, "--waivers", w.toString());
    }

    @Test
    void aWaivedFailureIsReportedWaivedWithItsWaiverAndExitsFour() throws IOException {
        assertEquals(4, waivedRun.exit, waivedRun::toString);
        assertTrue(waivedRun.out.contains("VERDICT: KNOWN_FAILURES_ONLY (0 fail, 1 waived, 0 error,"), waivedRun.out);
        assertTrue(waivedRun.out.contains("WAIVED PARAM-1"), waivedRun.out);
        assertTrue(waivedRun.out.contains("waived until " + TODAY.plusDays(30) + " (https://bugs.example.com/42, owner"
                + " nic-team)"), waivedRun.out);
        // The raw results keep what the device did.
        assertEquals(Verdict.FAIL, Cli.verdicts(Cli.results(waived)).get(FAILING));

        JsonNode report = JSON.readTree(waived.resolve("report.json").toFile());
        JsonNode c = Cli.caseOf(report, FAILING);
        assertEquals("WAIVED", c.get("verdict").asText());
        assertEquals("https://bugs.example.com/42", c.at("/waiver/tracking").asText());
        assertEquals(TODAY.plusDays(30).toString(), c.at("/waiver/expires").asText());
        assertEquals("nic-team", c.at("/waiver/owner").asText());
        assertEquals(1, report.at("/summary/byVerdict/WAIVED").asInt());
        assertEquals(0, report.at("/summary/byVerdict/FAIL").asInt());

        String junit = Files.readString(waived.resolve("junit.xml"));
        assertTrue(junit.contains("<skipped message=\"waived until " + TODAY.plusDays(30)), junit);
        String html = Files.readString(waived.resolve("report.html"));
        assertTrue(html.contains("class=\"v v-WAIVED\""), "a status style for WAIVED");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; known"), "the waiver's reason, escaped");
        assertFalse(html.contains("<script>alert(1)"), "no markup from the waivers file");
        assertTrue(Files.readString(waived.resolve("allure-results/categories.json")).contains("waived until .*"));
        JsonNode allure = allureResult(waived.resolve("allure-results"), FAILING);
        assertEquals("skipped", allure.get("status").asText(), "the waived category matches skipped results");
        assertTrue(allure.at("/statusDetails/message").asText().startsWith("waived until " + TODAY.plusDays(30)));
    }

    /** The Allure result of the case with this id (its {@code case} parameter). */
    private static JsonNode allureResult(Path dir, String caseId) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                JsonNode r = JSON.readTree(f.toFile());
                for (JsonNode p : r.path("parameters")) {
                    if (p.path("name").asText().equals("case") && p.path("value").asText().equals(caseId)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no Allure result for " + caseId + " in " + dir);
    }

    @Test
    void anUnusedWaiverIsReported() throws IOException {
        assertTrue(waivedRun.out.contains("UNUSED waiver at ") && waivedRun.out.contains("(rule FSM-3) covers no failing"
                + " case"), waivedRun.out);
        JsonNode unused = JSON.readTree(waived.resolve("report.json").toFile()).at("/summary/unusedWaivers");
        assertEquals(1, unused.size());
        assertEquals("rule FSM-3", unused.get(0).get("names").asText());
    }

    @Test
    void anExpiredWaiverWaivesNothingAndIsReported() throws IOException {
        Path w = waivers("  - rule: PARAM-1\n" + entry(TODAY.minusDays(1), "was known", null));
        Path out = dir.resolve("expired");
        Cli run = nightly(out, "--waivers", w.toString());
        assertEquals(1, run.exit, run::toString);
        assertTrue(run.out.contains("FAIL  PARAM-1"), run.out);
        assertTrue(run.out.contains("EXPIRED waiver at ") && run.out.contains("expired on " + TODAY.minusDays(1)
                + ": it waives nothing"), run.out);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals("FAIL", Cli.caseOf(report, FAILING).get("verdict").asText());
        assertEquals(1, report.at("/summary/expiredWaivers").size());
        // The gate, judging the run's own waivers as of today, fails on it too.
        Cli gate = Cli.run("gate", "--results", out.toString());
        assertEquals(1, gate.exit, gate::toString);
        assertTrue(gate.out.contains("expired waiver (fails the gate)"), gate.out);
    }

    @Test
    void reportsRebuiltFromTheOutputDirectoryEqualTheOriginals() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("rebuilt"));
        Cli rebuilt = Cli.run("report", "--from", waived.resolve("results.jsonl").toString(), "--out", copy.toString());
        assertEquals(4, rebuilt.exit, rebuilt::toString);
        for (String f : List.of("report.json", "junit.xml", "report.html")) {
            assertEquals(Files.readString(waived.resolve(f)), Files.readString(copy.resolve(f)), f);
        }
    }

    @Test
    void aBundleOfAWaivedRunCarriesItsWaivers() throws IOException {
        Path bundle = dir.resolve("waived.tar.gz");
        Cli b = Cli.run("bundle", "--results", waived.toString(), "--out", bundle.toString());
        assertEquals(0, b.exit, b::toString);
        List<String> names = new java.util.ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(Files.newInputStream(bundle)))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertTrue(names.contains("waivers.yaml"), "the reports were judged by it: " + names);
    }

    @Test
    void theGateTakesTheRunsWaiversWhenGivenNone() {
        Cli gate = Cli.run("gate", "--results", waived.toString());
        assertEquals(4, gate.exit, gate::toString);
        assertTrue(gate.out.contains("waivers: " + waived.resolve("waivers.yaml") + " (the run's)"), gate.out);
        assertTrue(gate.out.contains("GATE: KNOWN_FAILURES_ONLY (1 waived)"), gate.out);
    }

    @Test
    void anAlteredCopyOfTheWaiversIsRefusedWhenReportsAreRebuilt() throws IOException {
        Path out = Files.createDirectories(dir.resolve("altered"));
        Files.copy(waived.resolve("results.jsonl"), out.resolve("results.jsonl"));
        Files.writeString(out.resolve("waivers.yaml"), Files.readString(waived.resolve("waivers.yaml"))
                .replace("nic-team", "someone-else"));
        Cli rebuilt = Cli.run("report", "--from", out.resolve("results.jsonl").toString());
        assertEquals(3, rebuilt.exit, rebuilt::toString);
        assertTrue(rebuilt.err.contains("is not the waivers file the run was given"), rebuilt.err);
    }

    @Test
    void aProfileThatForbidsWaiversAndAMalformedFileAreUsageErrors() throws IOException {
        Path w = waivers("  - rule: PARAM-1\n" + entry(TODAY.plusDays(30), "known", null));
        Cli certification = Cli.run("run", "--device", BROKEN, "--only", "PARAM-1", "--out",
                dir.resolve("cert").toString(), "--waivers", w.toString());
        assertEquals(2, certification.exit, certification::toString);
        assertTrue(certification.err.contains("forbids waivers"), certification.err);

        Path bad = waivers("  - rule: PARAM-1\n    reason: r\n    tracking: t\n    expires: 2026-13-01\n");
        Cli malformed = nightly(dir.resolve("malformed"), "--waivers", bad.toString());
        assertEquals(2, malformed.exit, malformed::toString);
        assertTrue(malformed.err.contains(bad + ":5:5") && malformed.err.contains("'2026-13-01' is not a date"),
                malformed.err);
        assertFalse(Files.exists(dir.resolve("malformed/results.jsonl")), "nothing ran");
    }

    private static Cli nightly(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--device", BROKEN, "--profile",
                "suites/nightly.yaml", "--only", "PARAM-1,PARAM-2", "--jobs", "1", "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static String entry(LocalDate expires, String reason, String owner) {
        return "    reason: \"" + reason + "\"\n    tracking: https://bugs.example.com/42\n    expires: " + expires + "\n"
                + (owner == null ? "" : "    owner: " + owner + "\n");
    }

    private static Path waivers(String entries) throws IOException {
        Path f = Files.createTempFile(dir, "waivers", ".yaml");
        Files.writeString(f, "waivers:\n" + entries);
        return f;
    }
}
