package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;

class ReportRendererTest {
    @TempDir
    Path dir;

    /** A finished run's results file: the plan (from {@link Cases#runInfo()}), the cases, the end. */
    private Path results(List<CaseResult> cases) throws Exception {
        return results(cases, cases.size(), true);
    }

    private Path results(List<CaseResult> cases, long planned, boolean ended) throws Exception {
        return writeResults(dir.resolve("out/results.jsonl"), cases, planned, ended, Cases.runInfo().implementations());
    }

    /** A finished run's results file of run {@code run-1} with these implementations. */
    static Path writeResults(Path file, List<CaseResult> cases, List<String> implementations) throws Exception {
        return writeResults(file, cases, cases.size(), true, implementations);
    }

    private static Path writeResults(Path file, List<CaseResult> cases, long planned, boolean ended,
                                     List<String> implementations) throws Exception {
        RunInfo i = Cases.runInfo();
        try (ResultsWriter w = ResultsWriter.create(file)) {
            w.append(new RunRecord.Plan(RunRecord.FORMAT, "run-1", i.startedAt(), planned, "sha256:0", i.device(),
                    i.profile(), List.of(), null, i.model(), implementations, i.migcertVersion(), i.commandLine(), null, null, planned,
                    "sha256:0", null, null));
            for (CaseResult r : cases) {
                w.append(r);
            }
            if (ended) {
                w.append(new RunRecord.End(i.finishedAt(), true, "every planned case ran"));
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
        assertEquals(9, report.get("summary").get("unreadableLines").get(0).get("line").asInt());
        assertTrue(Files.readString(out.resolve("report.html")).contains("torn last line"));
    }

    /**
     * The containers a run started come from its end record alone, so reports rebuilt from the
     * results say the same; an end record written before the count existed reads as none.
     */
    @Test
    void containerStartsComeFromTheEndRecord() throws Exception {
        Path file = results(Cases.mixed());
        List<String> lines = Files.readAllLines(file);
        List<String> cases = lines.subList(0, lines.size() - 1);
        RunInfo i = Cases.runInfo();
        String three = Json.MAPPER.writeValueAsString(new RunRecord.End(i.finishedAt(), true, "every planned case ran", 3));
        String older = lines.get(lines.size() - 1).replace(",\"containerStarts\":0", "");
        assertTrue(older.contains("\"reason\"") && !older.contains("containerStarts"), older);

        Files.write(file, Stream.concat(cases.stream(), Stream.of(three)).toList());
        Summary s = ReportRenderer.load(getClass().getClassLoader()).renderAll(file, dir.resolve("three"), null);
        assertEquals(3, s.containerStarts());
        assertEquals(3, Json.MAPPER.readTree(dir.resolve("three/report.json").toFile()).at("/summary/containerStarts")
                .asInt());

        Files.write(file, Stream.concat(cases.stream(), Stream.of(older)).toList());
        assertEquals(0, ReportRenderer.load(getClass().getClassLoader()).renderAll(file, dir.resolve("older"), null)
                .containerStarts());
        assertTrue(new ResultsFile(file).records().complete(), "an older end record still ends the run");
    }

    @Test
    void aResultsFileWithoutItsRecordsIsPartialWithUnknownRunInfo() throws Exception {
        Path out = dir.resolve("fresh");
        Path file = dir.resolve("bare/results.jsonl");
        try (ResultsWriter w = ResultsWriter.create(file)) {
            w.append(Cases.mixed().get(0));
        }
        Summary s = ReportRenderer.load(getClass().getClassLoader()).renderAll(file, out, null);
        assertEquals(Summary.Overall.PARTIAL, s.overall(), "a lone passing case proves nothing about a whole run");
        assertTrue(Json.MAPPER.readTree(out.resolve("report.json").toFile()).get("run").get("model").isNull());
    }

    @Test
    void aRunThatDiedBeforeItsEndIsPartialAndSaysHowMuchRan() throws Exception {
        Path out = dir.resolve("killed");
        List<CaseResult> passing = List.of(Cases.mixed().get(0), Cases.mixed().get(2));
        Summary s = ReportRenderer.load(getClass().getClassLoader()).renderAll(results(passing, 382, false), out, null);
        assertEquals(Summary.Overall.PARTIAL, s.overall());
        assertEquals(382, s.planned());
        assertTrue(ConsoleReport.verdictLine(s).startsWith("VERDICT: PARTIAL (0 fail, 0 error, 2 pass, 0 n/a of 2 results"
                + " of 382 planned cases"), ConsoleReport.verdictLine(s));
        Summary ended = ReportRenderer.load(getClass().getClassLoader()).renderAll(results(passing, 382, true), out, null);
        assertEquals(Summary.Overall.PARTIAL, ended.overall(), "an end record does not make up for missing cases");
    }
}
