package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.report.ResultsFile;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Verdict;

/**
 * Nothing lost: a run killed by SIGKILL reads as PARTIAL (exit 3) and {@code --resume} completes it
 * to the verdicts of an uninterrupted run; SIGTERM writes every report marked partial; a second run
 * on the same output directory is refused; bad {@code --jobs} or an unwritable {@code --out} is refused before
 * anything starts; rerun commands hold absolute paths.
 */
class RunLifecycleTest {
    /** The CLI run in its own JVM on the bundled refnic, once it printed {@code lines} progress lines. */
    private static Process startRun(Path out, int lines) throws IOException {
        return Cli.start(lines, "run", "--out", out.toString(), "--jobs", "1");
    }

    @Test
    void aKilledRunIsPartialAndResumesToTheUninterruptedVerdicts(@TempDir Path out) throws Exception {
        Process p = startRun(out, 20);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        ResultsFile.Records records = new ResultsFile(out.resolve("results.jsonl")).records();
        assertTrue(records.plan().isPresent() && records.end().isEmpty(), "plan written, no end: " + records);

        Cli report = Cli.run("report", "--from", out.resolve("results.jsonl").toString());
        assertEquals(3, report.exit, report::toString);
        long planned = records.plan().orElseThrow().planned();
        assertTrue(report.out.contains("VERDICT: PARTIAL") && report.out.contains("of " + planned + " planned cases"),
                report.out);

        Cli resume = Cli.run("run", "--out", out.toString(), "--resume");
        assertEquals(0, resume.exit, resume::toString);
        assertTrue(resume.out.contains("already done, resuming"), resume.out);
        List<CaseResult> results = Cli.results(out);
        assertEquals(planned, results.stream().map(CaseResult::id).distinct().count());
        GoldenVerdicts.assertUnchanged("refnic", results);
        assertTrue(new ResultsFile(out.resolve("results.jsonl")).records().complete());
    }

    @Test
    void sigtermStopsInOrderWritesEveryReportAndSaysPartial(@TempDir Path out) throws Exception {
        Process p = startRun(out, 10);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue());
        ResultsFile.Records records = new ResultsFile(out.resolve("results.jsonl")).records();
        assertFalse(records.end().orElseThrow().complete());
        assertTrue(records.end().get().reason().contains("interrupted by SIGTERM"), records.end().get().reason());
        List<CaseResult> results = Cli.results(out);
        assertEquals(records.plan().orElseThrow().planned(), results.size(),
                "every planned case has a line: run, or recorded as not run");
        assertTrue(results.stream().anyMatch(r -> r.observed() == Observed.NOT_RUN && r.verdict() == Verdict.ERROR));
        for (String f : List.of("report.json", "junit.xml", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"PARTIAL\""));
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefused(@TempDir Path out) throws Exception {
        try (OutputLock held = OutputLock.acquire(out)) {
            Cli second = Cli.run("run", "--out", out.toString(), "--only", "Info");
            assertEquals(2, second.exit, second::toString);
            assertTrue(second.err.contains("in use by another migcert run"), second.err);
            assertFalse(Files.exists(out.resolve("results.jsonl")), "nothing written");
        }
    }

    @Test
    void jobsOutOfRangeAreRefusedBeforeAnythingStarts(@TempDir Path out) {
        for (String jobs : List.of("-3", "40000")) {
            Cli run = Cli.run("run", "--out", out.toString(), "--jobs", jobs);
            assertEquals(2, run.exit, run::toString);
            assertTrue(run.err.contains("--jobs " + jobs), run.err);
        }
        assertFalse(Files.exists(out.resolve("results.jsonl")));
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeAnyDeviceStarts(@TempDir Path dir) throws Exception {
        // The device would leave a marker if it were ever asked for its info.
        Path marker = dir.resolve("device-started");
        Path manifest = dir.resolve("device.yaml");
        Files.writeString(manifest, "extends: " + Path.of("fixtures/devices/refnic/device.yaml").toAbsolutePath() + "\n"
                + "implementations:\n  - id: \"1.0\"\n    adapter: vfio-user\n"
                + "    command: [/usr/bin/touch, " + marker + ", \"{socket}\", \"{params}\"]\n");
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        for (Path out : List.of(aFile, aFile.resolve("below"), Path.of("/proc/migcert-out"))) {
            Cli run = Cli.run("run", "--device", manifest.toString(), "--out", out.toString());
            assertEquals(2, run.exit, run::toString);
            assertTrue(run.err.contains("--out " + out + ": cannot write there"), run.err);
            assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
        }
        assertFalse(Files.exists(marker), "a device was started");
    }

    @Test
    void theRerunCommandHoldsAbsolutePathsSoItWorksFromAnyDirectory(@TempDir Path out) throws Exception {
        Cli run = Cli.run("run", "--device", "fixtures/devices/refnic/device.yaml", "--profile", "suites/certification.yaml",
                "--only", "PARAM-2", "--out", out.toString());
        assertEquals(0, run.exit, run::toString);
        for (CaseResult r : Cli.results(out)) {
            assertTrue(r.rerun().contains(" --device " + Path.of("fixtures/devices/refnic/device.yaml").toAbsolutePath()
                    + " --profile " + Path.of("suites/certification.yaml").toAbsolutePath() + " "), r.rerun());
            assertTrue(r.rerun().startsWith("/"), r.rerun());
        }
    }

    @Test
    void aResumeWhosePlanChangedIsRefused(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("device.yaml");
        Files.writeString(manifest, "extends: " + Path.of("fixtures/devices/refnic/device.yaml").toAbsolutePath() + "\n");
        Path out = dir.resolve("out");
        assertEquals(0, Cli.run("run", "--device", manifest.toString(), "--only", "Info", "--out", out.toString()).exit);
        // A new version alias is a configuration INFO-1 must now check: the plan is another.
        Files.writeString(manifest, "versions: {\"4\": {csum-offload: \"on\", rx-filter-size: 40}}\n",
                java.nio.file.StandardOpenOption.APPEND);
        Cli resume = Cli.run("run", "--out", out.toString(), "--resume");
        assertEquals(2, resume.exit, resume::toString);
        assertTrue(resume.err.contains("the plan changed"), resume.err);
    }
}
