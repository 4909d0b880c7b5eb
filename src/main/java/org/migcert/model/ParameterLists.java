package org.migcert.model;

import java.util.Map;
import java.util.TreeMap;

/** The parameter list a source hands to a destination (PARAM-3) and the destination's configuration (PARAM-4). */
public final class ParameterLists {
    private ParameterLists() {
    }

    /**
     * PARAM-3: every parameter of {@code full} whose value differs from its off value; parameters
     * without an off value are always listed.
     */
    public static Configuration sourceList(ModelInfo source, Configuration full) {
        Map<String, Value> out = new TreeMap<>();
        full.values().forEach((name, v) -> {
            ParamSpec p = source.params().get(name);
            if (p == null || p.offValue().isEmpty() || !p.offValue().get().equals(v)) {
                out.put(name, v);
            }
        });
        return new Configuration(out);
    }

    /**
     * PARAM-4: the source's list plus the off value of each destination parameter missing from
     * it. A missing parameter that cannot be disabled gets its init value (PARAM-2): the source
     * never knew it, so the destination behaves as created without it.
     */
    public static Configuration destinationConfiguration(Configuration list, ModelInfo destination) {
        Map<String, Value> out = new TreeMap<>(list.values());
        for (ParamSpec p : destination.params().values()) {
            if (!out.containsKey(p.name())) {
                out.put(p.name(), p.offValue().orElse(p.initValue()));
            }
        }
        return new Configuration(out);
    }
}
