package org.migcert.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.migcert.report.JudgedCases;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunComparison;
import org.migcert.report.Waivers;
import org.migcert.report.Summary;
import org.migcert.rules.Verdict;

/**
 * A nightly job's memory: one compact line per run in {@code DIR/history.jsonl} (append-only, the
 * oldest dropped past {@link #CAP} lines), keyed by the stable case ids of the cases that failed, so
 * each run can say what broke and what was fixed since the one before, and how the last runs went.
 */
public final class History {
    public static final String FILE = "history.jsonl";
    /** Lines kept: a year of nightly runs. */
    public static final int CAP = 400;
    /** Failing case ids kept per run; a run with more records how many it dropped. */
    public static final int MAX_FAILING = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private History() {
    }

    /**
     * One run.
     *
     * @param failing ids of its FAIL, BLOCKED and FLAKY cases (waived or not), at most {@link #MAX_FAILING}
     * @param more    failing cases beyond those listed
     */
    public record Entry(String runId, String finishedAt, String model, String profile, String overall, long total,
                        Map<Verdict, Long> byVerdict, List<String> failing, long more) {
        public Entry {
            byVerdict = byVerdict == null ? Map.of() : byVerdict;
            failing = failing == null ? List.of() : failing;
        }
    }

    /** The entry of the run whose results are in {@code results}. */
    public static Entry of(Path results, Summary s) throws IOException {
        ResultsFile rf = new ResultsFile(results.resolve("results.jsonl"));
        ResultsFile.Records r = rf.records();
        Set<String> failing = new LinkedHashSet<>();
        long[] more = {0};
        // The attempts of a case made one: a case that failed once and then passed is flaky, and failing.
        new JudgedCases(rf, Waivers.none()).forEach(c -> {
            if (c.verdict().deviceFailure()) {
                if (failing.size() < MAX_FAILING) {
                    failing.add(c.id());
                } else {
                    more[0]++;
                }
            }
        });
        return new Entry(r.plan().map(p -> p.runId()).orElse(null), r.end().map(e -> e.finishedAt()).orElse(null),
                r.plan().map(p -> p.model()).orElse(null), r.plan().map(p -> p.profile()).orElse(null),
                s.overall().name(), s.total(), s.byVerdict(), List.copyOf(failing), more[0]);
    }

    /** The entries in {@code dir}, oldest first; lines that cannot be read are skipped (it is a trend, not a verdict). */
    public static List<Entry> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                Entry e = JSON.readValue(line, Entry.class);
                Summary.Overall.valueOf(e.overall());
                out.add(e);
            } catch (IOException | IllegalArgumentException | NullPointerException e) {
                // a torn line of a run killed while appending, or one no run of this version wrote
            }
        }
        return out;
    }

    /** Appends {@code e}, dropping the oldest past the cap; written whole and moved into place. */
    public static void append(Path dir, Entry e) throws IOException {
        List<Entry> all = read(dir);
        all.add(e);
        List<Entry> kept = all.subList(Math.max(0, all.size() - CAP), all.size());
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".part");
        StringBuilder sb = new StringBuilder();
        for (Entry k : kept) {
            sb.append(JSON.writeValueAsString(k)).append('\n');
        }
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The last {@code n} of {@code all} (oldest first), each with what changed since the entry before it,
     * as comparison.json holds them.
     *
     * @param file where the history is kept, as the console and the reports name it
     */
    public static RunComparison.HistoryTrend trend(Path file, List<Entry> all, int n) {
        List<RunComparison.TrendPoint> points = new ArrayList<>();
        for (int i = Math.max(0, all.size() - n); i < all.size(); i++) {
            Entry e = all.get(i);
            Entry before = i == 0 ? null : all.get(i - 1);
            points.add(new RunComparison.TrendPoint(e.runId(), e.finishedAt(), Summary.Overall.valueOf(e.overall()),
                    e.total(), e.byVerdict(), before == null ? null : notIn(e.failing(), before.failing()),
                    before == null ? null : notIn(before.failing(), e.failing())));
        }
        return new RunComparison.HistoryTrend(file.toString(), all.size(), points);
    }

    /** How many of {@code ids} are not in {@code others}. */
    private static long notIn(List<String> ids, List<String> others) {
        Set<String> o = new HashSet<>(others);
        return ids.stream().filter(id -> !o.contains(id)).count();
    }
}
