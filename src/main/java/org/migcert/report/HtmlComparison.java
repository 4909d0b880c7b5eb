package org.migcert.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.migcert.rules.Verdict;

/**
 * The comparison section of report.html: the counts of each class of change against the baseline
 * (newly failing classes marked), the cases of each class on demand in a {@code <details>}, and the
 * history's last runs with their pass share. Renders whatever classes {@link RunComparison} names.
 */
final class HtmlComparison {
    private HtmlComparison() {
    }

    static void write(Writer w, RunComparison c) throws IOException {
        if (c == null) {
            return;
        }
        if (c.baseline() != null) {
            writeBaseline(w, c.baseline());
        }
        if (c.history() != null && !c.history().last().isEmpty()) {
            writeTrend(w, c.history());
        }
    }

    private static void writeBaseline(Writer w, RunComparison.Baseline b) throws IOException {
        w.write("<h2 id=\"comparison\">Compared with the baseline</h2>\n<p>baseline <code>" + Html.escape(b.directory())
                + "</code>" + (b.runId() == null ? "" : ", run <code>" + Html.escape(b.runId()) + "</code>")
                + (b.finishedAt() == null ? "" : ", finished " + Html.escape(b.finishedAt())) + "</p>\n");
        w.write("<table class=\"comparison\">\n<tr><th>change</th><th>cases</th></tr>\n");
        for (RunComparison.ChangeClass k : b.classes()) {
            w.write("<tr" + (k.newlyFailing() && k.count() > 0 ? " class=\"bad\"" : "") + "><td>" + Html.escape(k.name())
                    + "</td><td class=\"n\">" + k.count() + "</td></tr>\n");
        }
        w.write("</table>\n");
        writeProblems(w, b.problems());
        for (RunComparison.ChangeClass k : b.classes()) {
            if (k.cases().isEmpty()) {
                continue;
            }
            // Newly failing cases open: they are what the comparison is read for.
            w.write("<details" + (k.newlyFailing() ? " open" : "") + "><summary>" + Html.escape(k.name()) + " (" + k.count()
                    + ")</summary>\n<ul class=\"changed\">\n");
            for (RunComparison.Changed e : k.cases()) {
                w.write("<li><code>" + Html.escape(e.caseId()) + "</code> " + verdict(e.before()) + " &rarr; "
                        + verdict(e.now()) + "</li>\n");
            }
            w.write("</ul>\n");
            if (k.more() > 0) {
                w.write("<p>" + k.more() + " more, counted and not listed here.</p>\n");
            }
            w.write("</details>\n");
        }
    }

    /** The newly failing cases grouped by cause: what to fix first, each with its smallest case's rerun. */
    private static void writeProblems(Writer w, List<Problem> problems) throws IOException {
        if (problems.isEmpty()) {
            return;
        }
        long cases = problems.stream().mapToLong(Problem::cases).sum();
        w.write("<p class=\"bad\">Newly failing: " + cases + " case" + (cases == 1 ? "" : "s") + " in " + problems.size()
                + " problem" + (problems.size() == 1 ? "" : "s") + "</p>\n");
        HtmlReport.writeProblemTable(w, problems);
    }

    private static void writeTrend(Writer w, RunComparison.HistoryTrend h) throws IOException {
        w.write("<h2 id=\"trend\">The last " + h.last().size() + " of " + h.runs() + " runs</h2>\n<p>history <code>"
                + Html.escape(h.file()) + "</code>; newly failing and fixed count against the run before.</p>\n");
        List<Verdict> shown = h.shown();
        w.write("<table class=\"trend\">\n<tr><th>finished</th><th>verdict</th><th>pass share</th>");
        for (Verdict v : shown) {
            w.write("<th>" + v.name().toLowerCase(java.util.Locale.ROOT) + "</th>");
        }
        w.write("<th>cases</th><th>newly failing</th><th>fixed</th></tr>\n");
        for (RunComparison.TrendPoint p : h.last()) {
            boolean bad = shown.stream().anyMatch(v -> v != Verdict.PASS && p.count(v) > 0);
            w.write("<tr" + (bad ? " class=\"bad\"" : "") + "><td>" + Html.escape(p.finishedAt()) + "</td><td>"
                    + p.overall() + "</td><td><meter min=\"0\" max=\"" + Math.max(1, p.total()) + "\" value=\""
                    + p.count(Verdict.PASS) + "\"></meter></td>");
            for (Verdict v : shown) {
                w.write("<td class=\"n\">" + p.count(v) + "</td>");
            }
            w.write("<td class=\"n\">" + p.total() + "</td><td class=\"n\">" + orDash(p.newlyFailing())
                    + "</td><td class=\"n\">" + orDash(p.fixed()) + "</td></tr>\n");
        }
        w.write("</table>\n");
    }

    private static String verdict(Verdict v) {
        return v == null ? "(absent)" : "<span class=\"v v-" + v.name() + "\">" + Text.label(v) + "</span>";
    }

    private static String orDash(Long n) {
        return n == null ? "&ndash;" : Long.toString(n);
    }
}
