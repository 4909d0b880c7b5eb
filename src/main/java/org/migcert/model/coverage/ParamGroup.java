package org.migcert.model.coverage;

import java.util.List;

/**
 * Parameters a profile wants covered at a higher strength than the rest: every combination of
 * {@code strength} of them appears in some configuration.
 */
public record ParamGroup(String name, int strength, List<String> params) {
    public ParamGroup {
        params = List.copyOf(params);
    }

    @Override
    public String toString() {
        return name + " " + params + " at strength " + strength;
    }
}
