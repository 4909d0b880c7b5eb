package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.migcert.report.ResultsFile;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.rules.Verdict;
import org.migcert.run.Extensions;
import org.migcert.run.Main;

/**
 * Each misbehaving device program in {@code fixtures/devices/misbehaving/} runs one migration case
 * through the CLI (in this JVM; the programs are processes): the harness observes what it does,
 * grades it, puts the proof in the evidence, and leaves nothing running and no socket directory.
 */
class MisbehavingProgramsTest {
    private static final Path FIXTURES = Path.of("fixtures/devices/misbehaving");
    /** One migration between two instances of the misbehaving release: creation, workload, save, load. */
    private static final String CASE = "MigrationMatrix/COMPAT-1/1.0>1.0/mtu=1500";
    /** The one case an implementation whose info cannot be read gets. */
    private static final String INFO_CASE = "Info/INFO-1/1.0/-/migration-info-readable";

    /**
     * What a fixture must be seen doing.
     *
     * @param phase    where, when that is the misbehaviour's own (null: wherever the suite first notices)
     * @param evidence words the evidence must hold
     */
    record Expected(String caseId, Observed observed, Phase phase, Verdict verdict, List<String> evidence) {
        static Expected fail(Observed observed, Phase phase, String... evidence) {
            return new Expected(CASE, observed, phase, Verdict.FAIL, List.of(evidence));
        }

        /** A failure while creating the source: the case is BLOCKED by the INFO-1 finding of that configuration. */
        static Expected blocked(Observed observed, String... evidence) {
            return new Expected(CASE, observed, Phase.CREATE_SOURCE, Verdict.BLOCKED, List.of(evidence));
        }

        /** Its migration info cannot be read: the INFO-1 failure that says so is its only case. */
        static Expected unreadableInfo(Observed observed, String... evidence) {
            return new Expected(INFO_CASE, observed, Phase.READ_INFO, Verdict.FAIL, List.of(evidence));
        }

        static Expected pass() {
            return new Expected(CASE, Observed.MIGRATED, null, Verdict.PASS, List.of());
        }
    }

    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("never-listens", Expected.blocked(Observed.HUNG, "did not listen", "still running")),
            Map.entry("crashes-at-creation", Expected.blocked(Observed.CRASHED,
                    "exit status 134 (killed by signal 6)", "cannot map BAR0")),
            Map.entry("hangs-on-version", Expected.blocked(Observed.HUNG, "VERSION", "not answering VERSION")),
            Map.entry("sends-garbage", Expected.blocked(Observed.PROTOCOL,
                    "VERSION: expected the reply to msg 0", "answering VERSION with garbage")),
            Map.entry("absurd-size", Expected.fail(Observed.PROTOCOL, null, "reply size 4294967280 is outside")),
            Map.entry("hangs-in-stop-copy", Expected.fail(Observed.HUNG, Phase.SAVE, "MIG_DATA_READ", "stuck midway")),
            Map.entry("exits-in-stop-copy", Expected.fail(Observed.CRASHED, Phase.SAVE, "MIG_DATA_READ", "exit status 70",
                    "giving up midway through STOP_COPY")),
            Map.entry("info-bad-json", Expected.unreadableInfo(Observed.PROTOCOL, "migration info is not JSON")),
            Map.entry("info-hangs", Expected.unreadableInfo(Observed.HUNG, "did not exit within 3000 ms")),
            Map.entry("info-exits", Expected.unreadableInfo(Observed.CRASHED, "exit status 3",
                    "cannot load libdevice.so.3")),
            Map.entry("floods-stderr", Expected.pass()),
            Map.entry("double-forks", Expected.pass()),
            Map.entry("ignores-sigterm", Expected.pass()),
            Map.entry("slow-but-correct", Expected.pass()));

    @AfterEach
    void nothingLeft() throws IOException {
        Leftovers.assertNoneOfOurs();
    }

    static Stream<String> fixtures() {
        return EXPECTED.keySet().stream().sorted();
    }

    @Test
    void everyFixtureHasAnExpectation() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            assertEquals(new TreeSet<>(EXPECTED.keySet()), dirs.filter(d -> Files.isRegularFile(d.resolve("device.yaml")))
                    .map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void isObservedAndGradedForWhatItDoes(String fixture, @TempDir Path out) throws IOException {
        Expected want = EXPECTED.get(fixture);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(console, true, StandardCharsets.UTF_8);
        int exit = Main.execute(Extensions.standard(), ps, ps, "run", "--device",
                FIXTURES.resolve(fixture).resolve("device.yaml").toString(), "--case", want.caseId(), "--out", out.toString());
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(want.verdict() == Verdict.PASS ? 0 : 1, exit, printed);

        List<CaseResult> results = ResultsFile.readAll(out.resolve("results.jsonl")).cases();
        assertEquals(1, results.size(), printed);
        CaseResult r = results.get(0);
        String all = r.observed() + " in " + r.phase() + ", " + r.verdict() + ": " + r.evidence();
        assertEquals(want.observed(), r.observed(), all);
        assertEquals(want.verdict(), r.verdict(), all);
        if (want.phase() != null) {
            assertEquals(want.phase(), r.phase(), all);
        }
        want.evidence().forEach(words -> assertTrue(r.evidence().contains(words), "'" + words + "' missing: " + all));
    }
}
