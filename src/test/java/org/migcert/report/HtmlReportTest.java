package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

class HtmlReportTest {
    private static final String XSS = "<script>alert(1)</script>";

    @TempDir
    Path dir;

    @Test
    void escapeHandlesMarkupQuotesAndAmpersands() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.escape(XSS));
        assertEquals("a &amp;amp; b &quot;c&quot; &#39;d&#39;", Html.escape("a &amp; b \"c\" 'd'"));
        assertEquals("plain", Html.escape("plain"));
        assertEquals("", Html.escape(null));
        assertEquals("ab", Html.escape("a\0b"));
    }

    @Test
    void blockedCasesNameTheirFindingAndHaveTheirColumn() throws Exception {
        String page = page(Cases.mixedAndBlocked(), Cases.runInfo());
        assertTrue(page.contains("<th>pass</th><th>fail</th><th>blocked</th><th>error</th><th>n/a</th>"), page);
        assertTrue(page.contains("blocked by the finding of <code>" + Cases.FINDING + "</code>"), page);
        assertTrue(page.contains("<option value=\"BLOCKED\">BLOCKED (2)</option>"), page);
        assertTrue(page.contains("class=\"verdict NOT_CONFORMANT\""), page);
    }

    private String page(List<CaseResult> cases, RunInfo info) throws java.io.IOException {
        Path html = dir.resolve("report.html");
        new HtmlReport().write(html, info, Summary.of(cases), CaseSource.of(cases));
        return Files.readString(html);
    }

    @Test
    void untrustedStringsNeverAppearRaw() throws Exception {
        CaseResult c = Cases.of("x\"><img src=x onerror=alert(2)>", XSS, Verdict.FAIL, XSS, "COMPAT-2");
        CaseResult hostile = new CaseResult(c.id(), c.suite(), c.rules(), XSS, XSS, "\" onmouseover=\"alert(3)", XSS,
                c.expected(), XSS, c.observed(), "evidence " + XSS + " </pre><script>alert(4)</script>", c.phase(),
                c.role(), c.verdict(),
                1, "./migcert run --case '" + XSS + "'", c.finishedAt());
        List<CaseResult> cases = new ArrayList<>(Cases.mixed());
        cases.add(hostile);
        RunInfo info = new RunInfo(XSS, XSS, XSS, List.of(XSS), null, null, null, "'" + XSS, new Provenance(XSS, XSS, XSS,
                XSS, XSS, List.of(new Provenance.Implementation(XSS, XSS, XSS, XSS)), null, XSS, XSS), XSS);

        Path html = dir.resolve("report.html");
        new HtmlReport().write(html, info, Summary.of(cases), CaseSource.of(cases));
        String page = Files.readString(html);

        assertFalse(page.contains(XSS), "raw <script> from results");
        assertFalse(page.contains("<img"), "raw markup from an id");
        assertFalse(page.contains("\" onmouseover"), "attribute breakout");
        assertEquals(2, count(page, "<script"), "only the report's own script and its data block");
        assertEquals(2, count(page, "</script>"), "nothing from results closes a script element");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // Every data attribute value is closed by its own quote: nothing from results opened a new one.
        Matcher m = Pattern.compile("data-[a-z]+=\"([^\"]*)\"").matcher(page);
        while (m.find()) {
            assertFalse(m.group(1).contains("<"), m.group());
        }

        // The lazy path: the case list's JSON keeps no markup character raw, and still says exactly what the device said.
        String json = caseData(page);
        for (String raw : List.of("<", ">", "&")) {
            assertFalse(json.contains(raw), "raw " + raw + " in the case data");
        }
        assertTrue(json.contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E"), json);
        JsonNode last = Json.MAPPER.readTree(json).get(cases.size() - 1);
        assertEquals("evidence " + XSS + " </pre><script>alert(4)</script>", last.get(13).asText());
        assertEquals("./migcert run --case '" + XSS + "'", last.get(14).asText());
    }

    @Test
    void caseListHoldsEveryCaseCompressedAndFailuresAreEager() throws Exception {
        List<CaseResult> cases = Cases.mixedAndBlocked();
        String page = page(cases, Cases.runInfo());
        JsonNode data = Json.MAPPER.readTree(caseData(page));
        assertEquals(cases.size(), data.size());
        assertEquals("m1", data.get(0).get(0).asText());
        assertEquals("PASS", data.get(0).get(1).asText());
        assertEquals("COMPAT-1 COMPAT-2", data.get(0).get(3).asText());
        assertEquals(Cases.FINDING, data.get(6).get(12).asText());
        // FAIL, ERROR and the two BLOCKED as HTML; passes and n/a only in the data.
        String failures = between(page, "<table class=\"failures\">", "</table>");
        assertEquals(4, count(failures, "<tbody class=\"case\""));
        assertFalse(failures.contains("data-verdict=\"PASS\""));
        assertTrue(page.indexOf("class=\"failures\"") < page.indexOf("id=\"case-list\""), "failures before the list");
        assertTrue(page.indexOf("<table class=\"rules\">") < page.indexOf("class=\"failures\""), "aggregates first");
    }

    @Test
    void eagerFailuresStopAtTheLimitAndSayWhereTheRestAre() throws Exception {
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < HtmlReport.EAGER_LIMIT + 5; i++) {
            cases.add(Cases.of("f" + i, "MigrationMatrix", Verdict.FAIL, "COMPAT-2"));
        }
        String page = page(cases, Cases.runInfo());
        assertEquals(HtmlReport.EAGER_LIMIT, count(page, "<tbody class=\"case\""));
        assertTrue(page.contains("The first " + HtmlReport.EAGER_LIMIT + " of " + cases.size()), "says what is left out");
        assertEquals(cases.size(), Json.MAPPER.readTree(caseData(page)).size());
    }

    @Test
    void casesAreStreamedOnceNeverCollected() throws Exception {
        List<CaseResult> cases = Cases.mixed();
        int[] walks = {0};
        CaseSource counting = sink -> {
            walks[0]++;
            CaseSource.of(cases).forEach(sink);
        };
        new HtmlReport().write(dir.resolve("report.html"), Cases.runInfo(), Summary.of(cases), counting);
        assertEquals(1, walks[0], "one walk for the compressed list; the eager failures come from the summary");
    }

    /** The JSON in the page's data block: base64, then gzip. */
    static String caseData(String page) throws java.io.IOException {
        String b64 = between(page, "<script type=\"application/octet-stream\" id=\"" + HtmlReport.DATA_ID + "\">",
                "</script>");
        assertTrue(b64.matches("[A-Za-z0-9+/=]*"), "base64 only");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(b64)))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void pageIsSelfContainedAndHasTheParts() throws Exception {
        List<CaseResult> cases = Cases.mixed();
        Path html = dir.resolve("report.html");
        new HtmlReport().write(html, Cases.runInfo(), Summary.of(cases), CaseSource.of(cases));
        String page = Files.readString(html);

        assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resources");
        assertTrue(page.contains("Content-Security-Policy"));
        assertTrue(page.contains("class=\"verdict NOT_CONFORMANT\""));
        assertTrue(page.contains("fixtures/devices/refnic/device.yaml"));
        assertTrue(page.contains("suites/certification.yaml"));
        assertEquals(2, count(page, "<tbody class=\"case\""), "the FAIL and the ERROR as HTML");
        assertTrue(page.contains("data-rules=\"COMPAT-2\""));
        assertTrue(page.contains("<script type=\"application/octet-stream\" id=\"case-data\">"));
        assertTrue(page.contains("<a class=\"rule\" href=\"#cases\" data-rule=\"COMPAT-2\">COMPAT-2</a>"));
        assertTrue(page.contains("1.0 &rarr; 1.1"));
        assertTrue(page.contains("<pre>region 0 offset 0x10"));
        assertTrue(page.contains("<code>./migcert run --case m2</code> <button type=\"button\" class=\"copy\">"));
        for (String id : List.of("f-verdict", "f-rule", "f-suite", "f-search")) {
            assertTrue(page.contains("id=\"" + id + "\""), id);
        }
    }

    @Test
    void cspHashesMatchTheInlineBlocks() throws Exception {
        List<CaseResult> cases = Cases.mixed();
        Path html = dir.resolve("report.html");
        new HtmlReport().write(html, Cases.runInfo(), Summary.of(cases), CaseSource.of(cases));
        String page = Files.readString(html);
        assertTrue(page.contains("'" + hash(between(page, "<script>", "</script>")) + "'"));
        assertTrue(page.contains("'" + hash(between(page, "<style>", "</style>")) + "'"));
    }

    private static String between(String s, String open, String close) {
        int from = s.indexOf(open) + open.length();
        return s.substring(from, s.indexOf(close, from));
    }

    private static String hash(String content) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "sha256-" + java.util.Base64.getEncoder().encodeToString(d);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
