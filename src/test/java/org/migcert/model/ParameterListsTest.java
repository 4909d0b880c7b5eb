package org.migcert.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ParameterListsTest {
    static ParamSpec intParam(String name, long init, Long off, long... allowed) {
        List<Value> singles = java.util.Arrays.stream(allowed).mapToObj(Value::integer).toList();
        return new ParamSpec(name, ParamType.INT, Value.integer(init), Optional.ofNullable(off).map(Value::integer),
                Optional.of(new AllowedValues(singles, List.of())), "");
    }

    static ParamSpec boolParam(String name, boolean init, Boolean off) {
        return new ParamSpec(name, ParamType.BOOL, Value.bool(init), Optional.ofNullable(off).map(Value::bool),
                Optional.empty(), "");
    }

    // refnic 1.2: mtu without off value, rx-filter-size off at 0, csum-offload off at off
    static final ModelInfo V12 = new ModelInfo("example.org/refnic", Map.of(
            "mtu", intParam("mtu", 1500, null, 1500, 9000),
            "rx-filter-size", intParam("rx-filter-size", 0, 0L, 0, 16, 32),
            "csum-offload", boolParam("csum-offload", false, false)));
    // a newer one with a parameter that cannot be disabled and whose init differs from 1.2's world
    static final ModelInfo V13 = new ModelInfo("example.org/refnic", Map.of(
            "mtu", intParam("mtu", 1500, null, 1500, 9000),
            "rx-filter-size", intParam("rx-filter-size", 0, 0L, 0, 16, 32),
            "csum-offload", boolParam("csum-offload", false, false),
            "queues", intParam("queues", 4, null, 1, 4),
            "tso", boolParam("tso", true, false)));

    static Configuration cfg(Object... kv) {
        Configuration c = Configuration.EMPTY;
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            c = c.with((String) kv[i], v instanceof Boolean b ? Value.bool(b) : v instanceof String s ? Value.str(s)
                    : Value.integer(((Number) v).longValue()));
        }
        return c;
    }

    @Test
    void param3ListsOnlyValuesDifferentFromOffPlusParamsWithoutOff() {
        assertEquals(cfg("mtu", 1500), ParameterLists.sourceList(V12,
                cfg("mtu", 1500, "rx-filter-size", 0, "csum-offload", false)));
        assertEquals(cfg("mtu", 9000, "rx-filter-size", 16), ParameterLists.sourceList(V12,
                cfg("mtu", 9000, "rx-filter-size", 16, "csum-offload", false)));
        assertEquals(cfg("mtu", 1500, "rx-filter-size", 32, "csum-offload", true), ParameterLists.sourceList(V12,
                cfg("mtu", 1500, "rx-filter-size", 32, "csum-offload", true)));
    }

    @Test
    void param3ParameterWithoutOffValueIsListedEvenAtItsInit() {
        Configuration list = ParameterLists.sourceList(V13, V13.initial());
        assertTrue(list.values().containsKey("mtu"));
        assertTrue(list.values().containsKey("queues"));
        assertEquals(Value.bool(true), list.get("tso"), "tso init on differs from its off value");
        assertEquals(3, list.values().size(), list.canonical());
    }

    @Test
    void param4DestinationGetsListPlusOffValues() {
        Configuration list = cfg("mtu", 9000);
        assertEquals(cfg("mtu", 9000, "rx-filter-size", 0, "csum-offload", false),
                ParameterLists.destinationConfiguration(list, V12));
    }

    @Test
    void param4ParameterWithoutOffValueGetsItsInitValue() {
        Configuration dst = ParameterLists.destinationConfiguration(cfg("mtu", 9000, "rx-filter-size", 32), V13);
        assertEquals(cfg("mtu", 9000, "rx-filter-size", 32, "csum-offload", false, "queues", 4, "tso", false), dst,
                "queues (no off value) takes init 4; tso takes off (off), not its init (on)");
    }

    @Test
    void param4KeepsListedValuesEvenForNamesTheDestinationLacks() {
        // The oracle refuses such a list; the configuration still says what the source asked for.
        Configuration dst = ParameterLists.destinationConfiguration(cfg("mtu", 1500, "csum-offload", true),
                new ModelInfo("example.org/refnic", Map.of("mtu", intParam("mtu", 1500, null, 1500, 9000))));
        assertEquals(cfg("mtu", 1500, "csum-offload", true), dst);
    }

    @Test
    void listThenDestinationOnTheSameModelIsTheIdentity() {
        for (Configuration c : V13.exhaustiveConfigurations()) {
            assertEquals(c, ParameterLists.destinationConfiguration(ParameterLists.sourceList(V13, c), V13), c.canonical());
        }
    }

    // ---- AllowedValues.representatives ---------------------------------------------------------

    @Test
    void representativesOfRangesAreBoundsMidpointAndSpecialValuesInside() {
        AllowedValues a = new AllowedValues(List.of(Value.integer(128)), List.of(new AllowedValues.Range(0, 64)));
        assertEquals(List.of(Value.integer(0), Value.integer(16), Value.integer(32), Value.integer(64), Value.integer(128)),
                a.representatives(List.of(Value.integer(16), Value.integer(200))),
                "200 is outside every range and not a single: never a representative");
        AllowedValues single = new AllowedValues(List.of(), List.of(new AllowedValues.Range(7, 7)));
        assertEquals(List.of(Value.integer(7)), single.representatives(List.of()));
        AllowedValues odd = new AllowedValues(List.of(), List.of(new AllowedValues.Range(-3, 0)));
        assertEquals(List.of(Value.integer(-3), Value.integer(-2), Value.integer(0)), odd.representatives(List.of()));
    }

    @Property
    void representativesAreAllowedAndIncludeBounds(@ForAll long a, @ForAll long b,
                                                   @ForAll @LongRange(min = -1000, max = 1000) long extra) {
        long min = Math.min(a, b);
        long max = Math.max(a, b);
        AllowedValues av = new AllowedValues(List.of(), List.of(new AllowedValues.Range(min, max)));
        List<Value> reps = av.representatives(List.of(Value.integer(extra)));
        for (Value v : reps) {
            assertTrue(av.contains(v), v + " outside " + av);
        }
        assertTrue(reps.contains(Value.integer(min)));
        assertTrue(reps.contains(Value.integer(max)));
        assertEquals(min <= extra && extra <= max, reps.contains(Value.integer(extra)), "extra " + extra + " in " + reps);
        // the midpoint is the floor of the exact mean
        java.math.BigInteger mean = java.math.BigInteger.valueOf(min).add(java.math.BigInteger.valueOf(max))
                .shiftRight(1);
        assertTrue(reps.contains(Value.integer(mean.longValueExact())), "midpoint " + mean + " missing from " + reps);
    }

    @Test
    void rangeWithMinAboveMaxIsRejected() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AllowedValues.Range(5, 1));
        assertTrue(e.getMessage().contains("5-1"), e.getMessage());
    }
}
