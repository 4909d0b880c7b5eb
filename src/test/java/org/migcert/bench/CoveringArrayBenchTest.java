package org.migcert.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.migcert.model.coverage.CoverageProblem;
import org.migcert.model.coverage.CoveringArrayGenerator;
import org.migcert.model.coverage.Effort;
import org.migcert.model.coverage.Shape;

/**
 * The bench runs and prints its tables; and at a run's effort the generator reaches the issue's
 * sizes. Sizes depend on the seed and the effort alone, never on time, so they can be asserted;
 * times are only printed.
 */
class CoveringArrayBenchTest {
    @Test
    void printsEveryShapeChecked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CoveringArrayBench.run(new String[] {"--repeat", "1", "--effort", "200000"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("cores"), text);
        assertEquals(7, text.lines().filter(l -> l.contains("-tuple covered (")).count(), text);
        assertTrue(text.contains("growth: k parameters of 3 values"), text);
    }

    @Test
    void badUsageExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, CoveringArrayBench.run(new String[] {"--repeat", "0"}, sink,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
    }

    @Test
    void reachesTheTargetSizesAtARunsEffort() {
        CoveringArrayGenerator g = new CoveringArrayGenerator(Effort.STANDARD);
        assertTrue(g.generate(CoverageProblem.of(Shape.uniform(10, 3), 2), 1).size() <= 14);
        assertTrue(g.generate(CoverageProblem.of(Shape.uniform(13, 3), 2), 1).size() <= 15);
        assertTrue(g.generate(CoverageProblem.of(Shape.uniform(10, 3), 3), 1).size() <= 50);
        assertEquals(25, g.generate(CoverageProblem.of(new Shape(5, 5, 3, 3, 3, 3, 2, 2, 2), 2), 1).size());
        assertEquals(8, g.generate(CoverageProblem.of(Shape.uniform(20, 2), 2), 1).size());
    }
}
