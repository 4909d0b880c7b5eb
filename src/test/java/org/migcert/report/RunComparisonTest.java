package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.Verdict;

/**
 * {@code comparison.json} in the reports: report.json's {@code comparison} section, report.html's
 * comparison and trend (newly failing classes marked, hostile case ids escaped), the console's lines,
 * and a file of another run left aside.
 */
class RunComparisonTest {
    @TempDir
    Path dir;

    private static final String HOSTILE = "MigrationMatrix/COMPAT-2/1.0>1.1/<img src=x onerror=alert(1)>";

    private static RunComparison comparison(String runId) {
        List<RunComparison.ChangeClass> classes = List.of(
                new RunComparison.ChangeClass("regressed", true, 1, List.of(new RunComparison.Changed(HOSTILE, Verdict.PASS,
                        Verdict.FAIL))),
                new RunComparison.ChangeClass("fixed", false, 0, List.of()),
                // a class this version does not know: shown all the same
                new RunComparison.ChangeClass("flaky", false, 2, List.of(new RunComparison.Changed("m1", Verdict.FAIL,
                        Verdict.PASS))),
                new RunComparison.ChangeClass("unchanged", false, 3, List.of()));
        List<RunComparison.TrendPoint> trend = List.of(
                new RunComparison.TrendPoint("r0", "2026-12-01T00:00:00Z", Summary.Overall.CONFORMANT, 6,
                        Map.of(Verdict.PASS, 6L), null, null),
                new RunComparison.TrendPoint(runId, "2026-12-02T00:00:00Z", Summary.Overall.NOT_CONFORMANT, 6,
                        Map.of(Verdict.PASS, 3L, Verdict.FAIL, 1L, Verdict.ERROR, 1L), 1L, 0L));
        return new RunComparison(RunComparison.FORMAT, runId, new RunComparison.Baseline("/srv/nightly/last", "r0",
                "2026-12-01T00:00:00Z", classes), new RunComparison.HistoryTrend("/srv/nightly/history.jsonl", 2, trend));
    }

    private Summary render(RunComparison c) throws Exception {
        Path results = ReportRendererTest.writeResults(dir.resolve("out/results.jsonl"), Cases.mixed(), List.of("1.0", "1.1"));
        c.write(dir.resolve("out"));
        return ReportRenderer.load(getClass().getClassLoader()).renderAll(results, dir.resolve("out"), null);
    }

    @Test
    void everyReportShowsTheComparisonOfItsRun() throws Exception {
        Summary s = render(comparison("run-1"));
        assertEquals(comparison("run-1"), s.comparison(), "read back as written");

        JsonNode json = Json.MAPPER.readTree(dir.resolve("out/report.json").toFile());
        JsonNode classes = json.get("comparison").get("baseline").get("classes");
        assertEquals("regressed", classes.get(0).get("name").asText());
        assertEquals(HOSTILE, classes.get(0).get("cases").get(0).get("caseId").asText());
        assertEquals(2, json.get("comparison").get("history").get("last").size());

        String page = Files.readString(dir.resolve("out/report.html"));
        assertTrue(page.contains("<tr class=\"bad\"><td>regressed</td><td class=\"n\">1</td></tr>"), "newly failing marked");
        assertTrue(page.contains("<tr><td>flaky</td><td class=\"n\">2</td></tr>"), "an unknown class is shown too");
        assertTrue(page.contains("<details open><summary>regressed (1)</summary>"), "newly failing cases open");
        assertFalse(page.contains("<img"), "the case id is escaped");
        assertTrue(page.contains("The last 2 of 2 runs"));
        assertTrue(page.indexOf("id=\"comparison\"") < page.indexOf("class=\"failures\""), "aggregates first");

        String console = console(s);
        assertTrue(console.contains("COMPARED with /srv/nightly/last: 1 regressed, 2 flaky, 3 unchanged"), console);
        assertTrue(console.contains("  regressed: " + HOSTILE + " (PASS -> FAIL)"), console);
        assertTrue(console.contains("  flaky: 1 more, counted and not listed"), console);
        assertTrue(console.contains("history: 2 runs in /srv/nightly/history.jsonl; 1 newly failing, 0 fixed since"
                + " 2026-12-01T00:00:00Z (CONFORMANT)"), console);
    }

