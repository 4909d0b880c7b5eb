package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.migcert.report.InfoDirectory;
import org.migcert.report.Provenance;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunRecord;
import org.migcert.rules.CaseResult;

/**
 * A plan run as three shards and merged equals the same plan run once, case by case and in every
 * report's summary; a merge with a shard missing, given twice, partial, or of another plan is refused
 * with the directory named. The plan record carries the run's provenance.
 */
class ShardMergeTest {
    /** Quick suites with some failures, so the comparison sees more than passes. */
    private static final String[] PLAN = {"--device", "fixtures/devices/broken/param1-accepts-unknown/device.yaml",
            "--only", "Info,DefaultDisables"};
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;

    @BeforeAll
    static void runSingleAndShards() {
        run(dir.resolve("single"), null);
        for (int i = 1; i <= 3; i++) {
            run(dir.resolve("shard" + i), i + "/3");
        }
    }

    private static Cli run(Path out, String shard) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--out", out.toString()));
        args.addAll(List.of(PLAN));
        if (shard != null) {
            args.addAll(List.of("--shard", shard));
        }
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void threeShardsMergedEqualOneRunCaseByCase() throws IOException {
        Path merged = dir.resolve("merged");
        Cli m = Cli.run("merge", dir.resolve("shard1").toString(), dir.resolve("shard2").toString(),
                dir.resolve("shard3").toString(), "--out", merged.toString());
        assertEquals(1, m.exit, m::toString);
        Map<String, String> one = verdicts(dir.resolve("single"));
        assertTrue(one.values().stream().anyMatch(v -> v.startsWith("FAIL")), "the plan has failures");
        assertEquals(one, verdicts(merged));
        assertEquals(summary(dir.resolve("single")), summary(merged));
        assertTrue(ResultsFile.readAll(merged.resolve("results.jsonl")).badLines().isEmpty());
        assertTrue(new ResultsFile(merged.resolve("results.jsonl")).records().complete());
        long shardSizes = 0;
        for (int i = 1; i <= 3; i++) {
            shardSizes += Cli.results(dir.resolve("shard" + i)).size();
        }
        assertEquals(one.size(), shardSizes, "the shards are disjoint and cover the plan");
        for (String id : List.of("1.0", "1.1", "1.2")) {
            // The grid's forecasts and a bundle read the info: a merged run keeps it as a single run does.
            assertEquals(Files.readString(InfoDirectory.file(dir.resolve("single"), id)),
                    Files.readString(InfoDirectory.file(merged, id)), id);
        }
    }

    /**
     * A merge forces the merged lines once, not one by one, and its end record last: at every force
     * before the end record's, the merged file does not read as complete; the info copies are forced
     * before it too.
     */
    @Test
    void aMergeForcesItsLinesOnceAndItsEndRecordLast() throws IOException, org.migcert.manifest.ManifestException {
        Path merged = dir.resolve("merged-forces");
        Path file = merged.resolve("results.jsonl");
        List<String> forces = new java.util.ArrayList<>();
        ShardMerge.merge(List.of(dir.resolve("shard1"), dir.resolve("shard2"), dir.resolve("shard3")), merged,
                (path, fd) -> {
                    fd.sync();
                    forces.add(merged.relativize(path) + (new ResultsFile(file).records().complete() ? " complete" : ""));
                });
        long lines = Files.lines(file).count();
        assertTrue(lines > 20, "the plan merges many lines: " + lines);
        assertEquals(List.of("info/1.0.json", "info/1.1.json", "info/1.2.json", "results.jsonl",
                "results.jsonl complete"), forces);
        assertTrue(new ResultsFile(file).records().complete());
    }

    @Test
    void aShardWhoseInfoWasAlteredIsRefused() throws IOException {
        Path altered = Files.createDirectories(dir.resolve("altered1"));
        Files.copy(dir.resolve("shard1").resolve("results.jsonl"), altered.resolve("results.jsonl"));
        copyInfo(dir.resolve("shard1"), altered);
        Files.writeString(InfoDirectory.file(altered, "1.0"), "{}");
        refused("not the migration info shard 1/3 read", altered.toString(), dir.resolve("shard2").toString(),
                dir.resolve("shard3").toString());
        // Refused after the cases were written: the merged results must not read as a complete run.
        Path results = dir.resolve("refused").resolve("results.jsonl");
        assertTrue(Files.isRegularFile(results), "the merge got as far as writing the cases");
        assertFalse(new ResultsFile(results).records().complete(), "no end record");
    }

    @Test
    void aMissingDuplicateOrForeignShardIsRefused() throws IOException {
        String s1 = dir.resolve("shard1").toString();
        String s2 = dir.resolve("shard2").toString();
        String s3 = dir.resolve("shard3").toString();
        refused("shards 3/3 are missing", s1, s2);
        refused("shard 2/3 is given twice", s1, s2, s2, s3);
        refused("not a shard (run with --shard i/n)", s1, s2, dir.resolve("single").toString());
        Path foreign = dir.resolve("foreign");
        Cli f = Cli.run("run", "--out", foreign.toString(), "--device", PLAN[1], "--only", "Info", "--shard", "3/3");
        assertTrue(f.exit <= 1, f::toString);
        refused(foreign + ": not a shard of the same run: its plan differs", s1, s2, foreign.toString());
    }

