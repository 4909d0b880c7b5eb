package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

class ConsoleReportTest {

    @Test
    void progressLineWithKnownTotal() {
        CaseResult r = Cases.of("m1", "MigrationMatrix", Verdict.PASS, "COMPAT-2");
        assertEquals("[ 12/345] PASS  MigrationMatrix COMPAT-2 1.0 -> 1.1 rx-filter-size=16 (23 ms)",
                ConsoleReport.progressLine(12, OptionalLong.of(345), r));
    }

    @Test
    void progressLineWithUnknownTotalAndNoDestination() {
        CaseResult c = Cases.of("i1", "Info", Verdict.NOT_APPLICABLE, "OPT-1");
        CaseResult r = new CaseResult(c.id(), c.suite(), c.rules(), c.title(), "1.0", null, "", c.expected(),
                c.because(), c.observed(), c.evidence(), c.phase(), c.role(), c.verdict(), 5, c.rerun(), c.finishedAt());
        assertEquals("[ 12] N/A   Info OPT-1 1.0 (5 ms)", ConsoleReport.progressLine(12, OptionalLong.empty(), r));
    }

    @Test
    void progressLineCannotDriveTheTerminal() {
        CaseResult c = Cases.of("x", "Info", Verdict.PASS, "INFO-1");
        CaseResult r = new CaseResult(c.id(), c.suite(), c.rules(), c.title(), c.source(), c.destination(),
                "a=1\u001b[2J\nb=2", c.expected(), c.because(), c.observed(), c.evidence(), c.phase(), c.role(), c.verdict(), 1, c.rerun(),
                c.finishedAt());
        String line = ConsoleReport.progressLine(1, OptionalLong.of(1), r);
        assertFalse(line.contains("\u001b"));
        assertFalse(line.contains("\n"));
    }

    @Test
    void printShowsTableFailuresAndVerdict() throws Exception {
        String out = printed(Cases.mixed());
        assertTrue(out.lines().anyMatch(l -> l.matches("rule\\s+pass\\s+fail\\s+blocked\\s+error\\s+n/a")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("COMPAT-2\\s+1\\s+1\\s+0\\s+0\\s+0")), out);
        assertTrue(out.contains("FAIL  MigrationMatrix COMPAT-2 m2"), out);
        assertTrue(out.contains("| region 0 offset 0x10: source 0xdeadbeef, destination 0x0"), out);
        assertTrue(out.contains("rerun: ./migcert run --case m2"), out);
        assertTrue(out.contains("ERROR OptionalData OPT-2 o2"), out);
        assertFalse(out.contains("--case m1"), "passing cases are not listed");
        assertTrue(out.strip().endsWith(
                "VERDICT: NOT_CONFORMANT (1 fail, 1 error, 3 pass, 1 n/a of 6 cases)"), out);
    }

    @Test
    void blockedCasesAreCountedByFindingAndKeepTheRunFromConforming() throws Exception {
        String out = printed(Cases.mixedAndBlocked());
        assertTrue(out.lines().anyMatch(l -> l.matches("COMPAT-2\\s+1\\s+1\\s+1\\s+0\\s+0")), out);
        assertTrue(out.contains("BLOCKED 2 cases by the finding of " + Cases.FINDING), out);
        assertFalse(out.contains("--case b1"), "a blocked case has no block of its own: its finding has the evidence");
        assertTrue(out.strip().endsWith(
                "VERDICT: NOT_CONFORMANT (1 fail, 2 blocked, 1 error, 3 pass, 1 n/a of 8 cases)"), out);
    }

    private static String printed(List<CaseResult> cases) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(Summary.of(cases), CaseSource.of(cases), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void longEvidenceIsCut() {
        String evidence = String.join("\n", java.util.Collections.nCopies(20, "line"));
        String block = ConsoleReport.failureBlock(
                Cases.withTitleAndEvidence(Cases.of("f", "Info", Verdict.FAIL, "INFO-1"), "t", evidence));
        assertEquals(ConsoleReport.EVIDENCE_LINES, block.lines().filter(l -> l.endsWith("| line")).count());
        assertTrue(block.contains("(12 more lines)"), block);
    }
}
