package org.migcert.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Migration info for one device model of one implementation: its parameters by name. */
public record ModelInfo(String modelId, Map<String, ParamSpec> params) {
    public ModelInfo {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public Optional<ParamSpec> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** PARAM-2: the full configuration an instance has when created with {@code given}. */
    public Configuration complete(Configuration given) {
        Map<String, Value> all = new TreeMap<>();
        for (ParamSpec p : params.values()) {
            all.put(p.name(), p.initValue());
        }
        all.putAll(given.values());
        return new Configuration(all);
    }

    /** The configuration in which every parameter has its init value. */
    public Configuration initial() {
        return complete(Configuration.EMPTY);
    }

    /**
     * Every configuration over each parameter's candidate values (the cartesian product), in a
     * stable order. Callers reduce it when it is large.
     */
    /**
     * How many configurations {@link #exhaustiveConfigurations()} would give, computed from the
     * candidate counts without enumerating them (a space can be far too large to list).
     */
    public java.math.BigInteger exhaustiveCount() {
        java.math.BigInteger n = java.math.BigInteger.ONE;
        for (ParamSpec p : params.values()) {
            n = n.multiply(java.math.BigInteger.valueOf(p.candidateValues().size()));
        }
        return n;
    }

    public List<Configuration> exhaustiveConfigurations() {
        List<Configuration> out = new ArrayList<>();
        out.add(Configuration.EMPTY);
        for (ParamSpec p : params.values()) {
            List<Configuration> next = new ArrayList<>();
            for (Configuration c : out) {
                for (Value v : p.candidateValues()) {
                    next.add(c.with(p.name(), v));
                }
            }
            out = next;
        }
        return out;
    }
}
