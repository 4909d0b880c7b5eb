package org.migcert.device;

import java.util.Map;
import java.util.TreeMap;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.ParamType;
import org.migcert.model.Value;

/**
 * The creation-time check a device implementation runs on the parameters it is given as text
 * (PARAM-1), against its own migration info, so that what the info says and what creation accepts
 * can never drift apart (INFO-1). Omitted parameters take their init value (PARAM-2).
 */
public final class ParamValidator {
    private ParamValidator() {
    }

    /**
     * Parses and checks {@code params} and returns the instance's full configuration.
     *
     * @throws CreationRefusedException naming the parameter, the value and what is allowed, for an
     *         unknown name, a value of the wrong type, or a value outside {@code allowed_values}
     */
    public static Configuration validate(ModelInfo model, Map<String, String> params) {
        Map<String, Value> given = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            given.put(e.getKey(), check(model, e.getKey(), e.getValue()));
        }
        return model.complete(new Configuration(given));
    }

    private static Value check(ModelInfo model, String name, String text) {
        ParamSpec spec = model.param(name).orElseThrow(() -> new CreationRefusedException(
                "unknown parameter '" + name + "' (value '" + text + "') for model " + model.modelId() + "; "
                        + (model.params().isEmpty() ? "this model has no parameters"
                                : "known parameters: " + String.join(", ", model.params().keySet()))));
        if (text == null) {
            throw refused(model, spec, "has no value");
        }
        Value value;
        try {
            value = Value.parse(spec.type(), text);
        } catch (IllegalArgumentException ex) {
            throw refused(model, spec, "value " + ex.getMessage());
        }
        if (!spec.allows(value)) {
            throw refused(model, spec, "value " + value.text() + " is not allowed");
        }
        return value;
    }

    private static CreationRefusedException refused(ModelInfo model, ParamSpec spec, String what) {
        return new CreationRefusedException("parameter '" + spec.name() + "' of model " + model.modelId() + ": "
                + what + "; allowed values: " + allowed(spec));
    }

    /** What the parameter accepts, in the words of migration info. */
    private static String allowed(ParamSpec spec) {
        if (spec.allowedValues().isPresent()) {
            return spec.allowedValues().get().toString() + " (" + spec.type().jsonName() + ")";
        }
        return spec.type() == ParamType.BOOL ? "on or off" : "any " + spec.type().jsonName();
    }
}
