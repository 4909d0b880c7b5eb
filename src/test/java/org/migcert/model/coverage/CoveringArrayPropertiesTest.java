package org.migcert.model.coverage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.migcert.model.Truth;

/**
 * The generator over many random problems ({@link RandomProblems}): every allowed t-tuple is
 * covered (by the verifier's account and by brute force), every row meets every constraint, the
 * must-haves come first unchanged, and the same seed gives the same array.
 */
class CoveringArrayPropertiesTest {
    private static final CoveringArrayGenerator GENERATOR = new CoveringArrayGenerator(Effort.QUICK);

    @Property(tries = 300)
    void everyAllowedTupleIsCoveredAndEveryRowIsValid(@ForAll long problemSeed, @ForAll long seed) {
        CoverageProblem p = RandomProblems.draw(problemSeed);
        CoveringArray a = GENERATOR.generate(p, seed);
        CoverageVerifier.Result check = CoverageVerifier.verify(p, a.rows());
        assertTrue(check.passed(), p.shape() + " " + p.strength() + " " + p.constraints() + ": " + check);
        assertEquals(0, BruteForce.uncovered(p, a.rows()), "brute force disagrees on " + p.shape());
        for (int[] row : a.rows()) {
            for (RowConstraint k : p.constraints()) {
                assertEquals(Truth.TRUE, k.test(row), k + " on " + java.util.Arrays.toString(row));
            }
        }
    }

    @Property(tries = 200)
    void mustHavesComeFirstUnchanged(@ForAll long problemSeed, @ForAll long seed) {
        CoverageProblem p = RandomProblems.draw(problemSeed);
        List<int[]> rows = GENERATOR.generate(p, seed).rows();
        for (int i = 0; i < p.mustHave().size(); i++) {
            assertArrayEquals(p.mustHave().get(i), rows.get(i), "must-have " + i);
        }
    }

    @Property(tries = 100)
    void theSameSeedGivesTheSameArray(@ForAll long problemSeed, @ForAll long seed) {
        CoverageProblem p = RandomProblems.draw(problemSeed);
        List<int[]> first = GENERATOR.generate(p, seed).rows();
        List<int[]> again = GENERATOR.generate(p, seed).rows();
        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), again.get(i), "row " + i);
        }
    }

    @Property(tries = 100)
    void neverBelowTheRowsOneColumnSetNeeds(@ForAll long problemSeed, @ForAll long seed) {
        CoverageProblem p = RandomProblems.draw(problemSeed);
        int size = GENERATOR.generate(p, seed).size();
        List<int[]> valid = BruteForce.validRows(p.shape(), p.constraints());
        for (int[] cols : CoverageVerifier.columnSets(p.strength(), p.shape().columns())) {
            long needed = valid.stream().map(r -> java.util.Arrays.stream(cols).map(c -> r[c]).boxed().toList())
                    .distinct().count();
            assertTrue(size >= needed, size + " rows cannot hold " + needed + " tuples");
        }
    }
}
