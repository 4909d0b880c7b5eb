package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

class ResultsFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryField() throws Exception {
        Path file = dir.resolve("out/results.jsonl");
        List<CaseResult> written = new ArrayList<>(Cases.mixedAndBlocked()); // blockedBy included
        written.add(Cases.withTitleAndEvidence(Cases.of("u1", "Info", Verdict.PASS, "PARAM-1"),
                "unicode \u00e9\u4e2d\ud83d\ude00 and \"quotes\"", "multi\nline\r\nevidence\twith tab"));
        written.add(new CaseResult("n1", "Info", List.of("INFO-1"), "nulls", "1.0", null, "", null, null, null, null,
                null, null, Verdict.NOT_APPLICABLE, 0, null, null));
        try (ResultsWriter w = ResultsWriter.create(file)) {
            for (CaseResult r : written) {
                w.append(r);
            }
        }
        assertEquals(written.size(), Files.readAllLines(file).size(), "one line per result");
        ResultsFile.Contents read = ResultsFile.readAll(file);
        assertEquals(written, read.cases());
        assertTrue(read.badLines().isEmpty());
    }

    @Test
    void tornLastLineIsReportedNotFatal() throws Exception {
        Path file = dir.resolve("results.jsonl");
        try (ResultsWriter w = ResultsWriter.create(file)) {
            for (CaseResult r : Cases.mixed().subList(0, 3)) {
                w.append(r);
            }
        }
        String whole = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String fourth = Json.MAPPER.writeValueAsString(Cases.of("t", "Info", Verdict.PASS, "INFO-1"));
        Files.writeString(file, fourth.substring(0, fourth.length() / 2), StandardOpenOption.APPEND);

        ResultsFile.Contents read = ResultsFile.readAll(file);
        assertEquals(3, read.cases().size());
        assertEquals(1, read.badLines().size());
        ResultsFile.BadLine bad = read.badLines().get(0);
        assertEquals(4, bad.line());
        assertTrue(bad.torn(), bad.toString());
        assertTrue(whole.endsWith("\n"));
    }

    @Test
    void lineTornInsideAMultiByteCharacterIsStillOnlyOneBadLine() throws Exception {
        Path file = dir.resolve("results.jsonl");
        try (ResultsWriter w = ResultsWriter.create(file)) {
            w.append(Cases.of("a", "Info", Verdict.PASS, "INFO-1"));
        }
        byte[] euro = "{\"id\":\"\u20ac".getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(euro, euro.length - 1), StandardOpenOption.APPEND);
        ResultsFile.Contents read = ResultsFile.readAll(file);
        assertEquals(1, read.cases().size());
        assertTrue(read.badLines().get(0).torn());
    }

    @Test
    void garbledMiddleLineIsReportedWithItsNumberAndTheRestIsRead() throws Exception {
        Path file = dir.resolve("results.jsonl");
        String good = Json.MAPPER.writeValueAsString(Cases.of("a", "Info", Verdict.PASS, "INFO-1"));
        String noVerdict = "{\"id\":\"x\",\"suite\":\"Info\"}";
        String badEnum = good.replace("\"PASS\"", "\"MAYBE\"");
        String glued = good + good;
        Files.writeString(file, good + "\n{garbage\n\n" + noVerdict + "\n" + badEnum + "\n" + glued + "\n" + good + "\n");

        ResultsFile.Contents read = ResultsFile.readAll(file);
        assertEquals(2, read.cases().size());
        assertEquals(List.of(2L, 4L, 5L, 6L), read.badLines().stream().map(ResultsFile.BadLine::line).toList());
        assertTrue(read.badLines().stream().noneMatch(ResultsFile.BadLine::torn));
        assertTrue(read.badLines().get(1).problem().contains("no verdict"), read.badLines().get(1).problem());
    }

    @Test
    void unknownFieldsFromANewerRunnerAreIgnored() throws Exception {
        Path file = dir.resolve("results.jsonl");
        String line = Json.MAPPER.writeValueAsString(Cases.of("a", "Info", Verdict.PASS, "INFO-1"));
        Files.writeString(file, line.replaceFirst("\\{", "{\"futureField\":[1,2],") + "\n");
        assertEquals(1, ResultsFile.readAll(file).cases().size());
    }

    @Test
    void appendingAfterATornLineStartsOnANewLine() throws Exception {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "{\"id\":\"torn");
        try (ResultsWriter w = ResultsWriter.append(file)) {
            w.append(Cases.of("b", "Info", Verdict.PASS, "INFO-1"));
        }
        ResultsFile.Contents read = ResultsFile.readAll(file);
        assertEquals(List.of("b"), read.cases().stream().map(CaseResult::id).toList());
        assertEquals(1, read.badLines().size());
        assertFalse(read.badLines().get(0).torn(), "no longer the last line");
    }

    @Test
    void concurrentAppendsNeverInterleave() throws Exception {
        Path file = dir.resolve("results.jsonl");
        int threads = 8;
        int perThread = 50;
        try (ResultsWriter w = ResultsWriter.create(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        w.append(Cases.of(thread + "-" + i, "MigrationMatrix", Verdict.PASS, "COMPAT-2"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        ResultsFile.Contents read = ResultsFile.readAll(file);
        assertEquals(threads * perThread, read.cases().size());
        assertTrue(read.badLines().isEmpty());
    }

    @Test
    void createReplacesAPreviousRunAndAppendAfterCloseFails() throws Exception {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "old run\n");
        ResultsWriter w = ResultsWriter.create(file);
        w.append(Cases.of("a", "Info", Verdict.PASS, "INFO-1"));
        w.close();
        assertThrows(IllegalStateException.class, () -> w.append(Cases.of("b", "Info", Verdict.PASS, "INFO-1")));
        ResultsFile.Contents read = ResultsFile.readAll(file);
        assertEquals(1, read.cases().size());
        assertTrue(read.badLines().isEmpty());
    }

    @Test
    void aLoadedFileWalksLikeTheFileAndALargeOneIsStillStreamed() throws Exception {
        Path file = dir.resolve("results.jsonl");
        try (ResultsWriter w = ResultsWriter.create(file)) {
            w.append(new RunRecord.End("2026-01-01T00:00:00Z", true, "every planned case ran", 0));
            for (CaseResult r : Cases.mixedAndBlocked()) {
                w.append(r);
            }
        }
        Files.writeString(file, "{\"id\":\"torn", StandardOpenOption.APPEND);
        ResultsFile streamed = new ResultsFile(file);
        ResultsFile loaded = streamed.loaded(Files.size(file));
        List<CaseResult> fromDisk = new ArrayList<>();
        List<CaseResult> fromMemory = new ArrayList<>();
        List<ResultsFile.BadLine> badOnDisk = streamed.read(fromDisk::add);
        Files.writeString(file, "changed on disk after loading\n"); // the loaded copy must not read the file again
        for (int walk = 0; walk < 2; walk++) {
            fromMemory.clear();
            assertEquals(badOnDisk, loaded.read(fromMemory::add));
            assertEquals(fromDisk, fromMemory);
        }
        assertTrue(badOnDisk.get(0).torn());
        assertTrue(loaded.records().end().orElseThrow().complete());
        ResultsFile large = new ResultsFile(file);
        assertSame(large, large.loaded(1), "a file over the bound stays streamed");
    }
}
