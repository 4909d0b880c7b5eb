package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bench entry names each bench and the machine, and the in-process bench counts the cases of
 * whole certification runs. Figures are only printed, never asserted: they depend on the machine.
 */
class BenchTest {
    @Test
    void inProcessBenchCountsEveryCaseOfARun() {
        // Through `migcert bench`: the bench's own options follow its name.
        Cli r = Cli.run("bench", "in-process", "--runs", "1", "--warmup", "0");
        String text = r.out;
        assertEquals(0, r.exit, r::toString);
        assertTrue(text.startsWith("machine: "), text);
        assertTrue(text.contains("## in-process"), text);
        assertTrue(text.contains("| 1 runs, 439 cases |"), text);
        assertTrue(text.contains("cases per second of processor time (per core)"), text);
    }

    @Test
    void unknownBenchOrBadUsageExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Bench.run(new String[] {"nope"}, sink, errs));
        assertEquals(2, Cli.run("bench", "nope").exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("in-process"));
        assertEquals(2, InProcessBench.run(new String[] {"--runs", "0"}, sink, errs));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
    }
}
