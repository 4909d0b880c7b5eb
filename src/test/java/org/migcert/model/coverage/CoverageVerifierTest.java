package org.migcert.model.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The independent check catches what it must: a row removed, a cell changed, a row breaking a
 * constraint; and agrees with brute force on what is uncovered, while never asking for a tuple the
 * constraints rule out.
 */
class CoverageVerifierTest {
    private static final CoveringArrayGenerator GENERATOR = new CoveringArrayGenerator(Effort.QUICK);

    @Test
    void theFullProductPassesAndLosingARowIsCaught() {
        CoverageProblem p = CoverageProblem.of(Shape.uniform(3, 2), 3);
        List<int[]> all = BruteForce.validRows(p.shape(), List.of());
        assertTrue(CoverageVerifier.verify(p, all).passed());
        List<int[]> short1 = new ArrayList<>(all);
        short1.remove(5);
        CoverageVerifier.Result r = CoverageVerifier.verify(p, short1);
        assertEquals(1, r.uncovered(), r.toString());
        assertEquals(8, r.tuples());
        assertTrue(r.examples().get(0).contains("columns [0, 1, 2] = [1, 0, 1] is in no row"), r.examples().toString());
    }

    @Test
    void aTupleTheConstraintsRuleOutIsNeverRequiredButARowBreakingThemIsCaught() {
        RowConstraint no11 = new RandomProblems.Forbidden(new int[] {0, 1}, new int[] {1, 1});
        CoverageProblem p = new CoverageProblem(Shape.uniform(2, 2), Strength.of(2), List.of(no11), List.of());
        List<int[]> three = List.of(new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 0});
        CoverageVerifier.Result ok = CoverageVerifier.verify(p, three);
        assertTrue(ok.passed(), ok.toString());
        assertEquals(3, ok.tuples());
        List<int[]> withBad = new ArrayList<>(three);
        withBad.add(new int[] {1, 1});
        CoverageVerifier.Result bad = CoverageVerifier.verify(p, withBad);
        assertFalse(bad.passed());
        assertEquals(1, bad.invalidRows());
    }

    @Test
    void constraintsThatShareNoColumnAreSolvedApartButTogetherRuleOutWhatTheyLink() {
        // a != 1 or b != 1, and b != 0 or c != 1: (a=1, c=1) needs b to be both, so it is ruled out.
        RowConstraint ab = new RandomProblems.Forbidden(new int[] {0, 1}, new int[] {1, 1});
        RowConstraint bc = new RandomProblems.Forbidden(new int[] {1, 2}, new int[] {0, 1});
        CoverageProblem p = new CoverageProblem(Shape.uniform(3, 2), Strength.of(2), List.of(ab, bc), List.of());
        List<int[]> rows = GENERATOR.generate(p, 3).rows();
        assertTrue(rows.stream().noneMatch(r -> r[0] == 1 && r[2] == 1));
        assertTrue(CoverageVerifier.verify(p, rows).passed());
        assertEquals(0, BruteForce.uncovered(p, rows));
    }

    @Property(tries = 200)
    void catchesEveryRowWhoseLossUncoversSomething(@ForAll long problemSeed, @ForAll long seed) {
        CoverageProblem p = RandomProblems.draw(problemSeed);
        List<int[]> rows = GENERATOR.generate(p, seed).rows();
        int needed = -1;
        for (int i = 0; i < rows.size() && needed < 0; i++) {
            List<int[]> without = new ArrayList<>(rows);
            without.remove(i);
            if (BruteForce.uncovered(p, without) > 0) {
                needed = i;
            }
        }
        Assume.that(needed >= 0);
        List<int[]> broken = new ArrayList<>(rows);
        broken.remove(needed);
        CoverageVerifier.Result r = CoverageVerifier.verify(p, broken);
        assertFalse(r.passed());
        assertEquals(BruteForce.uncovered(p, broken), r.uncovered());
    }

    @Property(tries = 200)
    void agreesWithBruteForceOnAnyRows(@ForAll long problemSeed, @ForAll long rowsSeed) {
        CoverageProblem p = RandomProblems.draw(problemSeed);
        java.util.Random r = new java.util.Random(rowsSeed);
        List<int[]> valid = BruteForce.validRows(p.shape(), p.constraints());
        List<int[]> some = new ArrayList<>();
        for (int i = r.nextInt(12); i > 0; i--) {
            some.add(valid.get(r.nextInt(valid.size())));
        }
        assertEquals(BruteForce.uncovered(p, some), CoverageVerifier.verify(p, some).uncovered());
    }
}
