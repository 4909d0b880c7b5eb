package org.migcert.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.report.ResultsFile;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;
import org.migcert.run.Cli;

/**
 * {@code migcert allure} on the Allure results of a real run (the PARAM-1 cases of a fixture that
 * breaks PARAM-1), rendered by Allure's own command line: every case of the run is in the report
 * with its rule, and Allure's history carried through {@code --history} makes a trend of two renders.
 * Skipped, with the reason, only when Allure's command line cannot be obtained (no Maven, no
 * network and not in the local repository); {@code .ci/run} fails if it was skipped.
 */
class AllureCommandTest {
    /** In the build tree: fetched once per checkout (from the local Maven repository after the first), gone with mvn clean. */
    private static final Path CACHE = Path.of("target", "allure-cli");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void allureCommandLine() throws InterruptedException {
        try {
            new AllureInstaller(CACHE, "mvn").obtain();
        } catch (AllureException e) {
            Assumptions.assumeTrue(e.kind() != AllureException.Kind.UNAVAILABLE,
                    "Allure's command line cannot be obtained here: " + e.getMessage());
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void rendersEveryCaseWithItsRuleAndATrendAcrossRenders(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        Cli ran = Cli.run("run", "--device", "fixtures/devices/broken/param1-accepts-unknown/device.yaml", "--only",
                "PARAM-1", "--out", run.toString());
        assertEquals(1, ran.exit, ran::toString);
        List<CaseResult> cases = ResultsFile.readAll(run.resolve("results.jsonl")).cases();
        long failed = cases.stream().filter(c -> c.verdict() == Verdict.FAIL).count();
        assertTrue(failed > 0 && failed < cases.size(), "the run has passing and failing cases: " + failed);

        Path history = tmp.resolve("nightly-allure-history");
        Path first = tmp.resolve("report-1");
        Cli render = allure("--results", run.toString(), "--out", first.toString(), "--history", history.toString());
        assertEquals(0, render.exit, render::toString);
        assertTrue(Files.isRegularFile(first.resolve("index.html")));
        assertEquals(cases.size(), count(first.resolve("data").resolve("test-cases")), "one test case per case of the run");
        JsonNode statistic = JSON.readTree(first.resolve("widgets").resolve("summary.json").toFile()).get("statistic");
        assertEquals(cases.size(), statistic.get("total").asInt());
        assertEquals(failed, statistic.get("failed").asLong());
        assertTrue(render.out.contains(cases.size() + " test cases: " + (cases.size() - failed) + " passed, " + failed
                + " failed"), render.out);
        // The behaviours tab groups by the feature label, which is the case's rule.
        assertTrue(JSON.readTree(first.resolve("data").resolve("behaviors.json").toFile()).toString()
                .contains("\"name\":\"PARAM-1\""), "the rule PARAM-1 is a feature of the report");
        assertFalse(Files.exists(run.resolve("allure-results").resolve("history")), "the run's results stay as written");
        assertEquals(1, trend(history));

        Path second = tmp.resolve("report-2");
        Cli again = allure("--results", run.resolve("allure-results").toString(), "--out", second.toString(), "--history",
                history.toString());
        assertEquals(0, again.exit, again::toString);
        assertEquals(2, trend(second.resolve("history")), "the report's trend holds both renders");
        assertEquals(2, JSON.readTree(second.resolve("widgets").resolve("history-trend.json").toFile()).size());
        assertEquals(2, trend(history), "the history kept for the next render holds both");
        assertTrue(again.out.contains("trend: 2 runs; history kept in " + history), again.out);
    }

    @Test
    void writesOneFileThatHoldsEveryCase(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        Cli ran = Cli.run("run", "--only", "PARAM-2", "--out", run.toString());
        assertEquals(0, ran.exit, ran::toString);
        int cases = ResultsFile.readAll(run.resolve("results.jsonl")).cases().size();
        Path out = tmp.resolve("single");
        Path history = tmp.resolve("history");
        Cli render = allure("--results", run.toString(), "--out", out.toString(), "--single-file", "--history",
                history.toString());
        assertEquals(0, render.exit, render::toString);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(out.resolve("index.html")), s.toList(), "nothing but the page");
        }
        // The page embeds each test case's data under its report path.
        Matcher m = Pattern.compile("data/test-cases/[0-9a-f]+\\.json").matcher(Files.readString(out.resolve("index.html")));
        assertEquals(cases, m.results().map(java.util.regex.MatchResult::group).distinct().count());
        assertEquals(1, trend(history), "the single file's render keeps the history too");
    }

    private static Cli allure(String... args) {
        String[] all = Stream.concat(Stream.of("allure"), Stream.concat(Stream.of(args),
                Stream.of("--cache", CACHE.toString()))).toArray(String[]::new);
        return Cli.run(all);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static int trend(Path historyDir) throws IOException {
        return JSON.readTree(historyDir.resolve("history-trend.json").toFile()).size();
    }
}
