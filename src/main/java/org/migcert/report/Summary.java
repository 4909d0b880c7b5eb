package org.migcert.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.migcert.model.MigrationInfo;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;
import org.migcert.rules.WaiverNote;

/**
 * The counts of one run (by verdict, by rule id, by suite) and its overall verdict. Built in one
 * streaming pass with a {@link Tally}.
 *
 * @param overall         the run's verdict
 * @param total           number of readable cases
 * @param byVerdict       cases per verdict; every verdict is present, zero included
 * @param byRule          per rule id; a case that enforces two rules counts for both
 * @param bySuite         per suite name
 * @param unreadableLines lines of the results file that could not be read
 * @param planned         how many cases the run planned, or -1 when the results do not say
 * @param complete        whether the run ended and every planned case has a result
 * @param containerStarts how many containers the run started, as its end record says (0 without one)
 * @param problems        the failing cases grouped by the signature of their evidence, the most widespread first
 * @param expiredWaivers  waivers the run was given that had expired on the day it started: they waive nothing
 * @param unusedWaivers   waivers in force that covered no failing case: remove them
 * @param grid            the source x destination grid, forecast beside observed (not in report.json's summary:
 *                        its cases are there)
 * @param comparison      how the run compares with a baseline and its history, or null when it was not compared
 *                        (report.json has it as a section of its own)
 * @param firstFailures   the first {@link #FIRST_FAILURES} cases that need looking at, in file order, kept from
 *                        the summary's pass so that a report showing them needs no pass of its own
 */
