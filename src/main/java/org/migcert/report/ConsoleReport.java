package org.migcert.report;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.migcert.rules.AttemptOutcome;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Verdict;
import org.migcert.rules.WaiverNote;

/**
 * The plain-text report for a terminal: a progress line per finished case while a run goes on, and at
 * the end a table by rule, every FAIL and ERROR with its evidence and rerun command, how many cases each
 * finding blocked, and the verdict.
 * Untrusted text (titles, evidence) is stripped of control characters so a device cannot drive the
 * terminal.
 */
public final class ConsoleReport {
    /** Evidence lines shown per failing case; report.html has the rest. */
    static final int EVIDENCE_LINES = 8;

    private ConsoleReport() {
    }

    /**
     * One progress line, e.g. {@code [ 12/345] PASS  MigrationMatrix COMPAT-2 1.0 -> 1.1 rx-filter-size=16 (23 ms)}.
     *
     * @param done  1-based number of this finished case
     * @param total number of cases in the run, if known (else the line starts {@code [ 12]})
     */
    public static String progressLine(long done, OptionalLong total, CaseResult r) {
        String counter = total.isPresent()
                ? String.format(Locale.ROOT, "[%" + width(total.getAsLong()) + "d/%d]", done, total.getAsLong())
                : String.format(Locale.ROOT, "[%3d]", done);
        StringBuilder b = new StringBuilder(counter).append(' ')
                .append(String.format(Locale.ROOT, "%-5s", Text.label(r.verdict()))).append(' ')
                .append(Summary.suiteOf(r));
        appendIfPresent(b, Text.rules(r));
        appendIfPresent(b, Text.pair(r));
        appendIfPresent(b, r.configuration());
        b.append(" (").append(r.durationMs()).append(" ms)");
        return Text.forTerminal(b.toString()).replace('\n', ' ');
    }

    private static void appendIfPresent(StringBuilder b, String s) {
        if (s != null && !s.isBlank()) {
            b.append(' ').append(s);
        }
    }

    private static int width(long n) {
        return Long.toString(Math.max(n, 1)).length();
    }

    /** Prints the end-of-run report: table by rule, failing cases, unreadable lines, verdict line. */
    public static void print(Summary summary, CaseSource cases, PrintStream out) throws IOException {
        printRuleTable(summary, out);
        printFailures(summary, cases, out);
        for (WaiverNote w : summary.expiredWaivers()) {
            out.println(Text.forTerminal("EXPIRED waiver at " + w.where() + " (" + w.names() + ", " + w.tracking()
                    + ") expired on " + w.expires() + ": it waives nothing; renew or remove it"));
        }
        for (WaiverNote w : summary.unusedWaivers()) {
            out.println(Text.forTerminal("UNUSED waiver at " + w.where() + " (" + w.names() + ") covers no failing"
                    + " case: remove it"));
        }
        for (ResultsFile.BadLine bad : summary.unreadableLines()) {
            out.println("UNREADABLE results " + Text.forTerminal(bad.toString()));
        }
        if (summary.containerStarts() > 0) {
            out.println("containers started: " + summary.containerStarts() + " (one per implementation in a container)");
        }
        if (summary.comparison() != null) {
            printComparison(summary.comparison(), out);
        }
        out.println(verdictLine(summary));
    }

