package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * The flaky fixture (refnic 1.0 refusing every fourth load): failing without retries; with
 * {@code --retries 2} the same case is FLAKY (never a pass) with both attempts in the results and the
 * reports, flaky in a comparison, a regression at the gate grouped into a problem; {@code --resume} and
 * {@code merge} keep every attempt.
 */
class FlakyFixtureTest {
    private static final String FLAKY = "fixtures/devices/flaky/device.yaml";
    /** The case whose destination load is the fourth load of 1.0 in this selection, run in plan order. */
    private static final String CASE = "MigrationMatrix/COMPAT-1/1.1>1.0/mtu=9000,rx-filter-size=0";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Cli once;
    static Cli retried;

    @BeforeAll
    static void runs() {
        once = flaky(dir.resolve("once"));
        retried = flaky(dir.resolve("retried"), "--retries", "2");
    }

    @Test
    void withoutRetriesTheCaseFails() throws IOException {
        assertEquals(1, once.exit, once::toString);
        assertEquals(Verdict.FAIL, Cli.verdicts(Cli.results(dir.resolve("once"))).get(CASE));
        assertTrue(once.out.contains("VERDICT: NOT_CONFORMANT (1 fail, 0 error, 59 pass"), once.out);
    }

    @Test
    void withRetriesItIsFlakyNeverAPassAndKeepsEveryAttempt() throws IOException {
        assertEquals(1, retried.exit, retried::toString);
        assertTrue(retried.out.contains("VERDICT: NOT_CONFORMANT (0 fail, 1 flaky, 0 error, 59 pass"), retried.out);
        assertTrue(retried.out.contains("attempt 1 FAIL REFUSED_AT_LOAD") && retried.out.contains("attempt 2 PASS MIGRATED"),
                retried.out);
        List<CaseResult> attempts = Cli.results(dir.resolve("retried")).stream().filter(r -> r.id().equals(CASE)).toList();
        assertEquals(List.of(1, 2), attempts.stream().map(CaseResult::attempt).toList());
        assertEquals(List.of(Verdict.FAIL, Verdict.PASS), attempts.stream().map(CaseResult::verdict).toList());

        JsonNode report = JSON.readTree(dir.resolve("retried/report.json").toFile());
        assertEquals(1, report.at("/summary/byVerdict/FLAKY").asInt());
        assertEquals(0, report.at("/summary/byVerdict/FAIL").asInt());
        JsonNode c = Cli.caseOf(report, CASE);
        assertEquals("FLAKY", c.get("verdict").asText());
        assertEquals(2, c.get("attempts").size());
        assertEquals("PASS", c.at("/attempts/1/verdict").asText());
        assertTrue(Files.readString(dir.resolve("retried/junit.xml")).contains("type=\"FLAKY\""));
    }

    /** Allure shows a case as flaky by {@code statusDetails.flaky}; the same case failing outright is not flaky. */
    @Test
    void allureMarksTheFlakyCaseFlakyAndTheFailingOneNot() throws IOException {
        JsonNode flaky = allureResult(dir.resolve("retried"));
        assertEquals("failed", flaky.get("status").asText());
        assertTrue(flaky.at("/statusDetails/flaky").asBoolean(), flaky.toString());
        assertTrue(flaky.at("/statusDetails/message").asText().startsWith("flaky: "), flaky.toString());
        JsonNode failed = allureResult(dir.resolve("once"));
        assertEquals("failed", failed.get("status").asText());
        assertEquals(false, failed.at("/statusDetails/flaky").asBoolean(true), failed.toString());
    }

    /** The Allure result of {@link #CASE} in the run in {@code out}. */
    private static JsonNode allureResult(Path out) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(out.resolve("allure-results"))) {
            for (Path f : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode r = JSON.readTree(f.toFile());
                if (r.toString().contains("\"value\":\"" + CASE + "\"")) {
                    return r;
                }
            }
        }
        throw new AssertionError("no Allure result for " + CASE + " in " + out);
    }

    @Test
    void theComparisonCallsItFlakyAndTheGateARegressionInOneProblem() {
        Cli compare = Cli.run("compare", "--baseline", dir.resolve("once").toString(), "--results",
                dir.resolve("retried").toString());
        assertEquals(0, compare.exit, "it failed in the baseline too: not newly failing\n" + compare.out);
        assertTrue(compare.out.contains("flaky: " + CASE + " (FAIL -> FLAKY)"), compare.out);

        Cli gate = Cli.run("gate", "--results", dir.resolve("retried").toString());
        assertEquals(1, gate.exit, gate::toString);
        assertTrue(gate.out.contains("1 regression in 1 problem:"), gate.out);
        assertTrue(gate.out.contains("smallest: " + CASE), gate.out);
        assertTrue(gate.out.contains("rerun: ") && gate.out.contains("--retries 2 --case"), gate.out);
        assertTrue(gate.out.contains("regression: FLAKY " + CASE), gate.out);
    }

    @Test
    void resumeKeepsTheAttemptsOfACase() throws IOException {
        Path partial = Files.createDirectories(dir.resolve("partial"));
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("retried/results.jsonl")));
        // The end record and the last case go: as if the run had been killed just before them.
        Files.write(partial.resolve("results.jsonl"), lines.subList(0, lines.size() - 2));
        Cli resumed = Cli.run("run", "--resume", "--out", partial.toString(), "--jobs", "1");
        assertEquals(1, resumed.exit, resumed::toString);
        assertTrue(resumed.out.contains("1 flaky"), resumed.out);
        assertEquals(2, Cli.results(partial).stream().filter(r -> r.id().equals(CASE)).count());
        assertEquals(61, Cli.results(partial).size(), "60 cases, one of them with a second attempt");
    }

    @Test
    void shardsWithRetriesMerge() throws IOException {
        List<Path> shards = List.of(dir.resolve("s1"), dir.resolve("s2"));
        long attempts = 0;
        for (int i = 0; i < 2; i++) {
            Cli shard = flaky(shards.get(i), "--retries", "2", "--shard", (i + 1) + "/2");
            assertTrue(shard.exit == 0 || shard.exit == 1, shard::toString);
            attempts += Cli.results(shards.get(i)).size();
        }
        Path merged = dir.resolve("merged");
        Cli merge = Cli.run("merge", shards.get(0).toString(), shards.get(1).toString(), "--out", merged.toString());
        assertTrue(merge.exit == 0 || merge.exit == 1, merge::toString);
        assertEquals(attempts, Cli.results(merged).size(), "every attempt of every shard");
    }

    private static Cli flaky(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--device", FLAKY, "--profile", "suites/nightly.yaml",
                "--only", "COMPAT-1", "--jobs", "1", "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }
}
