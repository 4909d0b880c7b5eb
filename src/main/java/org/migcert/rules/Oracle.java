package org.migcert.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.migcert.model.Configuration;
import org.migcert.model.MigrationInfo;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.ParameterLists;
import org.migcert.model.Value;

/**
 * The compatibility oracle (COMPAT-1): from migration info alone, before any migration, decides
 * whether a source instance can migrate to a destination implementation. Pure and total.
 */
public final class Oracle {
    private Oracle() {
    }

    /** The decision, the parameter list the source hands over and the destination configuration (PARAM-3/4). */
    public record Decision(boolean possible, String reason, Configuration parameterList, Configuration destination) {
        public Expectation expectation() {
            return possible ? Expectation.of(Expected.MIGRATES, reason) : Expectation.of(Expected.REFUSED_AT_CREATE, reason);
        }
    }

    /**
     * @param source       the source's model info
     * @param sourceConfig the source instance's full configuration
     * @param destination  the destination implementation's migration info
     */
    public static Decision decide(ModelInfo source, Configuration sourceConfig, MigrationInfo destination) {
        // A partial configuration means init values for the rest (PARAM-2); without completing it,
        // parameters that cannot be disabled would silently drop out of the list.
        Configuration list = ParameterLists.sourceList(source, source.complete(sourceConfig));
        ModelInfo dst = destination.model(source.modelId()).orElse(null);
        if (dst == null) {
            return new Decision(false, "destination does not implement model " + source.modelId()
                    + " (it implements " + destination.models().keySet() + ")", list, null);
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Value> e : list.values().entrySet()) {
            ParamSpec p = dst.params().get(e.getKey());
            if (p == null) {
                problems.add("parameter " + e.getKey() + "=" + e.getValue() + " is unknown to the destination");
            } else if (!p.allows(e.getValue())) {
                problems.add(e.getKey() + "=" + e.getValue() + " is not allowed by the destination ("
                        + p.allowedValues().map(Object::toString).orElse(p.type().jsonName()) + ")");
            }
        }
        Configuration dstConfig = ParameterLists.destinationConfiguration(list, dst);
        if (!problems.isEmpty()) {
            return new Decision(false, String.join("; ", problems), list, dstConfig);
        }
        return new Decision(true, "parameter list " + list.canonical() + " is known and allowed at the destination",
                list, dstConfig);
    }
}