public record Summary(Overall overall, long total, Map<Verdict, Long> byVerdict, SortedMap<String, Counts> byRule,
                      SortedMap<String, Counts> bySuite, List<ResultsFile.BadLine> unreadableLines, long planned,
                      boolean complete, long containerStarts, List<Problem> problems, List<WaiverNote> expiredWaivers,
                      List<WaiverNote> unusedWaivers, @JsonIgnore MigrationGrid grid, @JsonIgnore RunComparison comparison,
                      @JsonIgnore List<CaseResult> firstFailures) {

    /** Suite name used for a case that has none, so that it is still counted and listed. */
    public static final String NO_SUITE = "(no suite)";

    /** Failing cases kept in {@link #firstFailures()}: what a reader looks at first, and a bounded amount of memory. */
    public static final int FIRST_FAILURES = 1000;

    public Summary {
        byVerdict = Collections.unmodifiableMap(new EnumMap<>(byVerdict));
        byRule = Collections.unmodifiableSortedMap(new TreeMap<>(byRule));
        bySuite = Collections.unmodifiableSortedMap(new TreeMap<>(bySuite));
        unreadableLines = List.copyOf(unreadableLines);
        problems = problems == null ? List.of() : List.copyOf(problems);
        expiredWaivers = expiredWaivers == null ? List.of() : List.copyOf(expiredWaivers);
        unusedWaivers = unusedWaivers == null ? List.of() : List.copyOf(unusedWaivers);
        grid = grid == null ? new MigrationGrid(List.of(), List.of()) : grid;
        firstFailures = firstFailures == null ? List.of() : List.copyOf(firstFailures);
    }

    /**
     * Whether a case needs looking at: anything but a pass or not applicable (a failure, a flaky or
     * waived one, a step preparing it that failed, the harness's own failure).
     */
    public static boolean needsLooking(Verdict v) {
        return v != Verdict.PASS && v != Verdict.NOT_APPLICABLE;
    }

    /** How many cases need looking at. */
    public long needingLook() {
        return byVerdict.entrySet().stream().filter(e -> needsLooking(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** This summary with the comparison of its run. */
    public Summary withComparison(RunComparison c) {
        return new Summary(overall, total, byVerdict, byRule, bySuite, unreadableLines, planned, complete, containerStarts,
                problems, expiredWaivers, unusedWaivers, grid, c, firstFailures);
    }

    /** The verdict of a whole run ({@code org.migcert.run.ExitCode} maps it to the exit code). */
    public enum Overall {
        /**
         * The run did not finish (killed, interrupted) or not every planned case has a result: whatever
         * the cases say, no verdict on the device can be given from part of a run.
         */
        PARTIAL,
        /** At least one PASS, no FAIL, no ERROR, every line readable. */
        CONFORMANT,
        /**
         * At least one FAIL or FLAKY case, or a BLOCKED case: a step that prepares a case failed by the
         * device's doing, which is a failure of the device even when the case reporting it was not selected.
         */
        NOT_CONFORMANT,
        /** No FAIL or BLOCKED, but an ERROR (the harness's own fault) or an unreadable result line: no verdict can be given. */
        HARNESS_ERROR,
        /**
         * Every failure is WAIVED (a waiver in force covers it), nothing else failed or erred: not conformant,
         * but only known failures, as a release gate's {@code KNOWN_FAILURES_ONLY} says (exit 4).
         */
        KNOWN_FAILURES_ONLY,
        /**
         * No FAIL, BLOCKED or ERROR, but not a single PASS either (no cases, or only NOT_APPLICABLE):
         * nothing was shown to conform, so this is not CONFORMANT. It usually means a wrong selection
         * or an empty manifest.
         */
        NO_EVIDENCE
    }

    /** Cases per verdict for one rule or one suite; a BLOCKED case counts as blocked, never as the rule's failure. */
    public record Counts(long pass, long fail, long error, long notApplicable, long blocked, long flaky, long waived) {
        /** Counts of a run without retries or waivers. */
        public Counts(long pass, long fail, long error, long notApplicable, long blocked) {
            this(pass, fail, error, notApplicable, blocked, 0, 0);
        }

        public long total() {
            return pass + fail + error + notApplicable + blocked + flaky + waived;
        }

        /** Cases that are not a pass and not merely not applicable. */
        public long bad() {
            return fail + blocked + error + flaky + waived;
        }

        public long of(Verdict v) {
            return switch (v) {
                case PASS -> pass;
                case FAIL -> fail;
                case BLOCKED -> blocked;
                case ERROR -> error;
                case NOT_APPLICABLE -> notApplicable;
                case FLAKY -> flaky;
                case WAIVED -> waived;
            };
        }
    }

    public long count(Verdict v) {
        return byVerdict.getOrDefault(v, 0L);
    }

    /** The suite a case is counted under. */
    public static String suiteOf(CaseResult r) {
        return r.suite() == null || r.suite().isBlank() ? NO_SUITE : r.suite();
    }

    /** The overall verdict of a run with these counts (docs/rules.md, "Verdicts"). */
    public static Overall overallOf(Map<Verdict, Long> byVerdict, int unreadableLines, boolean complete) {
        if (!complete) {
            return Overall.PARTIAL;
        }
        // A BLOCKED case is the device's failure too (harness faults are ERROR, even in preparing steps), and so is
        // a FLAKY one: it failed at least once.
        if (byVerdict.getOrDefault(Verdict.FAIL, 0L) + byVerdict.getOrDefault(Verdict.BLOCKED, 0L)
                + byVerdict.getOrDefault(Verdict.FLAKY, 0L) > 0) {
            return Overall.NOT_CONFORMANT;
        }
        // A lost line may have been a FAIL: without it the run cannot be called conformant.
        if (byVerdict.getOrDefault(Verdict.ERROR, 0L) > 0 || unreadableLines > 0) {
            return Overall.HARNESS_ERROR;
        }
        if (byVerdict.getOrDefault(Verdict.WAIVED, 0L) > 0) {
            return Overall.KNOWN_FAILURES_ONLY;
        }
        if (byVerdict.getOrDefault(Verdict.PASS, 0L) == 0) {
            return Overall.NO_EVIDENCE;
        }
        return Overall.CONFORMANT;
    }

    /** Builds a summary from cases handed to it one at a time. Not thread-safe. */
    public static final class Tally implements CaseSource.Sink {
        private final EnumMap<Verdict, Long> byVerdict = new EnumMap<>(Verdict.class);
        private final TreeMap<String, long[]> byRule = new TreeMap<>(RuleIds.ORDER);
        private final TreeMap<String, long[]> bySuite = new TreeMap<>();
        private final List<ResultsFile.BadLine> unreadable = new ArrayList<>();
        private long total;
        private long planned = -1;
        private boolean complete = true;
        private long containerStarts;
        private final java.util.Set<String> ids = new java.util.HashSet<>();
        private final Problems problems = new Problems();
        private final MigrationGrid.Collector cells = new MigrationGrid.Collector();
        private final List<CaseResult> firstFailures = new ArrayList<>();
        private String model;
        private List<String> implementations = List.of();
        private Map<String, MigrationInfo> infos = Map.of();
        private List<WaiverNote> expiredWaivers = List.of();
        private List<WaiverNote> unusedWaivers = List.of();

        public Tally() {
            for (Verdict v : Verdict.values()) {
                byVerdict.put(v, 0L);
            }
        }

        @Override
        public void accept(CaseResult r) {
            total++;
            ids.add(r.id());
            byVerdict.merge(r.verdict(), 1L, Long::sum);
            problems.accept(r);
            cells.accept(r);
            if (needsLooking(r.verdict()) && firstFailures.size() < FIRST_FAILURES) {
                firstFailures.add(r);
            }
            bump(bySuite, suiteOf(r), r.verdict());
            if (r.rules() != null) {
                for (String rule : r.rules().stream().distinct().toList()) {
                    if (rule != null) {
                        bump(byRule, rule, r.verdict());
                    }
                }
            }
        }

        public void unreadable(List<ResultsFile.BadLine> lines) {
            unreadable.addAll(lines);
        }

        /**
         * What the run's records say: complete only with a plan, an end that says complete, and a
         * result for as many distinct cases as were planned.
         */
        public void records(ResultsFile.Records r) {
            planned = r.plan().map(RunRecord.Plan::planned).orElse(-1L);
            complete = r.complete();
            containerStarts = r.end().map(RunRecord.End::containerStarts).orElse(0L);
            model = r.plan().map(RunRecord.Plan::model).orElse(null);
            implementations = r.plan().map(RunRecord.Plan::implementations).orElse(List.of());
        }

        /** The implementations' migration info by id, from which the grid's forecasts are made. */
        public void infos(Map<String, MigrationInfo> byId) {
            infos = Map.copyOf(byId);
        }

        /** What the waivers the cases were judged with say once every case went past them. */
        public void waivers(Waivers w) {
            expiredWaivers = w.expired().stream().map(org.migcert.manifest.Waiver::note).toList();
            unusedWaivers = w.unused().stream().map(org.migcert.manifest.Waiver::note).toList();
        }

        public Summary summary() {
            boolean all = complete && (planned < 0 || ids.size() >= planned);
            return new Summary(overallOf(byVerdict, unreadable.size(), all), total, byVerdict, freeze(byRule),
                    freeze(bySuite), unreadable, planned, all, containerStarts, problems.list(), expiredWaivers,
                    unusedWaivers, cells.grid(model, implementations, infos), null, firstFailures);
        }

        private static void bump(Map<String, long[]> m, String key, Verdict v) {
            m.computeIfAbsent(key, k -> new long[Verdict.values().length])[v.ordinal()]++;
        }

        private static SortedMap<String, Counts> freeze(TreeMap<String, long[]> m) {
            SortedMap<String, Counts> out = new TreeMap<>(m.comparator());
            m.forEach((k, c) -> out.put(k, new Counts(c[Verdict.PASS.ordinal()], c[Verdict.FAIL.ordinal()],
                    c[Verdict.ERROR.ordinal()], c[Verdict.NOT_APPLICABLE.ordinal()], c[Verdict.BLOCKED.ordinal()],
                    c[Verdict.FLAKY.ordinal()], c[Verdict.WAIVED.ordinal()])));
            return out;
        }
    }

    /** Summarises cases already in memory. */
    public static Summary of(List<CaseResult> results) {
        Tally t = new Tally();
        results.forEach(t::accept);
        return t.summary();
    }
}
