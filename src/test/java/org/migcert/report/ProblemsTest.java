package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Expected;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.rules.Verdict;

/**
 * Failing cases are grouped by the signature of their evidence (evidence texts below are copied from
 * runs of the broken fixtures): one broken register is one problem whatever pair, hop, pre-copy path or
 * configuration shows it; another register, another implementation or another refusal is another.
 */
class ProblemsTest {
    private static final String LOST = ": hardware interface differs after load: region 0: [byte 12] 789a0000efbeadde"
            + "0300000000000000... -> [byte 12] 789a0000000000000300000000000000...; SCRATCH: 0xdeadbeef -> 0x0"
            + " (workload write to region 2+0x0 skipped: not in this instance's region layout)";

    private static CaseResult fail(String id, String src, String dst, String config, Observed observed, Phase phase,
                                   String evidence) {
        return new CaseResult(id, id.split("/")[0], List.of(id.split("/")[1]), id, src, dst, config, Expected.MIGRATES,
                "", observed, evidence, phase, null, Verdict.FAIL, 1, "migcert run --case '" + id + "'", "");
    }

    private static final List<CaseResult> ONE_REGISTER = List.of(
            fail("MigrationMatrix/COMPAT-2/1.1>1.2/mtu=9000,rx-filter-size=32/precopy", "1.1", "1.2",
                    "mtu=9000,rx-filter-size=32", Observed.DIVERGED, Phase.COMPARE_DESTINATION,
                    "64 bytes read in PRE_COPY, then the workload, then 114 bytes in STOP_COPY" + LOST),
            fail("MigrationMatrix/CHAIN-1/1.1>1.1/mtu=9000,rx-filter-size=0/chain:1.1>1.2>1.1", "1.1", "1.1",
                    "mtu=9000,rx-filter-size=0", Observed.DIVERGED, Phase.COMPARE_DESTINATION,
                    "hop 2: 1.1 [mtu=9000,rx-filter-size=0] -> 1.2 [csum-offload=off,mtu=9000,rx-filter-size=0]" + LOST),
            fail("DefaultDisables/DEFAULT-2/1.0>1.2/mtu=9000/forward-at-off", "1.0", "1.2", "mtu=9000",
                    Observed.DIVERGED, Phase.COMPARE_DESTINATION,
                    "1.0 [mtu=9000] -> 1.2 [csum-offload=off,mtu=9000,rx-filter-size=0]" + LOST));

    @Test
    void oneBrokenRegisterIsOneProblemWithItsSmallestCase() {
        List<Problem> problems = Summary.of(ONE_REGISTER).problems();
        assertEquals(1, problems.size(), problems::toString);
        Problem p = problems.get(0);
        assertEquals("1.2", p.implementation(), "the chain's failing hop loads into 1.2");
        assertEquals("differs: region 0 byte 12; SCRATCH 0xdeadbeef -> 0x0", p.signature());
        assertEquals(3, p.cases());
        assertEquals(List.of("CHAIN-1", "COMPAT-2", "DEFAULT-2"), p.rules());
        assertEquals(3, p.configurations());
        assertEquals("DefaultDisables/DEFAULT-2/1.0>1.2/mtu=9000/forward-at-off", p.smallest(),
                "one hop, no pre-copy, the shortest configuration");
        assertTrue(p.rerun().endsWith("--case 'DefaultDisables/DEFAULT-2/1.0>1.2/mtu=9000/forward-at-off'"));
    }

    @Test
    void anotherRegisterOrImplementationIsAnotherProblem() {
        List<CaseResult> cases = new java.util.ArrayList<>(ONE_REGISTER);
        cases.add(fail("DefaultDisables/DEFAULT-2/1.0>1.1/mtu=9000/forward-at-off", "1.0", "1.1", "mtu=9000",
                Observed.DIVERGED, Phase.COMPARE_DESTINATION, "1.0 [mtu=9000] -> 1.1 [mtu=9000,rx-filter-size=0]" + LOST));
        cases.add(fail("DefaultDisables/DEFAULT-2/1.0>1.2/mtu=1500/forward-at-off", "1.0", "1.2", "mtu=1500",
                Observed.DIVERGED, Phase.COMPARE_DESTINATION, "1.0 [mtu=1500] -> 1.2 [csum-offload=off,mtu=1500]"
                        + LOST.replace("SCRATCH: 0xdeadbeef", "MAC_LO: 0x12345678")));
        assertEquals(3, Summary.of(cases).problems().size());
    }

    @Test
    void oneRefusalIsOneProblemWhateverTheStepAndParameters() {
        String refusal = "parameter 'rx-filter-size' of model example.org/refnic: value 48 is not allowed;"
                + " allowed values: [0, 16, 32] (int)";
        List<Problem> problems = Summary.of(List.of(
                fail("DefaultDisables/DEFAULT-2/1.2>1.1/mtu=1500,rx-filter-size=48/backward-at-off", "1.2", "1.1",
                        "mtu=1500,rx-filter-size=48", Observed.REFUSED_AT_CREATE, Phase.CREATE_DESTINATION,
                        "create the destination (1.2 [mtu=1500,rx-filter-size=48] -> 1.1 [mtu=1500,rx-filter-size=48]):"
                                + " refused: " + refusal),
                fail("Info/INFO-1/1.1/rx-filter-size=48/allowed-value", "1.1", null, "rx-filter-size=48",
                        Observed.REFUSED_AT_CREATE, Phase.CHECK, "1.1 refused {rx-filter-size=48}: " + refusal),
                fail("Info/INFO-1/1.1/mtu=1500,rx-filter-size=48/instantiates", "1.1", null, "mtu=1500,rx-filter-size=48",
                        Observed.REFUSED_AT_CREATE, Phase.CHECK, "1.1 refused {mtu=1500, rx-filter-size=48}: " + refusal)))
                .problems();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("parameter 'rx-filter-size' of model example.org/refnic: value N is not allowed; allowed values:"
                + " [N, N, N]", problems.get(0).signature());
        assertEquals("1.1", problems.get(0).implementation());
    }

    @Test
    void theConsoleAndTheHtmlLeadWithTheProblems() throws Exception {
        Summary s = Summary.of(ONE_REGISTER);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleReport.print(s, sink -> ONE_REGISTER.forEach(r -> {
            try {
                sink.accept(r);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.indexOf("3 failures, 1 distinct problem:") < text.indexOf("FAIL "), text);
        assertTrue(text.contains("PROBLEM 1 on 1.2: DIVERGED differs: region 0 byte 12; SCRATCH 0xdeadbeef -> 0x0"), text);
        java.io.StringWriter html = new java.io.StringWriter();
        HtmlReport.writePage(html, Cases.runInfo(), s, sink -> { });
        assertTrue(html.toString().contains("3 failures, 1 distinct problems</h2>"), html.toString());
    }
}