    /**
     * The comparison with the baseline ({@code COMPARED with DIR: 1 regressed, 434 unchanged}, then each
     * changed case listed), and the history's trend (what changed since the run before, then the last runs).
     */
    public static void printComparison(RunComparison c, PrintStream out) {
        if (c.baseline() != null) {
            out.println(Text.forTerminal("COMPARED with " + c.baseline().directory() + ": " + c.baseline().classes().stream()
                    .filter(k -> k.count() > 0).map(k -> k.count() + " " + k.name()).collect(Collectors.joining(", "))));
            for (RunComparison.ChangeClass k : c.baseline().classes()) {
                for (RunComparison.Changed e : k.cases()) {
                    out.println(Text.forTerminal("  " + k.name() + ": " + e.caseId() + " (" + orDash(e.before()) + " -> "
                            + orDash(e.now()) + ")"));
                }
                if (k.more() > 0 && !k.cases().isEmpty()) {
                    out.println("  " + k.name() + ": " + k.more() + " more, counted and not listed");
                }
            }
            List<Problem> problems = c.baseline().problems();
            if (!problems.isEmpty()) {
                printProblems(problems, "newly failing: " + plural(problems.stream().mapToLong(Problem::cases).sum(),
                        "case") + " in " + plural(problems.size(), "problem"), out);
            }
        }
        RunComparison.HistoryTrend h = c.history();
        if (h == null || h.last().isEmpty()) {
            return;
        }
        List<RunComparison.TrendPoint> last = h.last();
        RunComparison.TrendPoint now = last.get(last.size() - 1);
        String since = last.size() < 2 || now.newlyFailing() == null ? "" : "; " + now.newlyFailing() + " newly failing, "
                + now.fixed() + " fixed since " + last.get(last.size() - 2).finishedAt() + " ("
                + last.get(last.size() - 2).overall() + ")";
        out.println(Text.forTerminal("history: " + h.runs() + " runs in " + h.file() + since));
        for (RunComparison.TrendPoint p : last) {
            out.println(Text.forTerminal("  " + p.finishedAt() + " " + p.overall() + " " + h.shown().stream()
                    .map(v -> p.count(v) + " " + v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + " of " + p.total()));
        }
    }

    private static String orDash(Verdict v) {
        return v == null ? "-" : v.name();
    }

    static void printRuleTable(Summary summary, PrintStream out) {
        int ruleWidth = Math.max(4, summary.byRule().keySet().stream().mapToInt(String::length).max().orElse(0));
        // Columns for FLAKY and WAIVED only when the run has some: a run without retries or waivers reads as before.
        boolean more = summary.count(Verdict.FLAKY) + summary.count(Verdict.WAIVED) > 0;
        String fmt = "%-" + ruleWidth + "s %6s %6s %7s %6s %6s" + (more ? " %6s %6s" : "") + "%n";
        out.printf(Locale.ROOT, fmt, "rule", "pass", "fail", "blocked", "error", "n/a", "flaky", "waived");
        for (Map.Entry<String, Summary.Counts> e : summary.byRule().entrySet()) {
            Summary.Counts c = e.getValue();
            out.printf(Locale.ROOT, fmt, Text.forTerminal(e.getKey()), c.pass(), c.fail(), c.blocked(), c.error(),
                    c.notApplicable(), c.flaky(), c.waived());
        }
    }

    private static void printFailures(Summary summary, CaseSource cases, PrintStream out) throws IOException {
        if (summary.count(Verdict.FAIL) + summary.count(Verdict.ERROR) + summary.count(Verdict.BLOCKED)
                + summary.count(Verdict.FLAKY) + summary.count(Verdict.WAIVED) == 0) {
            return;
        }
        out.println();
        long failures = summary.count(Verdict.FAIL) + summary.count(Verdict.FLAKY);
        printProblems(summary.problems(), plural(failures, "failure") + ", " + summary.problems().size() + " distinct "
                + (summary.problems().size() == 1 ? "problem" : "problems"), out);
        long[] notRun = {0};
        // One line per finding, not a block per blocked case: the finding's own case has the evidence.
        Map<String, Long> blocked = new TreeMap<>();
        cases.forEach(r -> {
            if (r.verdict() == Verdict.ERROR && r.observed() == Observed.NOT_RUN) {
                notRun[0]++; // one line for all of them below, not a block each
            } else if (r.verdict() == Verdict.BLOCKED) {
                blocked.merge(String.valueOf(r.blockedBy()), 1L, Long::sum);
            } else if (r.verdict() != Verdict.PASS && r.verdict() != Verdict.NOT_APPLICABLE) {
                out.print(Text.forTerminal(failureBlock(r)));
            }
        });
        blocked.forEach((finding, n) -> out.println(Text.forTerminal("BLOCKED " + n + " cases by the finding of "
                + finding)));
        if (notRun[0] > 0) {
            out.println("NOT RUN " + notRun[0] + " planned cases have no result (ERROR); their rerun commands are in"
                    + " the reports");
        }
    }

    /**
     * A heading ("N failures, K distinct problems"; the gate's "N regressions in K problems"), then each
     * problem with where it shows, its smallest case and the command that reruns it.
     */
    public static void printProblems(List<Problem> problems, String heading, PrintStream out) {
        if (problems.isEmpty()) {
            return;
        }
        out.println(heading + ":");
        int n = 0;
        for (Problem p : problems) {
            out.println(Text.forTerminal("PROBLEM " + (++n) + " on " + p.implementation() + ": " + p.observed() + " "
                    + p.signature()));
            out.println(Text.forTerminal("      " + p.cases() + " cases, rules " + String.join(",", p.rules()) + ", pairs "
                    + String.join(" ", p.pairs()) + (p.pairs().size() >= Problems.MAX_LISTED ? " ..." : "") + ", "
                    + p.configurations() + " configuration" + (p.configurations() == 1 ? "" : "s")));
            out.println(Text.forTerminal("      smallest: " + p.smallest()));
            out.println(Text.forTerminal("      rerun: " + p.rerun()));
        }
        out.println();
    }

    /** {@code 1 failure}, {@code 2 failures}. */
    public static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The block printed for one case that is neither a pass nor not applicable (a WAIVED one with its waiver). */
    static String failureBlock(CaseResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-5s", Text.label(r.verdict()))).append(' ')
                .append(Text.firstLine(r.title() == null ? r.id() : r.title())).append('\n');
        b.append("      ").append(Summary.suiteOf(r)).append(' ').append(Text.rules(r)).append("  ")
                .append(Text.pair(r));
        appendIfPresent(b, r.configuration());
        b.append('\n');
        b.append("      expected ").append(r.expected());
        if (r.because() != null && !r.because().isBlank()) {
            b.append(" (").append(Text.firstLine(r.because())).append(')');
        }
        b.append(", observed ").append(r.observed());
        if (r.phase() != null) {
            b.append(" in ").append(Text.where(r));
        }
        b.append('\n');
        if (r.waiver() != null) {
            b.append("      ").append(Text.firstLine(r.waiver().text())).append('\n');
        }
        if (!r.attempts().isEmpty()) {
            b.append("      ").append(r.attempts().size()).append(" attempts with identical inputs:").append('\n');
            for (AttemptOutcome a : r.attempts()) {
                b.append("        attempt ").append(a.attempt()).append(' ').append(Text.label(a.verdict())).append(' ')
                        .append(a.observed()).append(": ").append(Text.firstLine(a.evidence())).append('\n');
            }
        }
        for (String line : Text.firstLines(r.evidence(), EVIDENCE_LINES)) {
            b.append("      | ").append(line).append('\n');
        }
        if (r.rerun() != null && !r.rerun().isBlank()) {
            b.append("      rerun: ").append(Text.firstLine(r.rerun())).append('\n');
        }
        return b.append('\n').toString();
    }

    /** E.g. {@code VERDICT: NOT_CONFORMANT (2 fail, 0 error, 120 pass, 4 n/a of 126 cases)}. */
    public static String verdictLine(Summary s) {
        return "VERDICT: " + s.overall() + " (" + counts(s) + ")";
    }

    /** E.g. {@code 2 fail, 0 error, 120 pass, 4 n/a of 126 cases}, plus blocked cases and unreadable lines if any. */
    static String counts(Summary s) {
        String unreadable = s.unreadableLines().isEmpty() ? ""
                : ", " + s.unreadableLines().size() + " unreadable result lines";
        String of = s.planned() >= 0 && s.total() != s.planned() ? s.total() + " results of " + s.planned() + " planned cases"
                : s.total() + " cases";
        String blocked = s.count(Verdict.BLOCKED) == 0 ? "" : s.count(Verdict.BLOCKED) + " blocked, ";
        blocked += s.count(Verdict.FLAKY) == 0 ? "" : s.count(Verdict.FLAKY) + " flaky, ";
        blocked += s.count(Verdict.WAIVED) == 0 ? "" : s.count(Verdict.WAIVED) + " waived, ";
        return String.format(Locale.ROOT, "%d fail, %s%d error, %d pass, %d n/a of %s%s%s",
                s.count(Verdict.FAIL), blocked, s.count(Verdict.ERROR), s.count(Verdict.PASS),
                s.count(Verdict.NOT_APPLICABLE), of, unreadable, s.complete() ? ""
                        : "; the run did not finish: these results cannot certify anything");
    }
}
