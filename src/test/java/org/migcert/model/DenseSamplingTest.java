package org.migcert.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** How each profile samples a parameter's values: representatives for exhaustive, dense for t-way. */
class DenseSamplingTest {
    static ParamSpec intParam(String name, long init, Long off, AllowedValues allowed) {
        return new ParamSpec(name, ParamType.INT, Value.integer(init), Optional.ofNullable(off).map(Value::integer),
                Optional.of(allowed), "");
    }

    static AllowedValues range(long min, long max) {
        return new AllowedValues(List.of(), List.of(new AllowedValues.Range(min, max)));
    }

    static List<Value> ints(long... v) {
        return LongStream.of(v).mapToObj(Value::integer).toList();
    }

    @Test
    void aSmallRangeIsTriedWholeWhereRepresentativesMissAValue() {
        ParamSpec queues = intParam("queues", 1, null, range(1, 4));
        assertEquals(ints(1, 2, 4), Sampling.representatives().candidates(queues), "3 is never tried");
        assertEquals(ints(1, 2, 3, 4), Sampling.dense(1).candidates(queues));
        assertEquals(16, Sampling.dense(1).candidates(intParam("x", 0, null, range(0, 15))).size());
    }

    @Test
    void aWideRangeGetsItsEdgesTheirNeighboursInitOffAndTwoSeededInteriorValues() {
        ParamSpec vlan = intParam("vlan-filter", 100, 0L, range(0, 4095));
        List<Value> dense = Sampling.dense(1).candidates(vlan);
        assertTrue(dense.containsAll(ints(0, 1, 100, 4094, 4095)), dense.toString());
        assertEquals(7, dense.size(), dense.toString());
        assertEquals(dense, Sampling.dense(1).candidates(vlan), "the same seed draws the same values");
        assertNotEquals(dense, Sampling.dense(2).candidates(vlan), "another seed draws others");
        assertEquals(ints(0, 100, 2047, 4095), Sampling.representatives().candidates(vlan));
    }

    @Test
    void singlesBoolsAndUnconstrainedParametersAreAsBefore() {
        ParamSpec mtu = intParam("mtu", 1500, null, new AllowedValues(ints(1500, 9000), List.of()));
        assertEquals(ints(1500, 9000), Sampling.dense(1).candidates(mtu));
        ParamSpec flag = new ParamSpec("f", ParamType.BOOL, Value.bool(false), Optional.empty(), Optional.empty(), "");
        assertEquals(List.of(Value.bool(false), Value.bool(true)), Sampling.dense(1).candidates(flag));
    }

    @Property(tries = 300)
    void everyCandidateIsAllowedAndTheEdgesAreAlwaysThere(@ForAll long a, @ForAll long b,
                                                          @ForAll @LongRange(min = 0, max = 50) long seed) {
        AllowedValues r = range(Math.min(a, b), Math.max(a, b));
        List<Value> dense = Sampling.dense(seed).candidates(intParam("p", Math.min(a, b), null, r));
        assertTrue(dense.stream().allMatch(r::contains), dense.toString());
        assertTrue(dense.contains(Value.integer(Math.min(a, b))) && dense.contains(Value.integer(Math.max(a, b))));
        assertTrue(dense.size() <= 16 + 6, dense.toString());
    }
}
