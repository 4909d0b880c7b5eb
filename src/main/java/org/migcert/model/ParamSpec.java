package org.migcert.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What migration info says about one parameter: its type, its value at creation, the value that
 * disables its effect (absent if it cannot be disabled) and, optionally, the values it allows.
 */
public record ParamSpec(String name, ParamType type, Value initValue, Optional<Value> offValue,
                        Optional<AllowedValues> allowedValues, String description) {

    /** True when {@code v} has this parameter's type and is inside {@code allowed_values}. */
    public boolean allows(Value v) {
        if (v == null || v.type() != type) {
            return false;
        }
        return allowedValues.map(a -> a.contains(v)).orElse(true);
    }

    /**
     * The values a configuration space should try: the allowed values (representatives for
     * ranges), or when none are given: on/off for bools, init and off for others.
     */
    public List<Value> candidateValues() {
        List<Value> extra = new ArrayList<>();
        extra.add(initValue);
        offValue.ifPresent(extra::add);
        if (allowedValues.isPresent()) {
            return allowedValues.get().representatives(extra);
        }
        if (type == ParamType.BOOL) {
            return List.of(Value.bool(false), Value.bool(true));
        }
        return extra.stream().distinct().sorted().toList();
    }
}
