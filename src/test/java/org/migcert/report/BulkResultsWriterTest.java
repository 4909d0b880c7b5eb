package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;

/**
 * A results file written in bulk is the file {@link ResultsWriter} writes, byte for byte, forced twice
 * whatever its length: its lines, then its end record; it reads as complete only at the second force,
 * and not at all when the writer stops before the end.
 */
class BulkResultsWriterTest {
    private static final RunRecord.Plan PLAN = new RunRecord.Plan(RunRecord.FORMAT, "run-1", "2025-01-01T00:00:00Z", 7,
            "sha256:0", "device.yaml", "certification.yaml", List.of(), null, "example.org/refnic", List.of("1.0"),
            "0.1.0", "migcert run", null, null, 7, "sha256:0", null, null);
    private static final RunRecord.End END = new RunRecord.End("2025-01-01T00:01:00Z", true, "every planned case ran");

    @TempDir
    Path dir;

    @Test
    void linesAreForcedOnceThenTheEndRecordAndTheFileIsWhatResultsWriterWrites() throws Exception {
        Path bulk = dir.resolve("bulk.jsonl");
        List<String> forces = new ArrayList<>();
        try (BulkResultsWriter w = BulkResultsWriter.create(bulk, (path, fd) -> {
            fd.sync();
            ResultsFile.Records r = new ResultsFile(path).records();
            forces.add(Files.readAllLines(path).size() + " lines" + (r.complete() ? ", complete" : ""));
        })) {
            w.plan(PLAN);
            for (CaseResult c : Cases.mixed()) {
                w.append(c);
            }
            w.end(END);
            assertThrows(IllegalStateException.class, () -> w.append(Cases.mixed().get(0)), "nothing follows the end");
        }
        int cases = Cases.mixed().size();
        assertEquals(List.of((cases + 1) + " lines", (cases + 2) + " lines, complete"), forces);

        Path usual = dir.resolve("usual.jsonl");
        try (ResultsWriter w = ResultsWriter.create(usual)) {
            w.append(PLAN);
            for (CaseResult c : Cases.mixed()) {
                w.append(c);
            }
            w.append(END);
        }
        assertArrayEquals(Files.readAllBytes(usual), Files.readAllBytes(bulk));
    }

    @Test
    void aWriterClosedBeforeItsEndLeavesAPartialFile() throws Exception {
        Path bulk = dir.resolve("stopped.jsonl");
        try (BulkResultsWriter w = BulkResultsWriter.create(bulk, (path, fd) -> fd.sync())) {
            w.plan(PLAN);
            w.append(Cases.mixed().get(0));
        }
        ResultsFile.Records r = new ResultsFile(bulk).records();
        assertFalse(r.complete(), r.toString());
        assertEquals(Cases.mixed().get(0).id(), ResultsFile.readAll(bulk).cases().get(0).id());
    }
}
