package org.migcert.model.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.migcert.model.AllowedValues;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.ParamType;
import org.migcert.model.Truth;
import org.migcert.model.Value;
import org.migcert.model.constraint.Constraint;

/** One implementation's space as each profile plans it: sizes, must-haves, constraints and bounds. */
class SpacePlannerTest {
    static ParamSpec ints(String name, long init, Long off, long... allowed) {
        return new ParamSpec(name, ParamType.INT, Value.integer(init), Optional.ofNullable(off).map(Value::integer),
                Optional.of(new AllowedValues(java.util.Arrays.stream(allowed).mapToObj(Value::integer).toList(),
                        List.of())), "");
    }

    static ParamSpec flag(String name) {
        return new ParamSpec(name, ParamType.BOOL, Value.bool(false), Optional.of(Value.bool(false)), Optional.empty(),
                "");
    }

    /** n parameters of three values, all off-able at 0, plus one that is not. */
    static ModelInfo model(int n) {
        Map<String, ParamSpec> p = new LinkedHashMap<>();
        p.put("mtu", ints("mtu", 1500, null, 1500, 4000, 9000));
        for (int i = 0; i < n; i++) {
            p.put("p" + i, ints("p" + i, 1, 0L, 0, 1, 2));
        }
        return new ModelInfo("example.org/m", p);
    }

    static SpacePlanner tWay(int strength, long below, int max) {
        return new SpacePlanner(Optional.of(new TWaySettings(strength, 5, below, List.of())), max, Effort.QUICK);
    }

    @Test
    void exhaustiveKeepsTodaysProductThenTheNamedConfigurations() throws Exception {
        ModelInfo m = model(2);
        Configuration alias = m.complete(new Configuration(Map.of("p0", Value.integer(2))));
        PlannedSpace s = new SpacePlanner(Optional.empty(), 4096, Effort.QUICK).plan(m, List.of(), List.of(alias));
        assertEquals(m.exhaustiveConfigurations(), s.configurations());
        assertFalse(s.summary().tWay());
        assertTrue(s.summary().toString().startsWith("exhaustive: 27 configurations"), s.summary().toString());
    }

