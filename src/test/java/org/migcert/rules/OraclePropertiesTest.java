package org.migcert.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import org.migcert.model.AllowedValues;
import org.migcert.model.Configuration;
import org.migcert.model.MigrationInfo;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.ParamType;
import org.migcert.model.Value;

/** COMPAT-1 and PARAM-3/4 as properties over generated migration info and configurations. */
class OraclePropertiesTest {
    static final String MODEL = "example.org/gen";
    static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");
    static final List<String> WORDS = List.of("fast", "slow", "legacy", "x");

    // ---- generators ------------------------------------------------------------------------------

    static Arbitrary<AllowedValues> intAllowed() {
        Arbitrary<List<Value>> singles = Arbitraries.longs().between(-4, 40).map(Value::integer).list().uniqueElements()
                .ofMaxSize(4);
        Arbitrary<List<AllowedValues.Range>> ranges = Combinators.combine(Arbitraries.longs().between(-10, 50),
                Arbitraries.longs().between(0, 30)).as((lo, w) -> new AllowedValues.Range(lo, lo + w)).list().ofMaxSize(2);
        return Combinators.combine(singles, ranges).as(AllowedValues::new)
                .filter(a -> !a.singles().isEmpty() || !a.ranges().isEmpty());
    }

    static Arbitrary<Optional<AllowedValues>> allowedFor(ParamType t) {
        return switch (t) {
            case INT -> intAllowed().optional(0.8);
            case BOOL -> Arbitraries.of(List.of(Value.bool(false), Value.bool(true)), List.of(Value.bool(true)),
                    List.of(Value.bool(false))).map(l -> new AllowedValues(l, List.of())).optional(0.5);
            case STR -> Arbitraries.of(WORDS).map(Value::str).list().uniqueElements().ofMinSize(1).ofMaxSize(3)
                    .map(l -> new AllowedValues(l, List.of())).optional(0.7);
        };
    }

    /** Values a parameter may take: its allowed values' representatives, or a few of its type. */
    static List<Value> pool(ParamType t, Optional<AllowedValues> allowed) {
        if (allowed.isPresent()) {
            return allowed.get().representatives(List.of());
        }
        return switch (t) {
            case INT -> List.of(Value.integer(0), Value.integer(1), Value.integer(7), Value.integer(100));
            case BOOL -> List.of(Value.bool(false), Value.bool(true));
            case STR -> WORDS.stream().map(Value::str).toList();
        };
    }

    static Arbitrary<ParamSpec> param(String name) {
        return Arbitraries.of(ParamType.values()).flatMap(t -> allowedFor(t).flatMap(allowed -> {
            List<Value> pool = pool(t, allowed);
            return Combinators.combine(Arbitraries.of(pool), Arbitraries.of(pool).optional(0.6))
                    .as((init, off) -> new ParamSpec(name, t, init, off, allowed, ""));
        }));
    }

    static Arbitrary<ModelInfo> model(String modelId) {
        return Arbitraries.of(NAMES).set().ofMinSize(0).ofMaxSize(4).flatMap(names -> {
            List<Arbitrary<ParamSpec>> ps = names.stream().sorted().map(OraclePropertiesTest::param).toList();
            if (ps.isEmpty()) {
                return Arbitraries.just(new ModelInfo(modelId, Map.of()));
            }
            return Combinators.combine(ps).as(list -> {
                Map<String, ParamSpec> m = new TreeMap<>();
                list.forEach(p -> m.put(p.name(), p));
                return new ModelInfo(modelId, m);
            });
        });
    }

    /** A full configuration of {@code m}, each value drawn from the parameter's candidate values. */
    static Arbitrary<Configuration> configuration(ModelInfo m) {
        if (m.params().isEmpty()) {
            return Arbitraries.just(Configuration.EMPTY);
        }
        List<Arbitrary<Tuple2<String, Value>>> each = m.params().values().stream()
                .map(p -> Arbitraries.of(p.candidateValues()).map(v -> Tuple.of(p.name(), v))).toList();
        return Combinators.combine(each).as(list -> {
            Map<String, Value> vals = new TreeMap<>();
            list.forEach(t -> vals.put(t.get1(), t.get2()));
            return new Configuration(vals);
        });
    }

