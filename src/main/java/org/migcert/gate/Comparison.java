package org.migcert.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.migcert.manifest.ManifestException;
import org.migcert.report.JudgedCases;
import org.migcert.report.Problem;
import org.migcert.report.Problems;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunComparison;
import org.migcert.report.RunRecord;
import org.migcert.report.Waivers;
import org.migcert.rules.Verdict;

/**
 * Two runs compared case by case through the stable case id: what broke, what was fixed, what is
 * new, flaky or gone, and the newly failing cases grouped into problems. Reads the baseline's verdicts
 * into memory (one small entry per case) and streams the current results, the attempts of each case
 * made one ({@link JudgedCases}; waivers play no part: a comparison is about the device).
 */
public final class Comparison {
    private Comparison() {
    }

    /** How a case changed from the baseline to the current run. */
    public enum Change {
        /** Passed (or was not applicable) in the baseline, fails now. */
        REGRESSED,
        /** Not in the baseline, fails now. */
        NEW_FAIL,
        /** Failed in the baseline, fails now. */
        STILL_FAILING,
        /** Failed in the baseline, passes now. */
        FIXED,
        /** Not judged now (ERROR: the harness failed or the case did not run): neither a pass nor the device's failure. */
        UNJUDGED,
        /** Its attempts disagree now ({@code run --retries}): never a pass, whatever the baseline said. */
        FLAKY,
        /** Not in the baseline, passes (or is not applicable) now. */
        NEW_CASE,
        /** In the baseline, not planned now. */
        REMOVED_CASE,
        /** The same verdict as in the baseline. */
        UNCHANGED;

        /** Its name in comparison.json, the reports and on the console: {@code new-fail}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * Whether every case of it fails now and did not before, what a nightly job alerts on (a FLAKY case
         * may or may not: {@link Entry#newlyFailing()}).
         */
        public boolean newlyFailing() {
            return this == REGRESSED || this == NEW_FAIL;
        }
    }

    /** One case's change, with both verdicts (null where the case is absent). */
    public record Entry(String caseId, Change change, Verdict before, Verdict now) {
        /** Whether the case fails now and did not in the baseline. */
        public boolean newlyFailing() {
            return change.newlyFailing() || (change == Change.FLAKY && (before == null || !before.deviceFailure()));
        }
    }

    /**
     * The comparison: counts per change, every case that changed (UNCHANGED cases are only counted), and the
     * newly failing FAIL and FLAKY cases grouped by the signature of their evidence.
     *
     * @param newlyFailing how many cases fail now and did not in the baseline: regressed, new failures, and
     *                     flaky cases that did not fail then
     * @param grouped      how many of those (FAIL and FLAKY; BLOCKED name another case) the problems hold
     */
    public record Result(Map<Change, Long> counts, List<Entry> changed, long newlyFailing, List<Problem> problems,
                         long grouped) {
        public long count(Change c) {
            return counts.getOrDefault(c, 0L);
        }
    }

    public static Result compare(Path baseline, Path current) throws IOException, ManifestException {
        Map<String, Verdict> before = new HashMap<>();
        read(baseline, r -> before.put(r.id(), r.verdict()));
        Map<Change, Long> counts = new EnumMap<>(Change.class);
        List<Entry> changed = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        Problems problems = new Problems();
        long[] newly = {0, 0};
        read(current, r -> {
            seen.add(r.id());
            Entry e = entry(r.id(), before.get(r.id()), r.verdict());
            counts.merge(e.change(), 1L, Long::sum);
            if (e.change() != Change.UNCHANGED) {
                changed.add(e);
            }
            if (e.newlyFailing()) {
                newly[0]++;
                if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.FLAKY) {
                    problems.accept(r);
                    newly[1]++;
                }
            }
        });
        before.forEach((id, v) -> {
            if (!seen.contains(id)) {
                counts.merge(Change.REMOVED_CASE, 1L, Long::sum);
                changed.add(new Entry(id, Change.REMOVED_CASE, v, null));
            }
        });
        changed.sort(java.util.Comparator.comparing(Entry::change).thenComparing(Entry::caseId));
        return new Result(counts, changed, newly[0], problems.list(), newly[1]);
    }

    /**
     * {@code r}, the comparison with the run in {@code baseline}, as comparison.json holds it: every class
     * of change in the order {@link Change} declares them, each with its count and its first
     * {@link RunComparison#MAX_LISTED} cases.
     */
    public static RunComparison.Baseline asBaseline(Path baseline, Result r) throws IOException {
        Map<Change, List<RunComparison.Changed>> listed = new EnumMap<>(Change.class);
        for (Entry e : r.changed()) {
            List<RunComparison.Changed> l = listed.computeIfAbsent(e.change(), c -> new ArrayList<>());
            if (l.size() < RunComparison.MAX_LISTED) {
                l.add(new RunComparison.Changed(e.caseId(), e.before(), e.now()));
            }
        }
        List<RunComparison.ChangeClass> classes = Arrays.stream(Change.values()).map(c -> new RunComparison.ChangeClass(
                c.label(), c.newlyFailing(), r.count(c), listed.getOrDefault(c, List.of()))).toList();
        ResultsFile.Records b = new ResultsFile(baseline.resolve("results.jsonl")).records();
        return new RunComparison.Baseline(baseline.toString(), b.plan().map(RunRecord.Plan::runId).orElse(null),
                b.end().map(RunRecord.End::finishedAt).orElse(null), classes, r.problems());
    }

    static Entry entry(String id, Verdict before, Verdict now) {
        boolean failsNow = fails(now);
        Change c;
        if (now == Verdict.ERROR) {
            c = Change.UNJUDGED;
        } else if (now == Verdict.FLAKY) {
            c = Change.FLAKY;
        } else if (before == null) {
            c = failsNow ? Change.NEW_FAIL : Change.NEW_CASE;
        } else if (fails(before)) {
            c = failsNow ? Change.STILL_FAILING : Change.FIXED;
        } else if (failsNow) {
            c = before == Verdict.ERROR ? Change.NEW_FAIL : Change.REGRESSED;
        } else {
            // Judged again after an ERROR: fixed. PASS and NOT_APPLICABLE are both "not failing".
            c = before == Verdict.ERROR ? Change.FIXED : Change.UNCHANGED;
        }
        return new Entry(id, c, before, now);
    }

    private static boolean fails(Verdict v) {
        return v != null && v.deviceFailure();
    }

    private static void read(Path dir, org.migcert.report.CaseSource.Sink sink) throws IOException, ManifestException {
        Path file = dir.resolve("results.jsonl");
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(dir + ": no results.jsonl; give the --out directory of a run");
        }
        List<ResultsFile.BadLine> bad = JudgedCases.read(new ResultsFile(file), Waivers.none(), sink);
        if (!bad.isEmpty()) {
            throw new ManifestException(file + ": unreadable " + bad.get(0) + "; a comparison needs every line");
        }
    }
}
