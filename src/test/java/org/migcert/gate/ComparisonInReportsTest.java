package org.migcert.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.bundle.Bundle;
import org.migcert.report.RunComparison;
import org.migcert.run.Cli;

/**
 * {@code run --baseline DIR --history DIR}: the comparison is one of the run's raw files, shown by the
 * console, report.json and report.html, rebuilt identically by {@code report --from}, carried by a
 * bundle, and gone from a later run in the same directory that compares with nothing.
 */
class ComparisonInReportsTest {
    private static final String BROKEN = "fixtures/devices/broken/param1-accepts-unknown/device.yaml";
    private static final String BROKEN_CASE = "Info/PARAM-1/1.2/migcert-unknown-param=1/unknown-name";

    @Test
    void theComparisonIsARawFileEveryReportShows(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good");
        Path broken = dir.resolve("broken");
        Path history = dir.resolve("history");
        Cli first = Cli.run("run", "--only", "PARAM-1", "--out", good.toString(), "--history", history.toString());
        assertEquals(0, first.exit, first.out + first.err);
        Cli run = Cli.run("run", "--device", BROKEN, "--only", "PARAM-1", "--out", broken.toString(), "--baseline",
                good.toString(), "--history", history.toString());
        assertEquals(1, run.exit, run.out + run.err);
        assertTrue(run.out.contains("COMPARED with " + good + ": 1 regressed, 22 unchanged"), run.out);
        assertTrue(run.out.contains("  regressed: " + BROKEN_CASE + " (PASS -> FAIL)"), run.out);
        assertTrue(run.out.contains("history: 2 runs in " + history.resolve(History.FILE) + "; 1 newly failing, 0 fixed"),
                run.out);

        JsonNode report = new ObjectMapper().readTree(broken.resolve("report.json").toFile());
        JsonNode regressed = report.get("comparison").get("baseline").get("classes").get(0);
        assertEquals(Comparison.Change.REGRESSED.label(), regressed.get("name").asText());
        assertEquals(BROKEN_CASE, regressed.get("cases").get(0).get("caseId").asText());
        assertEquals(2, report.get("comparison").get("history").get("last").size());
        // The newly failing case grouped by cause, with its smallest case: the comparison speaks in problems too.
        JsonNode problems = report.get("comparison").get("baseline").get("problems");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(BROKEN_CASE, problems.get(0).get("smallest").asText());
        assertTrue(run.out.contains("newly failing: 1 case in 1 problem"), run.out);
        String page = Files.readString(broken.resolve("report.html"));
        assertTrue(page.contains("id=\"comparison\"") && page.contains("id=\"trend\"") && page.contains(BROKEN_CASE));
        assertTrue(page.contains("Newly failing: 1 case in 1 problem"), "the page groups them too");

        Map<String, byte[]> before = Map.of("report.json", Files.readAllBytes(broken.resolve("report.json")),
                "report.html", Files.readAllBytes(broken.resolve("report.html")));
        Cli rebuilt = Cli.run("report", "--from", broken.resolve("results.jsonl").toString());
        assertTrue(rebuilt.out.contains("COMPARED with " + good + ": 1 regressed"), rebuilt.out);
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertEquals(new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8),
                    Files.readString(broken.resolve(e.getKey())), e.getKey() + " rebuilt from the raw files");
        }

        assertTrue(Bundle.pack(broken, dir.resolve("bundle.tar.gz")).contains(RunComparison.FILE), "the bundle carries it");

        Cli again = Cli.run("run", "--only", "PARAM-1", "--out", broken.toString());
        assertEquals(0, again.exit, again.out + again.err);
        assertFalse(Files.exists(broken.resolve(RunComparison.FILE)), "an earlier run's comparison is not this one's");
        assertFalse(new ObjectMapper().readTree(broken.resolve("report.json").toFile()).has("comparison"));
        assertFalse(again.out.contains("COMPARED"), again.out);
    }

    @Test
    void anUnreadableBaselineLeavesTheRunUncomparedWithItsReports(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("baseline");
        Files.createDirectories(baseline);
        Files.writeString(baseline.resolve("results.jsonl"), "{\"id\": \"torn");
        Cli run = Cli.run("run", "--only", "PARAM-1", "--out", dir.resolve("out").toString(), "--baseline",
                baseline.toString());
        assertEquals(0, run.exit, "the run's own verdict: " + run.out + run.err);
        assertTrue(run.err.contains("--baseline") && run.err.contains("not compared"), run.err);
        assertTrue(Files.exists(dir.resolve("out/report.html")));
        assertFalse(Files.exists(dir.resolve("out").resolve(RunComparison.FILE)));
    }

    @Test
    void aMissingBaselineIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
        Cli c = Cli.run("run", "--only", "PARAM-1", "--out", dir.resolve("out").toString(), "--baseline",
                dir.resolve("nope").toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--baseline") && c.err.contains("no results.jsonl"), c.err);
        assertFalse(Files.exists(dir.resolve("out/results.jsonl")));
    }
}