    /** A destination related to the source: the same, a newer one, an older one, or independent. */
    static Arbitrary<ModelInfo> relatedDestination(ModelInfo src) {
        Arbitrary<ModelInfo> independent = model(MODEL);
        Arbitrary<ModelInfo> dropOne = src.params().isEmpty() ? Arbitraries.just(src)
                : Arbitraries.of(List.copyOf(src.params().keySet())).map(n -> {
                    Map<String, ParamSpec> m = new TreeMap<>(src.params());
                    m.remove(n);
                    return new ModelInfo(MODEL, m);
                });
        Arbitrary<ModelInfo> reshape = src.params().isEmpty() ? Arbitraries.just(src)
                : Combinators.combine(Arbitraries.of(List.copyOf(src.params().keySet())), Arbitraries.of(NAMES))
                        .as(Tuple::of).flatMap(t -> param(t.get1()).map(p -> {
                            Map<String, ParamSpec> m = new TreeMap<>(src.params());
                            m.put(p.name(), p);
                            return new ModelInfo(MODEL, m);
                        }));
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(src)), Tuple.of(2, dropOne), Tuple.of(3, reshape),
                Tuple.of(3, independent));
    }

    @Provide
    Arbitrary<Tuple2<ModelInfo, Configuration>> modelAndConfig() {
        return model(MODEL).flatMap(m -> configuration(m).map(c -> Tuple.of(m, c)));
    }

    @Provide
    Arbitrary<Tuple3<ModelInfo, Configuration, ModelInfo>> srcConfigDst() {
        return model(MODEL).flatMap(m -> Combinators.combine(configuration(m), relatedDestination(m))
                .as((c, d) -> Tuple.of(m, c, d)));
    }

    // ---- independent restatements ---------------------------------------------------------------

    static Map<String, Value> listed(ModelInfo src, Configuration c) {
        Map<String, Value> out = new TreeMap<>();
        for (Map.Entry<String, Value> e : c.values().entrySet()) {
            Optional<Value> off = src.params().get(e.getKey()).offValue();
            if (off.isEmpty() || !off.get().equals(e.getValue())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static boolean allowedAt(ParamSpec p, Value v) {
        if (p.type() != v.type()) {
            return false;
        }
        if (p.allowedValues().isEmpty()) {
            return true;
        }
        AllowedValues a = p.allowedValues().get();
        if (a.singles().contains(v)) {
            return true;
        }
        return v.type() == ParamType.INT && a.ranges().stream().anyMatch(r -> r.min() <= v.asLong() && v.asLong() <= r.max());
    }

    // ---- properties ------------------------------------------------------------------------------

    /** (a) An implementation is compatible with itself for every one of its configurations. */
    @Property(tries = 300)
    void selfMigrationIsAlwaysPossibleAndRestoresTheConfiguration(@ForAll("modelAndConfig") Tuple2<ModelInfo, Configuration> t) {
        ModelInfo m = t.get1();
        Configuration c = t.get2();
        Oracle.Decision d = Oracle.decide(m, c, MigrationInfo.of(m));
        assertTrue(d.possible(), c + ": " + d.reason());
        assertEquals(c, d.destination(), "PARAM-3 then PARAM-4 on the same model gives back the configuration");
    }

    @Property(tries = 100)
    void selfMigrationHoldsForTheWholeExhaustiveSpace(@ForAll("modelAndConfig") Tuple2<ModelInfo, Configuration> t) {
        ModelInfo m = t.get1();
        for (Configuration c : m.exhaustiveConfigurations()) {
            assertTrue(Oracle.decide(m, c, MigrationInfo.of(m)).possible(), c.canonical());
        }
    }

    /** (b) decide() is possible iff every listed parameter is known to the destination and allowed there. */
    @Property(tries = 500)
    void possibleIffEveryListedParamIsKnownAndAllowed(@ForAll("srcConfigDst") Tuple3<ModelInfo, Configuration, ModelInfo> t) {
        ModelInfo src = t.get1();
        Configuration c = t.get2();
        ModelInfo dst = t.get3();
        Map<String, Value> list = listed(src, c);
        boolean expected = list.entrySet().stream()
                .allMatch(e -> dst.params().containsKey(e.getKey()) && allowedAt(dst.params().get(e.getKey()), e.getValue()));
        Oracle.Decision d = Oracle.decide(src, c, MigrationInfo.of(dst));
        assertEquals(expected, d.possible(), "list " + list + " to " + dst.params() + ": " + d.reason());
        assertEquals(list, d.parameterList().values(), "PARAM-3");
        assertEquals(expected ? Expected.MIGRATES : Expected.REFUSED_AT_CREATE, d.expectation().outcome());
        if (!expected) {
            for (Map.Entry<String, Value> e : list.entrySet()) {
                ParamSpec p = dst.params().get(e.getKey());
                if (p == null || !allowedAt(p, e.getValue())) {
                    assertTrue(d.reason().contains(e.getKey() + "=" + e.getValue().text()),
                            "reason names " + e.getKey() + ": " + d.reason());
                }
            }
        }
    }

    @Property(tries = 100)
    void anotherModelIsNeverPossible(@ForAll("srcConfigDst") Tuple3<ModelInfo, Configuration, ModelInfo> t) {
        ModelInfo other = new ModelInfo("example.org/other", t.get3().params());
        Oracle.Decision d = Oracle.decide(t.get1(), t.get2(), MigrationInfo.of(other));
        assertFalse(d.possible());
        assertNull(d.destination());
    }

    /** (c) The destination configuration holds every destination parameter and agrees with the list. */
    @Property(tries = 500)
    void destinationConfigurationIsCompleteAndAgreesWithTheList(
            @ForAll("srcConfigDst") Tuple3<ModelInfo, Configuration, ModelInfo> t) {
        ModelInfo dst = t.get3();
        Oracle.Decision d = Oracle.decide(t.get1(), t.get2(), MigrationInfo.of(dst));
        assertNotNull(d.destination());
        Map<String, Value> list = d.parameterList().values();
        for (ParamSpec p : dst.params().values()) {
            Value v = d.destination().get(p.name());
            assertNotNull(v, "destination configuration lacks " + p.name());
            if (list.containsKey(p.name())) {
                assertEquals(list.get(p.name()), v, "listed " + p.name());
            } else {
                assertEquals(p.offValue().orElse(p.initValue()), v, "unlisted " + p.name() + " is off (or init without off)");
            }
        }
        Set<String> keys = new HashSet<>(dst.params().keySet());
        keys.addAll(list.keySet());
        assertEquals(keys, d.destination().values().keySet());
    }

    /** (d) DEFAULT rule: a NEW destination parameter with an off value never changes the decision. */
    @Property(tries = 500)
    void newDestinationParameterWithOffValueDoesNotChangeTheDecision(
            @ForAll("srcConfigDst") Tuple3<ModelInfo, Configuration, ModelInfo> t,
            @ForAll("newParam") ParamSpec added) {
        ModelInfo dst = t.get3();
        Oracle.Decision before = Oracle.decide(t.get1(), t.get2(), MigrationInfo.of(dst));
        Map<String, ParamSpec> m = new LinkedHashMap<>(dst.params());
        m.put(added.name(), added);
        Oracle.Decision after = Oracle.decide(t.get1(), t.get2(), MigrationInfo.of(new ModelInfo(MODEL, m)));
        assertEquals(before.possible(), after.possible(), after.reason());
        assertEquals(before.parameterList(), after.parameterList());
        assertEquals(before.destination().with(added.name(), added.offValue().orElseThrow()), after.destination());
    }

    @Provide
    Arbitrary<ParamSpec> newParam() {
        // a name no generated model uses
        return Arbitraries.of("new-1", "new.feature", "z_z").flatMap(OraclePropertiesTest::param)
                .filter(p -> p.offValue().isPresent());
    }

    /** (e) Removing from the destination an allowed value the source lists makes migration impossible. */
    @Property(tries = 500)
    void removingAListedValueFromTheDestinationMakesItImpossible(
            @ForAll("modelAndConfig") Tuple2<ModelInfo, Configuration> t, @ForAll long pick) {
        ModelInfo src = t.get1();
        Map<String, Value> list = listed(src, t.get2());
        if (list.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(list.keySet());
        String name = names.get((int) Math.floorMod(pick, names.size()));
        Value v = list.get(name);
        ParamSpec p = src.params().get(name);
        ParamSpec narrowed = new ParamSpec(name, p.type(), p.initValue(), p.offValue(), Optional.of(without(p, v)),
                p.description());
        Map<String, ParamSpec> m = new TreeMap<>(src.params());
        m.put(name, narrowed);
        ModelInfo dst = new ModelInfo(MODEL, m);
        assertFalse(narrowed.allows(v));
        Oracle.Decision d = Oracle.decide(src, t.get2(), MigrationInfo.of(dst));
        assertFalse(d.possible(), "destination without " + name + "=" + v + " still accepted " + list);
        assertTrue(d.reason().contains(name + "=" + v.text()), d.reason());
    }

    /** The parameter's allowed values minus {@code v}, ranges split around it. */
    static AllowedValues without(ParamSpec p, Value v) {
        List<Value> singles = new ArrayList<>();
        List<AllowedValues.Range> ranges = new ArrayList<>();
        if (p.allowedValues().isPresent()) {
            for (Value s : p.allowedValues().get().singles()) {
                if (!s.equals(v)) {
                    singles.add(s);
                }
            }
            for (AllowedValues.Range r : p.allowedValues().get().ranges()) {
                split(r.min(), r.max(), v.asLong(), ranges);
            }
        } else {
            switch (p.type()) {
                case BOOL -> singles.add(Value.bool(!v.asBool()));
                case STR -> singles.add(Value.str(v.asString() + "-other"));
                default -> split(Long.MIN_VALUE, Long.MAX_VALUE, v.asLong(), ranges);
            }
        }
        return new AllowedValues(singles, ranges);
    }

    private static void split(long min, long max, long hole, List<AllowedValues.Range> out) {
        if (hole < min || hole > max) {
            out.add(new AllowedValues.Range(min, max));
            return;
        }
        if (hole > min) {
            out.add(new AllowedValues.Range(min, hole - 1));
        }
        if (hole < max) {
            out.add(new AllowedValues.Range(hole + 1, max));
        }
    }
}
