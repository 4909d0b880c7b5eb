package org.migcert.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migcert.manifest.Waiver;
import org.migcert.report.JudgedCases;
import org.migcert.report.Problem;
import org.migcert.report.Problems;
import org.migcert.report.ResultsFile;
import org.migcert.report.Waivers;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * A release gate: decides from result files alone whether a run may ship. Every FAIL, BLOCKED or FLAKY
 * case is a regression unless the policy knows it (a valid waiver, or a failure of the same case in the
 * baseline); a run that is partial, a shard, unreadable or has harness errors is UNKNOWN, never a pass and
 * never blamed on the device; an expired waiver fails the gate. A FLAKY case is the device's failure (it
 * failed at least once with identical inputs, and only the device's failures are retried): a regression
 * unless known. Cases are read as the reports read them ({@link JudgedCases}) and waived by the same
 * {@link Waivers}, as of the gate's day.
 */
public final class Gate {
    private Gate() {
    }

    /** What may make a failure known. */
    public enum Policy {
        WAIVERS, BASELINE, EITHER;

        boolean waivers() {
            return this != BASELINE;
        }

        boolean baseline() {
            return this != WAIVERS;
        }
    }

    /** The gate's answer, worst first. */
    public enum Outcome {
        /** A failure no waiver or baseline covers, or an expired waiver. */
        REGRESSION,
        /** No verdict: partial run, a lone shard, unreadable results, harness errors or cases not run. */
        UNKNOWN,
        /** Every failure is known (waived or in the baseline), as the policy says. */
        KNOWN_FAILURES_ONLY,
        /** No failure, no error, every planned case ran. */
        PASS
    }

    /** How one failing or erroring case was judged. */
    public enum Status { REGRESSION, WAIVED, IN_BASELINE, UNKNOWN }

    /** One case the gate had to judge (everything but PASS and NOT_APPLICABLE), with why. */
    public record Finding(String caseId, Verdict verdict, Status status, String why) {
    }

    /**
     * @param problems    what makes the results unusable as a whole (partial, shard, unreadable lines)
     * @param expired     waivers past their date: each fails the gate
     * @param unused      waivers that covered nothing in this run: remove them
     * @param regressions the FAIL and FLAKY regressions grouped by the signature of their evidence, each with
     *                    its smallest case and rerun command (BLOCKED ones name the case of their finding)
     * @param grouped     how many regressions those groups hold
     */
    public record Decision(Outcome outcome, List<Finding> findings, List<String> problems, List<Waiver> expired,
                           List<Waiver> unused, List<Problem> regressions, long grouped) {
    }

    public static Decision decide(Path results, Optional<Path> baseline, List<Waiver> waivers, Policy policy,
                                  LocalDate today) throws IOException {
        List<String> problems = new ArrayList<>();
        Path file = results.resolve("results.jsonl");
        if (!Files.isRegularFile(file)) {
            problems.add(results + ": no results.jsonl");
            return new Decision(Outcome.UNKNOWN, List.of(), problems, List.of(), List.of(), List.of(), 0);
        }
        ResultsFile rf = new ResultsFile(file);
        ResultsFile.Records records = rf.records();
        boolean waiversAllowed = records.plan().map(p -> !Boolean.FALSE.equals(p.waiversAllowed())).orElse(true);
        if (records.plan().isEmpty()) {
            problems.add(file + " has no plan record: it cannot be told complete");
        } else if (records.plan().get().shard() != null) {
            problems.add(file + " is shard " + records.plan().get().shard() + " only: merge every shard first (migcert merge)");
        }
        if (!records.complete()) {
            problems.add("the run is partial: " + records.end().map(e -> e.reason()).orElse("it has no end record (killed?)"));
        }
        Map<String, Verdict> before = baseline.isPresent() ? verdicts(baseline.get(), problems) : Map.of();
        Waivers known = new Waivers(waivers, today, waiversAllowed);
        List<Finding> findings = new ArrayList<>();
        Problems regressions = new Problems();
        long[] grouped = {0};
        // The attempts of each case made one (FLAKY when they disagree); waivers are matched below, by the gate's day.
        List<ResultsFile.BadLine> bad = JudgedCases.read(rf, Waivers.none(), r -> {
            Finding f = judge(r, before, known, policy);
            if (f != null) {
                findings.add(f);
                if (f.status() == Status.REGRESSION && (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.FLAKY)) {
                    regressions.accept(r);
                    grouped[0]++;
                }
            }
        });
        bad.forEach(b -> problems.add(file + ": unreadable " + b));
        List<Waiver> expired = known.expired();
        return new Decision(outcome(findings, problems, expired), findings, problems, expired, known.unused(),
                regressions.list(), grouped[0]);
    }