    @Test
    void aPartialShardIsRefusedWithHowToCompleteIt() throws IOException {
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial);
        Path results = partial.resolve("results.jsonl");
        Files.copy(dir.resolve("shard3").resolve("results.jsonl"), results);
        List<String> lines = Files.readAllLines(results);
        Files.write(results, lines.subList(0, lines.size() - 2)); // the SIGKILL case: no end record, a case lost
        refused(partial + ": shard 3/3 is partial", dir.resolve("shard1").toString(), dir.resolve("shard2").toString(),
                partial.toString());
    }

    /**
     * Shards in containers each start containers of their own; the merged run says how many all of
     * them started (here written into the end records of copies of in-process shards: 1, 2 and 3).
     */
    @Test
    void theMergedRunStartedTheContainersOfEveryShard() throws IOException {
        List<String> copies = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path copy = Files.createDirectories(dir.resolve("containers" + i)).resolve("results.jsonl");
            List<String> lines = Files.readAllLines(dir.resolve("shard" + i).resolve("results.jsonl"));
            RunRecord.End end = JSON.readValue(lines.get(lines.size() - 1), RunRecord.End.class);
            lines.set(lines.size() - 1, JSON.writeValueAsString(new RunRecord.End(end.finishedAt(), end.complete(),
                    end.reason(), i)).replaceFirst("^\\{", "{\"record\":\"end\","));
            Files.write(copy, lines);
            copyInfo(dir.resolve("shard" + i), copy.getParent());
            copies.add(copy.getParent().toString());
        }
        Path merged = dir.resolve("merged-containers");
        List<String> args = new java.util.ArrayList<>(List.of("merge"));
        args.addAll(copies);
        args.addAll(List.of("--out", merged.toString()));
        Cli m = Cli.run(args.toArray(String[]::new));
        assertEquals(1, m.exit, m::toString);
        assertEquals(6, new ResultsFile(merged.resolve("results.jsonl")).records().end().orElseThrow().containerStarts());
        assertEquals(6, summary(merged).get("containerStarts").asInt());
        assertTrue(m.out.contains("containers started: 6 "), m.out);
    }

    @Test
    void thePlanRecordCarriesProvenance() throws IOException {
        RunRecord.Plan p = new ResultsFile(dir.resolve("shard2").resolve("results.jsonl")).records().plan().orElseThrow();
        assertEquals("2/3", p.shard());
        assertTrue(p.fullPlanned() > p.planned(), p.toString());
        Provenance pv = p.provenance();
        assertEquals("certification", pv.profileName());
        assertTrue(pv.profileDigest().matches("sha256:[0-9a-f]{64}") && pv.manifestDigest().matches("sha256:[0-9a-f]{64}"),
                pv.toString());
        assertEquals(List.of("1.0", "1.1", "1.2"), pv.implementations().stream().map(Provenance.Implementation::id).toList());
        for (Provenance.Implementation i : pv.implementations()) {
            assertEquals("java", i.adapter());
            assertTrue(i.infoDigest().matches("sha256:[0-9a-f]{64}") && i.codeDigest().matches("sha256:[0-9a-f]{64}"),
                    i.toString());
        }
        assertTrue(pv.harnessCommit().matches("[0-9a-f]{40}|unknown"), pv.harnessCommit());
        assertTrue(p.commandLine().endsWith("--shard 2/3"), p.commandLine());
    }

    private static void copyInfo(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve(InfoDirectory.DIR));
        for (String id : List.of("1.0", "1.1", "1.2")) {
            Files.copy(InfoDirectory.file(from, id), InfoDirectory.file(to, id));
        }
    }

    private static void refused(String words, String... dirs) {
        List<String> args = new java.util.ArrayList<>(List.of("merge"));
        args.addAll(List.of(dirs));
        args.addAll(List.of("--out", dir.resolve("refused").toString()));
        Cli m = Cli.run(args.toArray(String[]::new));
        assertEquals(2, m.exit, m::toString);
        assertTrue(m.err.contains(words), m.err);
    }

    private static Map<String, String> verdicts(Path out) throws IOException {
        return Cli.results(out).stream().collect(Collectors.toMap(CaseResult::id,
                r -> r.verdict() + " " + r.observed() + " " + r.phase() + " " + r.evidence()));
    }

    /** The summary without rerun commands: each names the output directory its case ran in (a shard's, here). */
    private static JsonNode summary(Path out) throws IOException {
        JsonNode s = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("summary");
        s.get("problems").forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("rerun"));
        return s;
    }
}
