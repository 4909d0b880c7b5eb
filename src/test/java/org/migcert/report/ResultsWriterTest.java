package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * Group commit: a result appended without waiting is announced finished (its callback) only once
 * its line is in the file and forced, in line order whatever thread wrote it; flush and close wait
 * for every line; a failing callback is reported, not swallowed.
 */
class ResultsWriterTest {
    @TempDir
    Path dir;

    @Test
    void callbacksRunInLineOrderOnceTheLineIsWrittenAndFlushWaitsForAll() throws Exception {
        Path file = dir.resolve("results.jsonl");
        List<String> announced = Collections.synchronizedList(new ArrayList<>());
        List<String> missing = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ResultsWriter w = ResultsWriter.create(file)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        String id = thread + "/" + i;
                        w.append(Cases.of(id, "Info", Verdict.PASS, "INFO-1"), () -> {
                            announced.add(id);
                            // Checked on a few lines only: reading the whole file each time would be quadratic.
                            if (id.endsWith("/0") && !contains(file, "\"" + id + "\"")) {
                                missing.add(id);
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            w.flush();
            assertEquals(600, announced.size(), "every callback ran before flush returned");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), missing, "a callback ran before its line was in the file");
        List<String> lines = ResultsFile.readAll(file).cases().stream().map(CaseResult::id).toList();
        assertEquals(lines, announced, "callbacks in line order");
    }

    @Test
    void closeForcesWhatIsPendingAndRefusesLaterAppends() throws Exception {
        Path file = dir.resolve("results.jsonl");
        ResultsWriter w = ResultsWriter.create(file);
        int[] ran = new int[1];
        for (int i = 0; i < ResultsWriter.MAX_PENDING * 3; i++) {
            w.append(Cases.of("c" + i, "Info", Verdict.PASS, "INFO-1"), () -> ran[0]++);
        }
        w.close();
        assertEquals(ResultsWriter.MAX_PENDING * 3, ran[0]);
        assertEquals(ResultsWriter.MAX_PENDING * 3, ResultsFile.readAll(file).cases().size());
        assertThrows(IllegalStateException.class, () -> w.append(Cases.of("late", "Info", Verdict.PASS, "INFO-1")));
    }

    @Test
    void aFailingCallbackIsReportedByFlushAndClose() throws Exception {
        ResultsWriter w = ResultsWriter.create(dir.resolve("results.jsonl"));
        w.append(Cases.of("c", "Info", Verdict.PASS, "INFO-1"), () -> {
            throw new IllegalStateException("console gone");
        });
        IOException e = assertThrows(IOException.class, w::flush);
        assertTrue(e.getMessage().contains("callback"), e.getMessage());
        assertThrows(IOException.class, w::close); // the descriptor is closed all the same
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
