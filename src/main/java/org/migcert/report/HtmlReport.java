package org.migcert.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.migcert.rules.AttemptOutcome;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * {@code report.html}: a self-contained page (inline CSS and a little vanilla JS, no external
 * resources) with the aggregates first (overall verdict, problems, a table by rule, the migration grid
 * ({@link HtmlGrid}), the comparison with a baseline and the history's trend ({@link HtmlComparison})),
 * then the failing, blocked and erroring cases as HTML, then the list of every case, filterable by verdict,
 * rule, suite and free text, which the script expands on demand from a compressed {@link CaseData}
 * block (at 100,000 cases the page stays a few MB instead of over 100).
 *
 * <p>Every string from results is untrusted: in HTML it goes through {@link Html#escape}; in the data
 * block it is base64 of gzip'ed JSON that also escapes {@code < > &}, and the script puts it into the
 * page with {@code textContent} only. As a second line of defence the page's Content-Security-Policy
 * only admits the one script and style block written here (by hash), so markup that slipped through
 * escaping still could not run script or load anything.
 */
public final class HtmlReport implements ReportFormat {
    public static final String FILE = "report.html";

    /** Cases that need looking at ({@link Summary#needsLooking}) written into the page itself; the rest are in the case list. */
    static final int EAGER_LIMIT = Summary.FIRST_FAILURES;

    /** Rows the case list shows at a time; "show more" adds as many again. */
    static final int PAGE = 500;

    /** The id of the data block holding every case, gzip'ed and base64'ed. */
    static final String DATA_ID = "case-data";

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
            h1{font-size:1.4em;margin:0 0 .3em}
            .verdict{display:inline-block;padding:.3em .8em;border-radius:4px;font-weight:bold;color:#fff}
            .CONFORMANT{background:#2e7d32}.NOT_CONFORMANT{background:#c62828}
            .HARNESS_ERROR,.NO_EVIDENCE{background:#ef6c00}.KNOWN_FAILURES_ONLY{background:#6d4c41}
            dl.run{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.8em 0}
            dl.run dt{font-weight:bold}dl.run dd{margin:0;font-family:monospace;word-break:break-all}
            table{border-collapse:collapse;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
            th{background:#f2f2f2}td.n{text-align:right}
            tr.bad td{background:#fff3f3}
            .v{font-weight:bold;white-space:nowrap}
            .v-PASS{color:#2e7d32}.v-FAIL{color:#c62828}.v-ERROR{color:#ef6c00}
            .v-BLOCKED{color:#ad1457}.v-NOT_APPLICABLE{color:#666}
            .v-FLAKY{color:#6a1b9a}.v-WAIVED{color:#6d4c41}
            tbody.case{border-top:2px solid #999}
            tr.detail td{background:#fafafa;font-size:.92em}
            pre{margin:.2em 0;max-height:20em;overflow:auto;white-space:pre-wrap;background:#f6f6f6;padding:.4em}
            code{font-family:monospace;word-break:break-all}
            .filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ccc}
            .filters input[type=search]{width:20em}
            .warn{color:#c62828}
            small{color:#555}
            #more,#open-cases{margin:.5em 0}
            """ + HtmlGrid.CSS;

    /*
     * The case list is built here from the compressed data block, with DOM calls and textContent only:
     * no string from results is ever parsed as markup, so escaping cannot be forgotten on this path.
     * It renders one page of matching cases at a time, because 100,000 rows would take the browser
     * longer to lay out than the user wants to wait.
     */
    private static final String SCRIPT = """
            (function () {
              var PAGE = %d;
              var verdict = document.getElementById('f-verdict'), rule = document.getElementById('f-rule');
              var suite = document.getElementById('f-suite'), search = document.getElementById('f-search');
              var shown = document.getElementById('shown'), list = document.getElementById('case-list');
              var more = document.getElementById('more'), open = document.getElementById('open-cases');
              var data = null, loading = null, limit = PAGE;
              function load() {
                if (!loading) {
                  shown.textContent = 'expanding the case list...';
                  loading = Promise.resolve().then(function () {
                    var bin = atob(document.getElementById('case-data').textContent);
                    var bytes = new Uint8Array(bin.length);
                    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
                    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
                    return new Response(stream).text();
                  }).then(function (text) {
                    data = JSON.parse(text);
                    data.forEach(function (c) { c.text = c.join('\\n').toLowerCase(); });
                    open.hidden = true;
                    document.body.setAttribute('data-cases', 'loaded');
                  }).catch(function (e) {
                    shown.textContent = 'the case list could not be expanded here: ' + e;
                    document.body.setAttribute('data-cases', 'failed');
                    throw e;
                  });
                }
                return loading;
              }
              function el(tag, cls, text) {
                var e = document.createElement(tag);
                if (cls) { e.className = cls; }
                if (text !== undefined && text !== null) { e.textContent = String(text); }
                return e;
              }
              // c: [id, verdict, label, rules, suite, title, pair, configuration, expected, observed, ms,
              //     because, blockedBy, evidence, rerun], as HtmlReport.caseJson writes it.
              function row(c) {
                var body = el('tbody', 'case'), tr = el('tr'), d = el('tr', 'detail'), td = el('td');
                body.dataset.verdict = c[1];
                tr.appendChild(el('td', 'v v-' + c[1], c[2]));
                [c[3], c[4], c[5], c[6]].forEach(function (t) { tr.appendChild(el('td', null, t)); });
                var conf = el('td'); conf.appendChild(el('code', null, c[7])); tr.appendChild(conf);
                tr.appendChild(el('td', null, c[8])); tr.appendChild(el('td', null, c[9]));
                tr.appendChild(el('td', 'n', c[10]));
                td.colSpan = 9;
                if (c[11]) { td.appendChild(el('div', null, 'because: ' + c[11])); }
                if (c[12]) {
                  var b = el('div', null, 'blocked by the finding of ');
                  b.appendChild(el('code', null, c[12]));
                  b.appendChild(document.createTextNode(': its rules were not checked'));
                  td.appendChild(b);
                }
                if (c[13]) { td.appendChild(el('pre', null, c[13])); }
                var foot = el('div'); foot.appendChild(el('small', null, 'case ' + c[0]));
                if (c[14]) {
                  foot.appendChild(document.createTextNode(' rerun: '));
                  foot.appendChild(el('code', null, c[14]));
                  foot.appendChild(document.createTextNode(' '));
                  var btn = el('button', 'copy', 'copy'); btn.type = 'button'; foot.appendChild(btn);
                }
                td.appendChild(foot); d.appendChild(td);
                body.appendChild(tr); body.appendChild(d);
                return body;
              }
              function render() {
                var v = verdict.value, r = rule.value, s = suite.value, q = search.value.trim().toLowerCase();
                var matched = data.filter(function (c) {
                  return (!v || c[1] === v) && (!r || c[3].split(' ').indexOf(r) >= 0)
                    && (!s || c[4] === s) && (!q || c.text.indexOf(q) >= 0);
                });
                var frag = document.createDocumentFragment();
                matched.slice(0, limit).forEach(function (c) { frag.appendChild(row(c)); });
                list.querySelectorAll('tbody.case').forEach(function (b) { b.remove(); });
                list.appendChild(frag);
                shown.textContent = Math.min(limit, matched.length) + ' of ' + matched.length + ' matching cases shown ('
                  + data.length + ' in all)';
                more.hidden = matched.length <= limit;
              }
              function apply() {
                limit = PAGE;
                load().then(render);
              }
              [verdict, rule, suite].forEach(function (e) { e.addEventListener('change', apply); });
              search.addEventListener('input', apply);
              open.addEventListener('click', apply);
              more.addEventListener('click', function () { limit += PAGE; render(); });
              document.querySelectorAll('a.rule').forEach(function (a) {
                a.addEventListener('click', function (ev) {
                  ev.preventDefault();
                  rule.value = a.dataset.rule;
                  apply();
                  document.getElementById('cases').scrollIntoView();
                });
              });
              // One listener for the copy buttons of the eager failures and of rows built later.
              document.addEventListener('click', function (ev) {
                var btn = ev.target;
                if (!btn.classList || !btn.classList.contains('copy')) { return; }
                var text = btn.parentNode.querySelector('code').textContent;
                function done() {
                  btn.textContent = 'copied';
                  setTimeout(function () { btn.textContent = 'copy'; }, 1500);
                }
                function fallback() {
                  var t = document.createElement('textarea');
                  t.value = text;
                  document.body.appendChild(t);
                  t.select();
                  try { document.execCommand('copy'); done(); } finally { t.remove(); }
                }
                if (navigator.clipboard && window.isSecureContext) {
                  navigator.clipboard.writeText(text).then(done, fallback);
                } else {
                  fallback();
                }
              });
              // A link to report.html#cases opens the list at once (and lets a headless browser check it).
              if (location.hash === '#cases') { apply(); }
              window.addEventListener('hashchange', function () { if (location.hash === '#cases') { apply(); } });
            })();
            """.formatted(PAGE);

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(CSS) + "'; script-src '"
            + sha256(SCRIPT) + "'";

    @Override
    public String fileName() {
        return FILE;
    }

    @Override
    public void write(Path target, RunInfo info, Summary summary, CaseSource cases) throws IOException {
        AtomicFile.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writePage(w, info, summary, cases);
            w.flush();
        });
    }

    static void writePage(Writer w, RunInfo info, Summary summary, CaseSource cases) throws IOException {
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CONTENT_SECURITY_POLICY + "\">\n");
        w.write("<title>migcert report" + (info.model() == null ? "" : ": " + Html.escape(info.model())) + "</title>\n");
        w.write("<style>" + CSS + "</style>\n</head>\n<body>\n");
        writeHeader(w, info, summary);
        writeProblems(w, summary);
        writeRuleTable(w, summary);
        HtmlGrid.write(w, summary.grid());
        HtmlComparison.write(w, summary.comparison());
        writeFailures(w, summary);
        writeFilters(w, summary);
        writeCaseList(w, summary, cases);
        w.write("<script>" + SCRIPT + "</script>\n</body>\n</html>\n");
    }

    private static void writeHeader(Writer w, RunInfo info, Summary s) throws IOException {
        w.write("<h1>migcert conformance report</h1>\n");
        w.write("<p><span class=\"verdict " + s.overall().name() + "\">" + s.overall().name() + "</span> ");
        w.write(Html.escape(ConsoleReport.counts(s)) + "</p>\n");
        w.write("<dl class=\"run\">\n");
        field(w, "device", info.device());
        field(w, "model", info.model());
        field(w, "profile", info.profile());
        field(w, "implementations", String.join(", ", info.implementations()));
        field(w, "started", info.startedAt());
        field(w, "finished", info.finishedAt());
        field(w, "migcert", info.migcertVersion());
        field(w, "command", info.commandLine());
        for (String space : info.configurations()) {
            field(w, "configurations", space);
        }
        field(w, "shard", info.shard());
        if (info.provenance() != null) {
            Provenance p = info.provenance();
            field(w, "harness commit", p.harnessCommit());
            field(w, "profile digest", p.profileName() + " " + p.profileDigest());
            field(w, "manifest digest", p.manifestDigest());
            for (Provenance.Implementation i : p.implementations()) {
                field(w, "implementation " + i.id(), i.adapter() + ", code " + i.codeDigest() + ", info " + i.infoDigest());
            }
            field(w, "host", p.host() + ", " + p.java());
        }
        w.write("</dl>\n");
        if (!s.unreadableLines().isEmpty()) {
            w.write("<p class=\"warn\">Some result lines could not be read:</p>\n<ul class=\"warn\">\n");
            for (ResultsFile.BadLine bad : s.unreadableLines()) {
                w.write("<li>" + Html.escape(bad.toString()) + "</li>\n");
            }
            w.write("</ul>\n");
        }
    }

    private static void field(Writer w, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            w.write("<dt>" + Html.escape(name) + "</dt><dd>" + Html.escape(value) + "</dd>\n");
        }
    }

    /** Failures grouped by cause, before anything else: what to fix first, and the smallest case to rerun. */
    private static void writeProblems(Writer w, Summary s) throws IOException {
        if (s.problems().isEmpty()) {
            return;
        }
        w.write("<h2>" + (s.count(Verdict.FAIL) + s.count(Verdict.FLAKY)) + " failures, " + s.problems().size() + " distinct problems</h2>\n");
        writeProblemTable(w, s.problems());
    }

    /** Problems, one row each: where, what was observed, the evidence they share, and the smallest case to rerun. */
    static void writeProblemTable(Writer w, List<Problem> problems) throws IOException {
        w.write("<table class=\"problems\">\n<tr><th>on</th><th>observed</th><th>evidence</th><th>cases</th><th>rules</th>"
                + "<th>pairs</th><th>configurations</th><th>smallest case</th></tr>\n");
        for (Problem p : problems) {
            w.write("<tr><td>" + Html.escape(p.implementation()) + "</td><td>" + Html.escape(p.observed()) + "</td><td>"
                    + Html.escape(p.signature()) + "</td><td>" + p.cases() + "</td><td>"
                    + Html.escape(String.join(" ", p.rules())) + "</td><td>" + Html.escape(String.join(" ", p.pairs()))
                    + "</td><td>" + p.configurations() + "</td><td>" + Html.escape(p.smallest())
                    + "<div class=\"rerun\"><code>" + Html.escape(p.rerun()) + "</code></div></td></tr>\n");
        }
        w.write("</table>\n");
    }

    private static void writeRuleTable(Writer w, Summary s) throws IOException {
        w.write("<h2>By rule</h2>\n<table class=\"rules\">\n");
        w.write("<tr><th>rule</th>");
        for (Verdict v : Verdict.values()) {
            w.write("<th>" + Text.label(v).toLowerCase(java.util.Locale.ROOT) + "</th>");
        }
        w.write("</tr>\n");
        for (Map.Entry<String, Summary.Counts> e : s.byRule().entrySet()) {
            Summary.Counts c = e.getValue();
            String rule = Html.escape(e.getKey());
            w.write("<tr" + (c.bad() > 0 ? " class=\"bad\"" : "") + "><td><a class=\"rule\" href=\"#cases\""
                    + " data-rule=\"" + rule + "\">" + rule + "</a></td>");
            for (Verdict v : Verdict.values()) {
                w.write("<td class=\"n\">" + c.of(v) + "</td>");
            }
            w.write("</tr>\n");
        }
        w.write("</table>\n");
    }

    private static void writeFilters(Writer w, Summary s) throws IOException {
        w.write("<h2 id=\"cases\">Cases</h2>\n<div class=\"filters\">\n");
        w.write("<label>verdict <select id=\"f-verdict\"><option value=\"\">all</option>");
        for (Verdict v : Verdict.values()) {
            w.write("<option value=\"" + v.name() + "\">" + v.name() + " (" + s.count(v) + ")</option>");
        }
        w.write("</select></label>\n");
        options(w, "rule", "f-rule", s.byRule());
        options(w, "suite", "f-suite", s.bySuite());
        w.write("<label>search <input type=\"search\" id=\"f-search\" placeholder=\"title, configuration, evidence...\">"
                + "</label>\n<small id=\"shown\"></small>\n</div>\n");
    }

    private static void options(Writer w, String label, String id, Map<String, Summary.Counts> keys) throws IOException {
        w.write("<label>" + label + " <select id=\"" + id + "\"><option value=\"\">all</option>");
        for (Map.Entry<String, Summary.Counts> e : keys.entrySet()) {
            String key = Html.escape(e.getKey());
            w.write("<option value=\"" + key + "\">" + key + " (" + e.getValue().total() + ")</option>");
        }
        w.write("</select></label>\n");
    }

    /**
     * The cases that need looking at (FAIL, BLOCKED, ERROR), as HTML in the page: they are why one
     * opens the report, and they must show even where the case list cannot be expanded. The summary
     * kept them from its pass: a pass over 100,000 cases for a thousand of them costs a second or two.
     */
    private static void writeFailures(Writer w, Summary s) throws IOException {
        long bad = s.needingLook();
        if (bad == 0) {
            return;
        }
        w.write("<h2 id=\"failures\">Failing, flaky, waived, blocked and erroring cases</h2>\n");
        if (bad > EAGER_LIMIT) {
            w.write("<p>The first " + EAGER_LIMIT + " of " + bad + " in finishing order; filter the case list by verdict"
                    + " for the rest.</p>\n");
        }
        w.write("<table class=\"failures\">\n");
        writeCaseHead(w);
        for (CaseResult r : s.firstFailures()) {
            writeCase(w, r);
        }
        w.write("</table>\n");
    }

    private static void writeCaseHead(Writer w) throws IOException {
        w.write("<thead><tr><th>verdict</th><th>rules</th><th>suite</th><th>case</th>"
                + "<th>source &rarr; destination</th><th>configuration</th><th>expected</th><th>observed</th>"
                + "<th>ms</th></tr></thead>\n");
    }

    /**
     * Every case, as a JSON array of arrays compressed with gzip and encoded in base64 inside a data
     * block the script expands on demand (100,000 cases as HTML rows are over 100 MB; compressed they
     * are a few). Written while the cases are read, so only the compressor's window is in memory.
     * Base64 cannot close the script element, and the JSON escapes {@code < > &} besides, so that the
     * text stays inert wherever it is decoded to.
     */
    private static void writeCaseList(Writer w, Summary s, CaseSource cases) throws IOException {
        w.write("<p><button type=\"button\" id=\"open-cases\">Show the " + s.total() + " cases</button></p>\n");
        w.write("<table class=\"cases\" id=\"case-list\">\n");
        writeCaseHead(w);
        w.write("</table>\n<p><button type=\"button\" id=\"more\" hidden>show more</button></p>\n");
        w.write("<script type=\"application/octet-stream\" id=\"" + DATA_ID + "\">");
        CaseData.write(w, cases);
        w.write("</script>\n");
    }

    private static void writeCase(Writer w, CaseResult r) throws IOException {
        String verdict = r.verdict().name();
        String rules = r.rules() == null ? "" : String.join(" ", r.rules().stream().map(Text::orEmpty).toList());
        w.write("<tbody class=\"case\" data-verdict=\"" + verdict + "\" data-rules=\"" + Html.escape(rules)
                + "\" data-suite=\"" + Html.escape(Summary.suiteOf(r)) + "\">\n<tr>");
        w.write("<td class=\"v v-" + verdict + "\">" + Text.label(r.verdict()) + "</td>");
        cell(w, Text.rules(r));
        cell(w, Summary.suiteOf(r));
        cell(w, r.title() == null ? r.id() : r.title());
        w.write("<td>" + Html.escape(Text.orEmpty(r.source()))
                + (r.destination() == null ? "" : " &rarr; " + Html.escape(r.destination())) + "</td>");
        w.write("<td><code>" + Html.escape(r.configuration()) + "</code></td>");
        cell(w, r.expected() == null ? "" : r.expected().name());
        cell(w, (r.observed() == null ? "" : r.observed().name()) + (r.phase() == null ? "" : " in " + Text.where(r)));
        w.write("<td class=\"n\">" + r.durationMs() + "</td></tr>\n");
        w.write("<tr class=\"detail\"><td colspan=\"9\">");
        if (r.because() != null && !r.because().isBlank()) {
            w.write("<div>because: " + Html.escape(r.because()) + "</div>");
        }
        if (r.blockedBy() != null) {
            w.write("<div>blocked by the finding of <code>" + Html.escape(r.blockedBy()) + "</code>: its rules were"
                    + " not checked</div>");
        }
        if (r.waiver() != null) {
            w.write("<div class=\"waiver\">" + Html.escape(r.waiver().text()) + " <small>" + Html.escape(r.waiver().names())
                    + " at " + Html.escape(r.waiver().where()) + "</small></div>");
        }
        for (AttemptOutcome a : r.attempts()) {
            w.write("<div>attempt " + a.attempt() + ": <span class=\"v v-" + a.verdict().name() + "\">"
                    + Text.label(a.verdict()) + "</span> " + a.observed() + " " + Html.escape(a.evidence()) + "</div>");
        }
        if (r.evidence() != null && !r.evidence().isBlank()) {
            w.write("<pre>" + Html.escape(r.evidence()) + "</pre>");
        }
        w.write("<div><small>case " + Html.escape(r.id()) + "</small>");
        if (r.rerun() != null && !r.rerun().isBlank()) {
            w.write(" rerun: <code>" + Html.escape(r.rerun()) + "</code> <button type=\"button\" class=\"copy\">copy</button>");
        }
        w.write("</div></td></tr>\n</tbody>\n");
    }

    private static void cell(Writer w, String text) throws IOException {
        w.write("<td>" + Html.escape(text) + "</td>");
    }

    /** A CSP source expression for an inline block with exactly this content. */
    private static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
