package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;
import org.migcert.run.Cli;

/**
 * The browser test of report.html: Debian's headless {@code chromium} loads the page from disk, runs its
 * script (the page opened at {@code #cases} expands the compressed case list at once) and dumps the
 * DOM it ends with: a page with hostile strings everywhere a device or a manifest can put one, and the
 * page of a real broken fixture's run, whose migration grid must show its failing cells. Skipped, with
 * the reason, where no chromium is installed; {@code .ci/run}
 * installs it and fails when this test was skipped.
 */
class ChromiumReportTest {
    /** Sets an attribute the test looks for if it ever runs: then the page ran markup from results. */
    private static final String IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">";
    private static final String SCRIPT = "</script><script>document.body.setAttribute('data-pwned','script')</script>";

    /** The browser, looked up once; null where there is none. */
    private static final String CHROMIUM = onPath(System.getenv().getOrDefault("MIGCERT_CHROMIUM", "chromium"));

    @TempDir
    Path dir;

    @Test
    void pageLoadsExpandsItsCaseListAndRunsNothingFromResults() throws Exception {
        // In the test, not in @BeforeAll: Surefire reports a class skipped there as 0 tests, which reads as nothing.
        Assumptions.assumeTrue(CHROMIUM != null,
                "no chromium on PATH (apt-get install -y chromium, or set MIGCERT_CHROMIUM): the browser test cannot run");
        List<CaseResult> cases = new ArrayList<>(Cases.mixedAndBlocked());
        CaseResult hostile = Cases.withTitleAndEvidence(Cases.of("hostile", "MigrationMatrix", Verdict.FAIL, "COMPAT-2"),
                "title " + IMG, "SCRATCH 0xdeadbeef -> 0x0 " + IMG + " " + SCRIPT);
        cases.add(hostile);
        CaseResult hostilePass = Cases.withTitleAndEvidence(Cases.of("hostile-pass", "Info", Verdict.PASS, "INFO-1"),
                "pass " + IMG, SCRIPT);
        cases.add(hostilePass);
        // A configuration text is the device's manifest's: it reaches the grid's cells and their titles.
        cases.add(Cases.migration("1.0", "1.1", "mtu=1500 " + IMG, Verdict.FAIL));
        Path html = dir.resolve("report.html");
        new HtmlReport().write(html, Cases.runInfo(), Summary.of(cases), CaseSource.of(cases));

        Browser b = dumpDom(html);

        assertEquals(List.of(), b.console(), "console messages (script errors, CSP violations)");
        assertTrue(b.dom().contains("data-cases=\"loaded\""), "the case list was expanded:\n" + b.dom());
        assertFalse(b.dom().contains("data-pwned=\""), "markup from results ran:\n" + b.dom());
        assertFalse(b.dom().contains("<img"), "markup from results became an element");
        String failures = section(b.dom(), "<table class=\"failures\">");
        assertTrue(failures.contains("data-verdict=\"FAIL\""), failures);
        assertTrue(failures.contains("case hostile"), failures);
        String list = section(b.dom(), "id=\"case-list\"");
        assertEquals(cases.size(), count(list, "<tbody class=\"case\""), list);
        assertTrue(list.contains("case hostile-pass"), "a pass, which only the data holds:\n" + list);
        assertTrue(list.contains("&lt;img src=x onerror="), "the hostile string shown as text:\n" + list);
        assertTrue(b.dom().contains(cases.size() + " of " + cases.size() + " matching cases shown"), "the count");
    }

    @Test
    void theGridOfABrokenFixtureShowsItsFailingCells() throws Exception {
        Assumptions.assumeTrue(CHROMIUM != null,
                "no chromium on PATH (apt-get install -y chromium, or set MIGCERT_CHROMIUM): the browser test cannot run");
        Path out = dir.resolve("out");
        Cli run = Cli.run("run", "--device", "fixtures/devices/broken/compat2-loses-register/device.yaml", "--only",
                "COMPAT-1", "--out", out.toString());
        assertEquals(1, run.exit, run.out + run.err);

        Browser b = dumpDom(out.resolve(HtmlReport.FILE));

        assertEquals(List.of(), b.console(), "console messages (script errors, CSP violations)");
        assertTrue(b.dom().contains("data-cases=\"loaded\""), "the script ran to the end");
        String grid = section(b.dom(), "<table class=\"grid\">");
        // The fixture's 1.2 loses a register on load: every migration into 1.2 fails, each one a cell.
        assertEquals(20, count(grid, "data-verdict=\"FAIL\""), grid);
        assertEquals(40, count(grid, "data-verdict=\"PASS\""), grid);
        List<String> rows = List.of(grid.substring(grid.indexOf("<tbody>")).split("<tr"));
        assertEquals(21, rows.size(), "20 source configurations:\n" + grid);
        assertTrue(rows.get(1).contains("data-verdict=\"FAIL\""), "failing rows first:\n" + grid);
        assertTrue(grid.contains("title=\"1.1 -&gt; 1.2 [mtu=1500,rx-filter-size=16]: migrate"), grid);
        assertTrue(grid.contains(">R ✓</td>"),
                "a refusal forecast and observed, from the kept info:\n" + grid);
    }

    /** The DOM after the page's script ran, and the console messages the browser logged. */
    private record Browser(String dom, List<String> console) {
    }

    private Browser dumpDom(Path html) throws Exception {
        Path out = dir.resolve("dom.html");
        Path log = dir.resolve("chromium.log");
        // A profile of its own: a second chromium on the machine (or a crashed one) must not share it.
        Process p = new ProcessBuilder(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000", "--dump-dom", html.toUri() + "#cases")
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed:\n" + read(log));
        List<String> console = read(log).lines().filter(l -> l.contains(":CONSOLE")).toList();
        return new Browser(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }

    /** From {@code start} to the end of its table. */
    private static String section(String dom, String start) {
        int from = dom.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in the page");
        return dom.substring(from, dom.indexOf("</table>", from));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String onPath(String name) {
        if (name.contains("/")) {
            return Files.isExecutable(Path.of(name)) ? name : null;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name).toString();
            }
        }
        return null;
    }
}