    private static Finding judge(CaseResult r, Map<String, Verdict> before, Waivers known, Policy policy) {
        if (r.verdict() == Verdict.PASS || r.verdict() == Verdict.NOT_APPLICABLE) {
            return null;
        }
        if (r.verdict() == Verdict.ERROR) {
            return new Finding(r.id(), r.verdict(), Status.UNKNOWN, "the harness could not judge it: " + r.observed());
        }
        Optional<Waivers.Match> match = policy.waivers() ? known.match(r) : Optional.empty();
        if (match.isPresent() && match.get().standing() == Waivers.Standing.VALID) {
            Waiver w = match.get().waiver();
            return new Finding(r.id(), r.verdict(), Status.WAIVED, "waived until " + w.expires() + " by "
                    + w.where() + " (" + w.tracking() + "): " + w.reason());
        }
        if (match.isPresent() && match.get().standing() == Waivers.Standing.FORBIDDEN) {
            return new Finding(r.id(), r.verdict(), Status.REGRESSION, "waiver at " + match.get().waiver().where()
                    + " does not apply: the run's profile forbids waivers (waivers: forbidden)");
        }
        if (policy.baseline() && before.containsKey(r.id()) && before.get(r.id()).deviceFailure()) {
            return new Finding(r.id(), r.verdict(), Status.IN_BASELINE, "fails in the baseline too ("
                    + before.get(r.id()) + ")");
        }
        String lapsed = match.map(m -> "; the waiver at " + m.waiver().where() + " expired on " + m.waiver().expires())
                .orElse("");
        return new Finding(r.id(), r.verdict(), Status.REGRESSION, "not known to the " + policyWords(policy) + lapsed);
    }

    private static String policyWords(Policy p) {
        return switch (p) {
            case WAIVERS -> "waivers";
            case BASELINE -> "baseline";
            case EITHER -> "waivers or the baseline";
        };
    }

    private static Outcome outcome(List<Finding> findings, List<String> problems, List<Waiver> expired) {
        if (!expired.isEmpty() || findings.stream().anyMatch(f -> f.status() == Status.REGRESSION)) {
            return Outcome.REGRESSION;
        }
        if (!problems.isEmpty() || findings.stream().anyMatch(f -> f.status() == Status.UNKNOWN)) {
            return Outcome.UNKNOWN;
        }
        return findings.isEmpty() ? Outcome.PASS : Outcome.KNOWN_FAILURES_ONLY;
    }

    /**
     * The baseline's verdict per case id (its attempts made one, FLAKY when they disagree); a baseline that
     * cannot be read is a problem, not an empty baseline.
     */
    private static Map<String, Verdict> verdicts(Path dir, List<String> problems) throws IOException {
        Path file = dir.resolve("results.jsonl");
        if (!Files.isRegularFile(file)) {
            problems.add("baseline " + dir + ": no results.jsonl");
            return Map.of();
        }
        Map<String, Verdict> out = new HashMap<>();
        JudgedCases.read(new ResultsFile(file), Waivers.none(), r -> out.put(r.id(), r.verdict())).forEach(b -> problems.add("baseline " + file + ": unreadable " + b));
        return out;
    }
}
