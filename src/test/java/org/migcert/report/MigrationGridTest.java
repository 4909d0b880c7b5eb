package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Forecast;
import org.migcert.rules.Verdict;

/**
 * The migration grid of the reports: the forecast from the migration info kept in {@code OUT/info}
 * beside each cell's COMPAT-1 verdict, failing rows first, and no forecast rather than a wrong one
 * where the info is missing.
 */
class MigrationGridTest {
    private static final String MTU = """
            "mtu": {"type": "int", "init_value": 1500, "allowed_values": [1500, 9000]}""";
    private static final String INFO_10 = "{\"models\": {\"example.org/refnic\": {\"params\": {" + MTU + "}}}}";
    private static final String INFO_11 = "{\"models\": {\"example.org/refnic\": {\"params\": {" + MTU + ", "
            + "\"rx-filter-size\": {\"type\": \"int\", \"init_value\": 0, \"off_value\": 0, \"allowed_values\": [\"0-32\"]}}}}}";

    @TempDir
    Path dir;

    private final List<CaseResult> cases = List.of(
            Cases.migration("1.1", "1.0", "mtu=1500,rx-filter-size=16", Verdict.PASS),
            Cases.migration("1.1", "1.1", "mtu=1500,rx-filter-size=16", Verdict.PASS),
            Cases.migration("1.0", "1.0", "mtu=1500 (version=1)", Verdict.PASS),
            Cases.migration("1.0", "1.1", "mtu=1500 (version=1)", Verdict.FAIL),
            Cases.of("i1", "Info", Verdict.FAIL, "INFO-1"));

    private Summary render(boolean withInfo) throws Exception {
        Path results = ReportRendererTest.writeResults(dir.resolve("out/results.jsonl"), cases, List.of("1.0", "1.1"));
        if (withInfo) {
            Files.createDirectories(dir.resolve("out/info"));
            Files.writeString(InfoDirectory.file(dir.resolve("out"), "1.0"), INFO_10);
            Files.writeString(InfoDirectory.file(dir.resolve("out"), "1.1"), INFO_11);
        }
        return ReportRenderer.load(getClass().getClassLoader()).renderAll(results, dir.resolve("out"), null);
    }

    @Test
    void eachCellHasTheForecastOfTheKeptInfoAndTheVerdictOfItsCase() throws Exception {
        MigrationGrid grid = render(true).grid();
        assertEquals(List.of("1.0", "1.1"), grid.implementations());
        assertEquals(2, grid.rows().size(), "one row per source configuration; the INFO-1 case is not a migration");
        MigrationGrid.Row first = grid.rows().get(0);
        assertEquals("1.0", first.source(), "the row with a failing cell first");
        assertEquals("mtu=1500 (version=1)", first.configuration());
        assertTrue(first.needsLooking());
        assertEquals(Forecast.Kind.MIGRATE, first.cells().get(1).forecast().kind());
        assertEquals(Verdict.FAIL, first.cells().get(1).observed());
        assertEquals("MigrationMatrix/COMPAT-1/1.0>1.1/mtu=1500 (version=1)", first.cells().get(1).caseId());
        MigrationGrid.Row second = grid.rows().get(1);
        assertEquals(Forecast.Kind.REFUSE, second.cells().get(0).forecast().kind(), "rx-filter-size=16 is unknown to 1.0");
        assertTrue(second.cells().get(0).forecast().reason().contains("rx-filter-size"), second.cells().get(0).forecast().reason());
        assertEquals(Forecast.Kind.MIGRATE, second.cells().get(1).forecast().kind());
        assertFalse(second.needsLooking());

        String page = Files.readString(dir.resolve("out/report.html"));
        String table = page.substring(page.indexOf("<table class=\"grid\">"), page.indexOf("</table>", page.indexOf("<table class=\"grid\">")));
        assertEquals(1, count(table, "data-verdict=\"FAIL\""), table);
        assertEquals(3, count(table, "data-verdict=\"PASS\""), table);
        assertTrue(table.contains(">M &#10007;</td>"), "forecast and symbol of the failing cell:\n" + table);
        assertTrue(table.contains(">R &#10003;</td>"), "a refusal as forecast, observed to pass:\n" + table);
        assertTrue(page.indexOf("<table class=\"rules\">") < page.indexOf("<table class=\"grid\">")
                && page.indexOf("<table class=\"grid\">") < page.indexOf("<table class=\"failures\">"), "aggregates first");
    }

    @Test
    void withoutKeptInfoTheCellsHaveVerdictsAndNoForecast() throws Exception {
        MigrationGrid grid = render(false).grid();
        assertEquals(2, grid.rows().size());
        assertNull(grid.rows().get(0).cells().get(1).forecast());
        assertEquals(Verdict.FAIL, grid.rows().get(0).cells().get(1).observed());
        assertTrue(Files.readString(dir.resolve("out/report.html")).contains(">? &#10007;</td>"));
    }

    @Test
    void aHostileConfigurationIsEscapedInCellsAndTitles() throws Exception {
        String hostile = "mtu=1500\"><img src=x onerror=alert(1)>";
        MigrationGrid.Collector c = new MigrationGrid.Collector();
        c.accept(Cases.migration("1.0", "1.1", hostile, Verdict.FAIL));
        java.io.StringWriter w = new java.io.StringWriter();
        HtmlGrid.write(w, c.grid("example.org/refnic", List.of("1.0", "1.1"), java.util.Map.of()));
        assertFalse(w.toString().contains("<img"), w.toString());
        assertTrue(w.toString().contains("&lt;img src=x onerror=alert(1)&gt;"), w.toString());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
