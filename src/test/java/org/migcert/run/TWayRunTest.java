package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * widenic, twelve parameters, certified with the t-way profile: conformant, every ordered pair of
 * versions migrated, each declared constraint refused at creation, the space stated in the console
 * and the report; each broken variant fails on the rule it breaks; every case keeps its verdict.
 */
class TWayRunTest {
    static final String WIDENIC = "fixtures/devices/widenic/device.yaml";
    static final String T_WAY = "suites/t-way.yaml";

    @Test
    void widenicCertifiesOverCoveringArrays(@TempDir Path out) throws IOException {
        Cli run = Cli.run("run", "--device", WIDENIC, "--profile", T_WAY, "--out", out.toString());
        assertEquals(0, run.exit, run::toString);
        List<CaseResult> results = Cli.results(out);
        assertTrue(results.stream().allMatch(r -> r.verdict() == Verdict.PASS || r.verdict() == Verdict.NOT_APPLICABLE));
        for (String impl : List.of("1.0", "1.1")) {
            assertTrue(run.out.contains("migcert: configurations of " + impl + ": t-way strength 2, seed 1: "), run.out);
        }
        assertTrue(run.out.contains("every 2-tuple covered"), run.out);
        Set<String> pairs = results.stream().filter(r -> r.id().startsWith("MigrationMatrix/COMPAT-1/"))
                .map(r -> r.id().split("/")[2]).collect(Collectors.toSet());
        assertEquals(Set.of("1.0>1.0", "1.0>1.1", "1.1>1.0", "1.1>1.1"), pairs);
        long refused = results.stream().filter(r -> r.id().contains("/refuses-constraint-") && r.verdict() == Verdict.PASS)
                .count();
        assertEquals(2 + 3, refused, "two constraints apply to 1.0, three to 1.1");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(2, report.at("/run/configurations").size(), report.at("/run").toString());
        assertTrue(report.at("/run/configurations/1").asText().startsWith("1.1: t-way strength 2, seed 1: "));
        assertEquals(1, report.at("/run/provenance/seed").asLong(), "the seed is part of the run's provenance");
        GoldenVerdicts.assertUnchanged("widenic", results);
    }

    static Stream<Path> brokenWidenics() throws IOException {
        return Cli.manifestsUnder("fixtures/devices/widenic-broken", 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenWidenics")
    void eachBrokenWidenicFailsOnTheRuleItBreaks(Path manifest, @TempDir Path out) throws IOException {
        BrokenFixturesVerdictTest.assertFailsOnTheRuleItBreaks(manifest, out, "widenic-" + manifest.getParent()
                .getFileName(), "--profile", T_WAY);
    }

    @Test
    void theExhaustiveProfileRefusesWidenicAtOnce() {
        Cli run = Cli.run("run", "--device", WIDENIC, "--list");
        assertEquals(2, run.exit, run::toString);
        assertTrue(run.err.contains("implementation 1.0 has 19440 configurations, more than max-configurations 4096")
                && run.err.contains("or use configurations: t-way"), run.err);
    }

    @Test
    void aStrength3ProfileWithAGroupListsItsSpace() {
        Cli run = Cli.run("run", "--device", WIDENIC, "--profile", "fixtures/profiles/t-way-3-datapath.yaml", "--list");
        assertEquals(0, run.exit, run::toString);
        assertTrue(run.err.contains("migcert: configurations of 1.1: t-way strength 3 (datapath [mtu, queues, tso, csum]"
                + " at strength 4), seed 7: ") && run.err.contains("every 3-tuple covered"), run.err);
    }
}
