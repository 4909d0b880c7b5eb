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
 * its line. When some implementation's info could not be read, a configuration naming a parameter
 * no other implementation knows is left out instead: the unread one may know it.
 */
public final class DeclaredConfigurations {
    private DeclaredConfigurations() {
    }

    /**
     * The version aliases by name, in the order written.
     *
     * @param infos      the model info of each implementation whose info was read, by id in release order
     * @param someUnread whether some implementation's info could not be read
     */
    public static Map<String, Configuration> aliases(DeviceManifest m, Map<String, ModelInfo> infos,
                                                     boolean someUnread) throws ManifestException {
        Map<String, Configuration> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> a : m.versions().entrySet()) {
            typed(m, infos, someUnread, "/versions/" + a.getKey(), "version '" + a.getKey() + "'", a.getValue())
                    .ifPresent(c -> out.put(a.getKey(), c));
        }
        return out;
    }

    /** The must-have configurations, in the order written (partial: completed per implementation with init values). */
    public static List<Configuration> mustHave(DeviceManifest m, Map<String, ModelInfo> infos, boolean someUnread)
            throws ManifestException {
        List<Configuration> out = new ArrayList<>();
        for (int i = 0; i < m.mustHave().size(); i++) {
            typed(m, infos, someUnread, LocatedYaml.child(DeviceManifest.MUST_HAVE, i), "must-have configuration "
                    + (i + 1), m.mustHave().get(i)).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Configuration> typed(DeviceManifest m, Map<String, ModelInfo> infos, boolean someUnread,
                                                 String pointer, String what, Map<String, String> params)
            throws ManifestException {
        Configuration c = Configuration.EMPTY;
        for (Map.Entry<String, String> p : params.entrySet()) {
            String ptr = pointer + "/" + p.getKey();
            Optional<ParamSpec> spec = infos.values().stream().map(ModelInfo::params).map(ps -> ps.get(p.getKey()))
                    .filter(s -> s != null).findFirst();
            if (spec.isEmpty() && someUnread) {
                return Optional.empty(); // perhaps known to an implementation whose info is unreadable
            }
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
        return Optional.of(c);
    }

    private static void allowedWhereDeclared(DeviceManifest m, Map<String, ModelInfo> infos, String pointer,
                                             String what, Configuration c) throws ManifestException {
        for (Map.Entry<String, ModelInfo> impl : infos.entrySet()) {
            ModelInfo info = impl.getValue();
            if (!info.params().keySet().containsAll(c.values().keySet())) {
                continue;
            }
            for (Map.Entry<String, Value> p : c.values().entrySet()) {
                ParamSpec spec = info.params().get(p.getKey());
                if (!spec.allows(p.getValue())) {
                    throw m.yaml().error(pointer + "/" + p.getKey(), what + " sets " + p.getKey() + "="
                            + p.getValue().text() + ", which the migration info of implementation '"
                            + impl.getKey() + "' does not allow (" + spec.allowedValues()
                            .map(Object::toString).orElse(spec.type().jsonName()) + ")"
                            + "; fix it or that info");
                }
            }
        }
    }

    /** Every parameter name of every implementation, sorted. */
    static List<String> parameterNames(Map<String, ModelInfo> infos) {
        return infos.values().stream().flatMap(i -> i.params().keySet().stream()).distinct().sorted().toList();
    }
}
