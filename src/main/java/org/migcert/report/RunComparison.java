package org.migcert.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.migcert.rules.Verdict;

/**
 * {@code comparison.json}: how a run compares with a baseline run, case by case, and how the last runs
 * of its history went. {@code migcert run --baseline DIR} and {@code --history DIR} write it beside
 * {@code results.jsonl}; every report rendered from that directory shows it, so
 * {@code migcert report --from} rebuilds them identically. The classes of change are named in the file,
 * in the comparison's own order, and the reports show whichever classes it has.
 *
 * @param format   {@link #FORMAT}
 * @param runId    the run compared; a report of another run's results leaves the file aside
 * @param baseline the comparison with a baseline run, or null when only a history was given
 * @param history  the history this run was appended to, or null when none was given
 */
public record RunComparison(String format, String runId, Baseline baseline, HistoryTrend history) {
    public static final String FILE = "comparison.json";

    /** Changes when a reader of comparison.json would have to change. */
    public static final String FORMAT = "migcert-comparison/1";

    /** Cases listed per class; the rest are counted, so the file and the page stay small at any size of run. */
    public static final int MAX_LISTED = 1000;

    /** Larger than any file this version writes; a larger one is refused unread. */
    private static final long MAX_BYTES = 64L << 20;

    /**
     * The comparison with a baseline run.
     *
     * @param directory  the baseline's output directory, as given
     * @param runId      its run id (null when its results do not say)
     * @param finishedAt when it finished (null when its results do not say)
     * @param classes    each class of change with its count and first {@link #MAX_LISTED} cases
     * @param problems   the newly failing cases grouped by cause ({@link Problems}), most cases first
     */
    public record Baseline(String directory, String runId, String finishedAt, List<ChangeClass> classes,
                           List<Problem> problems) {
        public Baseline {
            classes = classes == null ? List.of() : List.copyOf(classes);
            problems = problems == null ? List.of() : List.copyOf(problems);
        }

        /** A comparison that grouped nothing into problems. */
        public Baseline(String directory, String runId, String finishedAt, List<ChangeClass> classes) {
            this(directory, runId, finishedAt, classes, List.of());
        }
    }

    /**
     * One class of change.
     *
     * @param name         its name ({@code regressed}, {@code new-fail}, ...)
     * @param newlyFailing whether its cases fail now and did not before: what a nightly job alerts on
     * @param count        how many cases are in it
     * @param cases        the first {@link #MAX_LISTED} of them, by case id; none for cases that did not change
     */
    public record ChangeClass(String name, boolean newlyFailing, long count, List<Changed> cases) {
        public ChangeClass {
            cases = cases == null ? List.of() : List.copyOf(cases);
        }

        /** Cases counted but not listed. */
        public long more() {
            return count - cases.size();
        }
    }

    /** One changed case with its verdict in the baseline and now (null where it is absent). */
    public record Changed(String caseId, Verdict before, Verdict now) {
    }

    /**
     * @param file the history file
     * @param runs how many runs it holds, this one included
     * @param last the last runs, oldest first, this one last
     */
    public record HistoryTrend(String file, long runs, List<TrendPoint> last) {
        public HistoryTrend {
            last = last == null ? List.of() : List.copyOf(last);
        }

        /**
         * The verdicts the trend counts, in this order: PASS, FAIL, BLOCKED, ERROR, and FLAKY and WAIVED
         * when a run shown has some (a trend without retries or waivers reads as before; one with them
         * counts every failure, since FLAKY and WAIVED are neither passes nor FAILs).
         */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public List<Verdict> shown() {
            List<Verdict> shown = new java.util.ArrayList<>(List.of(Verdict.PASS, Verdict.FAIL, Verdict.BLOCKED,
                    Verdict.ERROR));
            for (Verdict v : List.of(Verdict.FLAKY, Verdict.WAIVED)) {
                if (last.stream().anyMatch(p -> p.count(v) > 0)) {
                    shown.add(v);
                }
            }
            return shown;
        }
    }

    /**
     * One run of the history.
     *
     * @param newlyFailing cases failing in it and not in the run before it (null for the first run kept)
     * @param fixed        cases failing in the run before it and not in it (null for the first run kept)
     */
    public record TrendPoint(String runId, String finishedAt, Summary.Overall overall, long total,
                             Map<Verdict, Long> byVerdict, Long newlyFailing, Long fixed) {
        public TrendPoint {
            // In verdict order, so that every rendering of the file writes it the same.
            EnumMap<Verdict, Long> ordered = new EnumMap<>(Verdict.class);
            if (byVerdict != null) {
                ordered.putAll(byVerdict);
            }
            byVerdict = Collections.unmodifiableMap(ordered);
        }

        public long count(Verdict v) {
            return byVerdict.getOrDefault(v, 0L);
        }
    }

    /** Writes {@code out/comparison.json}, whole or not at all. */
    public void write(Path out) throws IOException {
        AtomicFile.write(out.resolve(FILE), o -> Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValue(o, this));
    }

    /** Removes a comparison left by an earlier run in {@code out}, which would otherwise be shown as this one's. */
    public static void remove(Path out) throws IOException {
        Files.deleteIfExists(out.resolve(FILE));
    }

    /**
     * The comparison of run {@code runId} in {@code out}; empty when there is none or it is another
     * run's.
     *
     * @throws IOException when the file is there but cannot be read as a comparison
     */
    public static Optional<RunComparison> read(Path out, String runId) throws IOException {
        Path f = out.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        if (Files.size(f) > MAX_BYTES) {
            throw new IOException(f + " is larger than " + MAX_BYTES + " bytes: not a comparison this version wrote");
        }
        RunComparison c;
        try {
            c = Json.MAPPER.readValue(f.toFile(), RunComparison.class);
        } catch (JsonProcessingException e) {
            throw new IOException(f + " is not a comparison (" + e.getOriginalMessage() + "): remove it, or rerun with"
                    + " --baseline or --history", e);
        }
        if (!FORMAT.equals(c.format())) {
            throw new IOException(f + ": format " + c.format() + ", expected " + FORMAT);
        }
        return runId != null && runId.equals(c.runId()) ? Optional.of(c) : Optional.empty();
    }
}