    /**
     * The trend counts FLAKY and WAIVED cases once a run shown has some (neither is a pass nor a FAIL, so
     * without them the counts would not add up), on every line and in the page; without them it reads as before.
     */
    @Test
    void theTrendCountsFlakyAndWaivedCasesWhenARunHasSome() throws Exception {
        String plain = console(render(comparison("run-1")));
        assertTrue(plain.contains("  2026-12-02T00:00:00Z NOT_CONFORMANT 3 pass, 1 fail, 0 blocked, 1 error of 6\n"),
                plain);

        RunComparison c = comparison("run-1");
        List<RunComparison.TrendPoint> trend = List.of(c.history().last().get(0), new RunComparison.TrendPoint("run-1",
                "2026-12-02T00:00:00Z", Summary.Overall.NOT_CONFORMANT, 6, Map.of(Verdict.PASS, 4L, Verdict.FLAKY, 1L,
                Verdict.WAIVED, 1L), 1L, 0L));
        String console = console(render(new RunComparison(c.format(), c.runId(), c.baseline(),
                new RunComparison.HistoryTrend(c.history().file(), 2, trend))));
        assertTrue(console.contains("  2026-12-01T00:00:00Z CONFORMANT 6 pass, 0 fail, 0 blocked, 0 error, 0 flaky,"
                + " 0 waived of 6\n"), console);
        assertTrue(console.contains("  2026-12-02T00:00:00Z NOT_CONFORMANT 4 pass, 0 fail, 0 blocked, 0 error, 1 flaky,"
                + " 1 waived of 6\n"), console);
        String page = Files.readString(dir.resolve("out/report.html"));
        assertTrue(page.contains("<th>error</th><th>flaky</th><th>waived</th><th>cases</th>"), page);
        assertTrue(page.contains("<tr class=\"bad\"><td>2026-12-02T00:00:00Z</td>"), "a flaky run is marked bad");
    }

    private String console(Summary s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(s, new ResultsFile(dir.resolve("out/results.jsonl")), new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aComparisonOfAnotherRunIsLeftAside() throws Exception {
        Summary s = render(comparison("another-run"));
        assertNull(s.comparison());
        assertFalse(Json.MAPPER.readTree(dir.resolve("out/report.json").toFile()).has("comparison"));
        assertFalse(Files.readString(dir.resolve("out/report.html")).contains("id=\"comparison\""));
    }

    @Test
    void aComparisonFileThatIsNotOneIsNamed() throws Exception {
        Path results = ReportRendererTest.writeResults(dir.resolve("out/results.jsonl"), Cases.mixed(), List.of("1.0"));
        Files.writeString(dir.resolve("out").resolve(RunComparison.FILE), "{\"format\": [");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> ReportRenderer.load(getClass().getClassLoader()).renderAll(results, dir.resolve("out"), null));
        assertTrue(e.getMessage().contains(RunComparison.FILE + " is not a comparison"), e.getMessage());
    }

    @Test
    void renderingTwiceGivesTheSameBytes() throws Exception {
        render(comparison("run-1"));
        byte[] json = Files.readAllBytes(dir.resolve("out/report.json"));
        byte[] html = Files.readAllBytes(dir.resolve("out/report.html"));
        ReportRenderer.load(getClass().getClassLoader()).renderAll(dir.resolve("out/results.jsonl"), dir.resolve("out"), null);
        assertEquals(new String(json, StandardCharsets.UTF_8), Files.readString(dir.resolve("out/report.json")));
        assertEquals(new String(html, StandardCharsets.UTF_8), Files.readString(dir.resolve("out/report.html")));
    }
}
