package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;

class ReportRendererTest {
    @TempDir
    Path dir;

    private Path results(List<CaseResult> cases) throws Exception {
        Path file = dir.resolve("out/results.jsonl");
        try (ResultsWriter w = ResultsWriter.create(file)) {
            for (CaseResult r : cases) {
                w.append(r);
            }
        }
        return file;
    }

    @Test
    void rendersAllReportsFromTheResultsFile() throws Exception {
        Path out = dir.resolve("out");
        Summary s = ReportRenderer.load(getClass().getClassLoader()).renderAll(results(Cases.mixed()), out, Cases.runInfo());
        assertEquals(Summary.Overall.NOT_CONFORMANT, s.overall());
        for (String f : List.of("report.json", "junit.xml", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (var leftovers = Files.list(out)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }

        JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
        assertEquals(JsonReport.FORMAT, report.get("format").asText());
        assertEquals("example.org/refnic", report.get("run").get("model").asText());
        assertEquals("NOT_CONFORMANT", report.get("summary").get("overall").asText());
        assertEquals(1, report.get("summary").get("byRule").get("COMPAT-2").get("fail").asInt());
        assertEquals(6, report.get("cases").size());
        assertEquals(Cases.mixed().get(1), Json.MAPPER.treeToValue(report.get("cases").get(1), CaseResult.class));
    }

    @Test
    void rebuildingKeepsTheRunInfoAndReportsATornLine() throws Exception {
        Path out = dir.resolve("out");
        Path file = results(Cases.mixed());
        ReportRenderer.load(getClass().getClassLoader()).renderAll(file, out, Cases.runInfo());
        Files.writeString(file, "{\"id\":\"torn", StandardOpenOption.APPEND);

        Summary s = ReportRenderer.load(getClass().getClassLoader()).renderAll(file, out, null);
        assertEquals(1, s.unreadableLines().size());
        assertTrue(s.unreadableLines().get(0).torn());
        JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
        assertEquals(Cases.runInfo(), Json.MAPPER.treeToValue(report.get("run"), RunInfo.class));
        assertEquals(7, report.get("summary").get("unreadableLines").get(0).get("line").asInt());
        assertTrue(Files.readString(out.resolve("report.html")).contains("torn last line"));
    }

    @Test
    void rebuildingWithoutAPreviousReportUsesUnknownRunInfo() throws Exception {
        Path out = dir.resolve("fresh");
        Summary s = ReportRenderer.load(getClass().getClassLoader()).renderAll(results(Cases.mixed().subList(0, 1)), out, null);
        assertEquals(Summary.Overall.CONFORMANT, s.overall());
        assertTrue(Json.MAPPER.readTree(out.resolve("report.json").toFile()).get("run").get("model").isNull());
    }
}
