package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapters.container.ContainerTests;
import org.migcert.adapters.container.DockerForTests;
import org.migcert.adapters.vfiouser.Leftovers;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * {@code migcert run} with device programs in containers (the fixture image): refnic with every
 * release in its own container, and a family that mixes in-process, host-program and container
 * releases, give each case its in-process verdict; a broken release in a container fails on its
 * rule; a run starts one container per implementation in a container and says so, also in the
 * reports rebuilt from its results; and no container or socket directory is left after a run, a
 * failing run, or a run killed by SIGKILL and followed by another. The whole certification profile
 * in containers takes minutes (README), so these run samples of it, each compared case by case
 * with the same sample run in process and with the verdicts recorded for the whole profile.
 */
@ExtendWith(ContainerTests.class)
class ContainerRunTest {
    private static final String REFNIC_CONTAINER = "fixtures/devices/refnic-container/device.yaml";
    /** The rules whose cases the vfio-user process test samples too: refusals by exit status, migrations newer to older, resuming after a failed one. */
    private static final String SAMPLE = "PARAM-1,PARAM-2,MODEL-1,OPT-3,FSM-1,ROBUST-2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyReleaseInAContainerHasTheInProcessVerdicts(@TempDir Path out) throws IOException {
        List<CaseResult> results = run(0, out, REFNIC_CONTAINER, SAMPLE, 3);
        assertEquals(Set.of(SAMPLE.split(",")), results.stream().map(r -> r.rules().get(0)).collect(Collectors.toSet()));
        String image = DockerForTests.client().inspectImageCmd(DockerForTests.FIXTURE_IMAGE).exec().getId();
        JsonNode impls = JSON.readTree(out.resolve("report.json").toFile()).at("/run/provenance/implementations");
        assertEquals(3, impls.size(), impls::toString);
        impls.forEach(i -> assertEquals(image, i.get("codeDigest").asText(), "provenance: the image each release runs"));
        assertSameAsInProcess(0, out, null, SAMPLE, results);
        GoldenVerdicts.assertSameAsRecorded("refnic", results);
    }

    @Test
    void aFamilyMixingAdaptersMigratesAcrossThem(@TempDir Path out) throws IOException {
        // CHAIN-1 goes 1.0 -> 1.1 -> 1.2: in process, host program, container; OPT-3 comes back from 1.2.
        List<CaseResult> results = run(0, out, "fixtures/devices/refnic-mixed/device.yaml", "CHAIN-1,OPT-3", 1);
        assertTrue(results.stream().anyMatch(r -> r.id().contains("/1.0>1.2/")), "a migration from in process into a container");
        assertTrue(results.stream().anyMatch(r -> r.id().contains("/1.2>1.0/")), "and back");
        assertSameAsInProcess(0, out, null, "CHAIN-1,OPT-3", results);
        GoldenVerdicts.assertSameAsRecorded("refnic", results);
    }

    @Test
    void aBrokenReleaseInAContainerFailsOnItsRule(@TempDir Path out) throws IOException {
        Path manifest = Path.of("fixtures/devices/broken-container/param1-accepts-unknown/device.yaml");
        String rule = Cli.breaks(manifest);
        List<CaseResult> results = run(1, out, manifest.toString(), rule, 3);
        // Exit 1 alone could be a BLOCKED case: the rule itself must fail, and nothing else go wrong.
        assertTrue(results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL && r.rules().contains(rule)), rule);
        assertFalse(results.stream().anyMatch(r -> r.verdict() == Verdict.ERROR || r.verdict() == Verdict.BLOCKED),
                "no harness errors, no blocked cases");
        String fixture = manifest.getParent().getFileName().toString();
        assertSameAsInProcess(1, out, Path.of("fixtures/devices/broken", fixture, "device.yaml"), rule, results);
        GoldenVerdicts.assertSameAsRecorded(fixture, results);
    }

    @Test
    void aRunKilledBySigkillLeavesContainersTheNextRunRemoves(@TempDir Path dir) throws Exception {
        Process killed = Cli.start(1, "run", "--device", REFNIC_CONTAINER, "--only", "ROBUST-1", "--jobs", "1", "--out",
                dir.resolve("killed").toString());
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, DockerForTests.migcertContainers().size(), "nothing removed them: " + DockerForTests.migcertContainers());
        assertEquals(3, Leftovers.socketDirectories(killed.pid()).size(), "one socket directory per container");

        // In a process too: the notice goes to the harness's own stderr.
        Process next = Cli.start(0, "run", "--device", REFNIC_CONTAINER, "--only", "PARAM-2", "--out",
                dir.resolve("next").toString());
        assertTrue(next.waitFor(120, TimeUnit.SECONDS), "the next run ended");
        String output = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, next.exitValue(), output);
        // Both cleanups ran and said so: the container adapter's, and the vfio-user adapter's of socket directories.
        assertTrue(output.contains("removed 3 containers left by runs that died"), output);
        assertTrue(output.contains("removed 3 socket directories and 0 processes left by a dead run (pid "
                + killed.pid() + ")"), output);
        assertEquals(List.of(), Leftovers.socketDirectories(killed.pid()));
    }

    /**
     * Runs the CLI on {@code manifest} with {@code --only rules}, asserts its exit code and how many
     * containers it says it started (console, report.json, and report.json rebuilt from the results
     * alone, which must equal it), and returns its results.
     */
    private static List<CaseResult> run(int exit, Path out, String manifest, String rules, int containers)
            throws IOException {
        Cli run = Cli.run("run", "--device", manifest, "--only", rules, "--out", out.toString());
        assertEquals(exit, run.exit, run::toString);
        assertTrue(run.out.contains("containers started: " + containers + " "), run.out);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals(containers, report.at("/summary/containerStarts").asInt(), "report.json summary.containerStarts");
        Path rebuilt = out.resolve("rebuilt");
        Cli report2 = Cli.run("report", "--from", out.resolve("results.jsonl").toString(), "--out", rebuilt.toString());
        assertEquals(exit, report2.exit, report2::toString);
        assertTrue(report2.out.contains("containers started: " + containers + " "), report2.out);
        assertEquals(report, JSON.readTree(rebuilt.resolve("report.json").toFile()), "report.json rebuilt from results.jsonl");
        List<CaseResult> results = Cli.results(out);
        assertFalse(results.isEmpty());
        return results;
    }

    /**
     * The same {@code --only rules} run in process ({@code manifest}; the bundled refnic when null)
     * exits {@code exit}, plans exactly these cases and gives each the same verdict.
     */
    private static void assertSameAsInProcess(int exit, Path out, Path manifest, String rules, List<CaseResult> results)
            throws IOException {
        Path java = out.resolve("in-process");
        List<String> args = new ArrayList<>(List.of("run", "--only", rules, "--out", java.toString()));
        if (manifest != null) {
            args.addAll(List.of("--device", manifest.toString()));
        }
        Cli run = Cli.run(args.toArray(String[]::new));
        assertEquals(exit, run.exit, run::toString);
        assertEquals(Cli.verdicts(Cli.results(java)), Cli.verdicts(results), "in process, then in containers");
    }
}