    @Test
    void aSpacePastItsBoundIsRefusedFromItsSizeAtOnce() {
        ModelInfo m = model(40); // 3^41 combinations: listing them would never end
        SpaceException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(SpaceException.class,
                () -> new SpacePlanner(Optional.empty(), 4096, Effort.QUICK).plan(m, List.of(), List.of())));
        assertTrue(e.getMessage().startsWith("has 36472996377170786403 configurations, more than max-configurations"
                + " 4096"), e.getMessage());
        assertFalse(e.harnessFault());
        SpaceException t = assertThrows(SpaceException.class, () -> tWay(3, 100, 20).plan(m, List.of(), List.of()));
        assertTrue(t.getMessage().startsWith("needs at least 27 configurations to cover every 3-tuple"), t.getMessage());
    }

    @Test
    void tWayHoldsEveryMustHaveFirstAndCoversEveryPair() throws Exception {
        ModelInfo m = model(12);
        Configuration listed = m.complete(new Configuration(Map.of("mtu", Value.integer(9000), "p3", Value.integer(2))));
        PlannedSpace s = tWay(2, 100, 4096).plan(m, List.of(), List.of(listed));
        Configuration off = m.initial();
        for (int i = 0; i < 12; i++) {
            off = off.with("p" + i, Value.integer(0));
        }
        // mtu has no off value: each off-able parameter off alone, not all off together.
        assertEquals(m.initial(), s.configurations().get(0));
        assertEquals(m.initial().with("p0", Value.integer(0)), s.configurations().get(1));
        assertFalse(s.configurations().contains(off) && s.configurations().indexOf(off) < 13);
        assertEquals(listed, s.configurations().get(13));
        assertTrue(s.summary().tWay());
        assertEquals(s.configurations().size(), s.summary().size());
        assertTrue(s.summary().toString().contains("every 2-tuple covered"), s.summary().toString());
        for (String a : m.params().keySet()) {
            for (String b : m.params().keySet()) {
                for (Value x : m.param(a).orElseThrow().candidateValues()) {
                    for (Value y : m.param(b).orElseThrow().candidateValues()) {
                        assertTrue(a.equals(b) || s.configurations().stream().anyMatch(c -> c.get(a).equals(x)
                                && c.get(b).equals(y)), a + "=" + x + ", " + b + "=" + y);
                    }
                }
            }
        }
    }

    @Test
    void allOffIsAMustHaveWhenEveryParameterHasAnOffValue() throws Exception {
        Map<String, ParamSpec> p = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            p.put("f" + i, flag("f" + i));
            p.put("n" + i, ints("n" + i, 2, 0L, 0, 1, 2));
        }
        ModelInfo m = new ModelInfo("example.org/m", p);
        PlannedSpace s = tWay(2, 10, 4096).plan(m, List.of(), List.of());
        Configuration off = m.initial();
        for (int i = 0; i < 6; i++) {
            off = off.with("n" + i, Value.integer(0));
        }
        assertEquals(List.of(m.initial(), off), s.configurations().subList(0, 2));
    }

    @Test
    void constraintsAreHonouredAndOnlyTheTuplesTheyAllowAreRequired() throws Exception {
        ModelInfo m = model(8);
        Constraint k = Constraint.parse("not (mtu == 9000 and p0 == 2)");
        PlannedSpace s = tWay(2, 100, 4096).plan(m, List.of(k), List.of());
        assertTrue(s.configurations().stream().allMatch(c -> k.test(c) == Truth.TRUE));
        assertTrue(s.configurations().stream().anyMatch(c -> c.get("mtu").asLong() == 9000 && c.get("p0").asLong() == 1));
        // 9 pairs of every two of the 9 parameters, less the one ruled out.
        assertEquals(36 * 9 - 1, s.summary().tuples());
    }

    @Test
    void aSmallSpaceBelowTheThresholdIsTakenWhole() throws Exception {
        ModelInfo m = model(2);
        PlannedSpace s = tWay(2, 100, 4096).plan(m, List.of(Constraint.parse("p0 != p1")), List.of());
        assertEquals(27 - 9, s.configurations().size());
        assertFalse(s.summary().tWay());
        assertTrue(s.summary().toString().contains("below exhaustive-below 100"), s.summary().toString());
    }

    @Test
    void aStrengthGroupIsCoveredAtItsStrength() throws Exception {
        ModelInfo m = model(8);
        SpacePlanner planner = new SpacePlanner(Optional.of(new TWaySettings(2, 5, 0, List.of(new ParamGroup("g", 3,
                List.of("p0", "p1", "p2", "absent"))))), 4096, Effort.QUICK);
        PlannedSpace s = planner.plan(m, List.of(), List.of());
        for (long a = 0; a < 3; a++) {
            for (long b = 0; b < 3; b++) {
                for (long c = 0; c < 3; c++) {
                    long x = a, y = b, z = c;
                    assertTrue(s.configurations().stream().anyMatch(k -> k.get("p0").asLong() == x
                            && k.get("p1").asLong() == y && k.get("p2").asLong() == z), a + "," + b + "," + c);
                }
            }
        }
        assertTrue(s.summary().toString().contains("g [p0, p1, p2, absent] at strength 3"), s.summary().toString());
    }

    @Test
    void anArrayThatFailsTheIndependentCheckStopsThePlan() {
        ModelInfo m = model(6);
        CoveringArrayGenerator real = new CoveringArrayGenerator(Effort.QUICK);
        SpacePlanner losesARow = new SpacePlanner(Optional.of(new TWaySettings(2, 5, 0, List.of())), 4096, (p, seed) -> {
            CoveringArray a = real.generate(p, seed);
            List<int[]> rows = a.rows();
            rows.remove(rows.size() - 1);
            return new CoveringArray(p, seed, a.construction(), rows);
        });
        SpaceException e = assertThrows(SpaceException.class, () -> losesARow.plan(m, List.of(), List.of()));
        assertTrue(e.harnessFault());
        assertTrue(e.getMessage().contains("fails the independent check") && e.getMessage().contains("uncovered")
                && e.getMessage().contains("refuses to go on"), e.getMessage());
        SpacePlanner breaksAConstraint = new SpacePlanner(Optional.of(new TWaySettings(2, 5, 0, List.of())), 4096,
                (p, seed) -> {
                    List<int[]> rows = real.generate(CoverageProblem.of(p.shape(), 2), seed).rows();
                    return new CoveringArray(p, seed, "ignores constraints", rows);
                });
        SpaceException c = assertThrows(SpaceException.class, () -> breaksAConstraint.plan(m,
                List.of(Constraint.parse("p0 != 2")), List.of()));
        assertTrue(c.harnessFault() && c.getMessage().contains("rows breaking a constraint"), c.getMessage());
    }

    @Test
    void aModelWithoutParametersOrWithOneHasItsOnlyConfigurations() throws Exception {
        ModelInfo none = new ModelInfo("example.org/m", Map.of());
        assertEquals(List.of(Configuration.EMPTY), tWay(2, 0, 4096).plan(none, List.of(), List.of()).configurations());
        ModelInfo one = new ModelInfo("example.org/m", Map.of("f", flag("f")));
        assertEquals(2, tWay(3, 0, 4096).plan(one, List.of(), List.of()).configurations().size());
    }

    @Test
    void aPlanIsTheSameForTheSameSeed() throws Exception {
        ModelInfo m = model(10);
        assertEquals(tWay(3, 0, 4096).plan(m, List.of(), List.of()).configurations(),
                tWay(3, 0, 4096).plan(m, List.of(), List.of()).configurations());
    }
}
