package org.migcert.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.migcert.rules.Forecast;
import org.migcert.rules.Verdict;

/**
 * The migration grid section of report.html: {@link MigrationGrid} as a table, each cell showing what
 * migration info alone says must happen and, by colour and symbol, the verdict of the case that
 * migrated it; rows with a failing cell first. Bounded to {@link #MAX_ROWS} rows, since a t-way
 * space has thousands of configurations and every one of its cases is in the case list anyway.
 */
final class HtmlGrid {
    static final int MAX_ROWS = 300;

    static final String CSS = """
            table.grid td.g{text-align:center;white-space:nowrap;font-family:monospace}
            .g-PASS{background:#e8f5e9;color:#1b5e20}.g-FAIL{background:#ffcdd2;color:#b71c1c;font-weight:bold}
            .g-BLOCKED{background:#f8bbd0;color:#880e4f;font-weight:bold}.g-ERROR{background:#ffe0b2;color:#e65100;font-weight:bold}
            .g-NOT_APPLICABLE{background:#eee;color:#666}.g-none{background:#fff;color:#999}
            .g-FLAKY{background:#e1bee7;color:#4a148c;font-weight:bold}.g-WAIVED{background:#efebe9;color:#4e342e}
            .legend span{display:inline-block;padding:0 .4em;margin-right:.3em;border:1px solid #ccc}
            """;

    private HtmlGrid() {
    }

    static void write(Writer w, MigrationGrid grid) throws IOException {
        if (grid.isEmpty()) {
            return;
        }
        List<MigrationGrid.Row> rows = grid.rows();
        long failing = rows.stream().filter(MigrationGrid.Row::needsLooking).count();
        w.write("<h2 id=\"grid\">Migration grid: " + failing + " of " + rows.size() + " source configurations with a"
                + " failing migration</h2>\n");
        w.write("<p>Each cell: what the migration info alone says must happen (" + Forecast.Kind.MIGRATE.symbol()
                + " must migrate, " + Forecast.Kind.REFUSE.symbol() + " must be refused at creation, "
                + Forecast.Kind.IMPOSSIBLE.symbol() + " refused from an older to a newer release: FWD-1, as"
                + " <code>migcert predict</code> prints it), then the verdict of the COMPAT-1 case that tried it.</p>\n");
        w.write("<p class=\"legend\">");
        for (Verdict v : Verdict.values()) {
            w.write("<span class=\"g-" + v.name() + "\">" + symbol(v) + " " + Text.label(v).toLowerCase(java.util.Locale.ROOT)
                    + "</span>");
        }
        w.write("<span class=\"g-none\">" + symbol(null) + " not tried in this run</span>");
        w.write("<span>? no migration info kept</span></p>\n");
        w.write("<table class=\"grid\">\n<thead><tr><th>source</th><th>configuration</th>");
        for (String dst : grid.implementations()) {
            w.write("<th>&rarr; " + Html.escape(dst) + "</th>");
        }
        w.write("</tr></thead>\n<tbody>\n");
        for (MigrationGrid.Row r : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
            w.write("<tr" + (r.needsLooking() ? " class=\"bad\"" : "") + "><td>" + Html.escape(r.source())
                    + "</td><td><code>" + Html.escape(r.configuration()) + "</code></td>");
            for (int i = 0; i < r.cells().size(); i++) {
                cell(w, r, grid.implementations().get(i), r.cells().get(i));
            }
            w.write("</tr>\n");
        }
        w.write("</tbody>\n</table>\n");
        if (rows.size() > MAX_ROWS) {
            w.write("<p>" + (rows.size() - MAX_ROWS) + " more source configurations" + (failing > MAX_ROWS
                    ? ", some with failures" : ", none with a failure") + ": filter the case list by rule COMPAT-1.</p>\n");
        }
    }

    private static void cell(Writer w, MigrationGrid.Row r, String dst, MigrationGrid.Cell c) throws IOException {
        String v = c.observed() == null ? "none" : c.observed().name();
        String forecast = c.forecast() == null ? "?" : c.forecast().kind().symbol();
        String title = r.source() + " -> " + dst + " [" + r.configuration() + "]: "
                + (c.forecast() == null ? "no forecast" : c.forecast().kind().name().toLowerCase(java.util.Locale.ROOT)
                + " (" + c.forecast().reason() + ")")
                + (c.observed() == null ? "; not tried in this run" : "; observed " + c.observed() + " in " + c.caseId());
        w.write("<td class=\"g g-" + v + "\" data-verdict=\"" + v + "\" title=\"" + Html.escape(title) + "\">" + forecast
                + " " + symbol(c.observed()) + "</td>");
    }

    /** The symbol of a verdict in a cell, so that the grid reads without colour too. */
    static String symbol(Verdict v) {
        if (v == null) {
            return "&middot;";
        }
        return switch (v) {
            case PASS -> "&#10003;";
            case FAIL -> "&#10007;";
            case BLOCKED -> "&#8856;";
            case ERROR -> "&#9888;";
            case NOT_APPLICABLE -> "&ndash;";
            case FLAKY -> "&#8776;";
            case WAIVED -> "W";
        };
    }
}
