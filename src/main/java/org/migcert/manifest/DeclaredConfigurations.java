package org.migcert.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.Value;

/**
 * The configurations a manifest names, typed against the implementations' migration info: version
 * aliases ({@code versions:}) and must-have configurations ({@code must-have:}). Each parameter must
 * be known to some implementation and typed as it says, and each value allowed by every
 * implementation whose info declares all the configuration's parameters (that is where it names a
 * configuration): a wrong one is the manifest's mistake, never the device's, and the error names
 * its line.
 */
public final class DeclaredConfigurations {
    private DeclaredConfigurations() {
    }

    /** The version aliases by name, in the order written. */
    public static Map<String, Configuration> aliases(DeviceManifest m, List<ModelInfo> infos) throws ManifestException {
        Map<String, Configuration> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> a : m.versions().entrySet()) {
            out.put(a.getKey(), typed(m, infos, "/versions/" + a.getKey(), "version '" + a.getKey() + "'",
                    a.getValue()));
        }
        return out;
    }

    /** The must-have configurations, in the order written (partial: completed per implementation with init values). */
    public static List<Configuration> mustHave(DeviceManifest m, List<ModelInfo> infos) throws ManifestException {
        List<Configuration> out = new ArrayList<>();
        for (int i = 0; i < m.mustHave().size(); i++) {
            out.add(typed(m, infos, LocatedYaml.child(DeviceManifest.MUST_HAVE, i), "must-have configuration "
                    + (i + 1), m.mustHave().get(i)));
        }
        return out;
    }

    private static Configuration typed(DeviceManifest m, List<ModelInfo> infos, String pointer, String what,
                                       Map<String, String> params) throws ManifestException {
        Configuration c = Configuration.EMPTY;
        for (Map.Entry<String, String> p : params.entrySet()) {
            String ptr = pointer + "/" + p.getKey();
            Optional<ParamSpec> spec = infos.stream().map(ModelInfo::params).map(ps -> ps.get(p.getKey()))
                    .filter(s -> s != null).findFirst();
            if (spec.isEmpty()) {
                throw m.yaml().error(ptr, what + " names parameter '" + p.getKey() + "' that no implementation knows; "
                        + DidYouMean.hint(p.getKey(), parameterNames(infos)) + "known: " + parameterNames(infos));
            }
            try {
                c = c.with(p.getKey(), Value.parse(spec.get().type(), p.getValue()));
            } catch (IllegalArgumentException e) {
                throw m.yaml().error(ptr, what + ": " + e.getMessage());
            }
        }
        allowedWhereDeclared(m, infos, pointer, what, c);
        return c;
    }

    private static void allowedWhereDeclared(DeviceManifest m, List<ModelInfo> infos, String pointer, String what,
                                             Configuration c) throws ManifestException {
        for (ModelInfo info : infos) {
            if (!info.params().keySet().containsAll(c.values().keySet())) {
                continue;
            }
            for (Map.Entry<String, Value> p : c.values().entrySet()) {
                ParamSpec spec = info.params().get(p.getKey());
                if (!spec.allows(p.getValue())) {
                    throw m.yaml().error(pointer + "/" + p.getKey(), what + " sets " + p.getKey() + "="
                            + p.getValue().text() + ", which the migration info of implementation '"
                            + implementationOf(m, infos, info) + "' does not allow (" + spec.allowedValues()
                            .map(Object::toString).orElse(spec.type().jsonName()) + ")"
                            + "; fix it or that info");
                }
            }
        }
    }

    private static String implementationOf(DeviceManifest m, List<ModelInfo> infos, ModelInfo info) {
        return m.implementations().get(infos.indexOf(info)).id();
    }

    /** Every parameter name of every implementation, sorted. */
    static List<String> parameterNames(List<ModelInfo> infos) {
        return infos.stream().flatMap(i -> i.params().keySet().stream()).distinct().sorted().toList();
    }
}
