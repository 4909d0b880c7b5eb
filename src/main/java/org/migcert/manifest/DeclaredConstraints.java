package org.migcert.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamType;
import org.migcert.model.Truth;
import org.migcert.model.constraint.Constraint;
import org.migcert.model.constraint.ConstraintException;

/**
 * The manifest's constraints checked against the implementations' migration info, once it is
 * known: every name a parameter, every comparison between values of one type, and every
 * configuration the manifest itself names (the initial one of each implementation, version
 * aliases, must-haves) allowed. Each error names the file, line and column it is about. When some
 * implementation's info could not be read, a constraint or group naming a parameter no other
 * implementation knows is left out, not refused: the unread one may know it.
 */
public final class DeclaredConstraints {
    private DeclaredConstraints() {
    }

    /**
     * The constraints, each checked against the parameters of all implementations.
     *
     * @param infos      the model info of each implementation whose info was read, by id in release order
     * @param someUnread whether some implementation's info could not be read
     */
    public static List<Constraint> check(DeviceManifest m, Map<String, ModelInfo> infos, boolean someUnread)
            throws ManifestException {
        Map<String, ParamType> types = new LinkedHashMap<>();
        infos.values().forEach(i -> i.params().values().forEach(p -> types.putIfAbsent(p.name(), p.type())));
        List<Constraint> out = new ArrayList<>();
        for (DeclaredConstraint d : m.constraints()) {
            try {
                d.constraint().check(types);
            } catch (ConstraintException e) {
                if (someUnread && e.unknownName().isPresent()) {
                    continue;
                }
                throw d.error(e.offset(), e.getMessage() + e.unknownName().map(n -> "; " + DidYouMean.hint(n,
                        types.keySet()) + "the parameters are " + String.join(", ", new TreeSet<>(types.keySet()))
                        + " (a string value is quoted: '" + n + "')").orElse(""));
            }
            if (infos.values().stream().noneMatch(i -> i.params().keySet().containsAll(d.constraint().names()))) {
                throw d.error("no implementation has all of " + d.constraint().names() + ", so it never applies;"
                        + " a constraint applies to each implementation that has every parameter it names");
            }
            out.add(d.constraint());
        }
        return out;
    }

    /**
     * Checks that the configurations the manifest names meet the constraints that apply: each
     * implementation's initial configuration, and each alias and must-have where it applies.
     *
     * @param aliases  version aliases by name, typed
     * @param mustHave must-have configurations in the order written, typed
     */
    public static void checkNamed(DeviceManifest m, Map<String, ModelInfo> infos, Map<String, Configuration> aliases,
                                  List<Configuration> mustHave) throws ManifestException {
        for (Map.Entry<String, ModelInfo> e : infos.entrySet()) {
            ModelInfo info = e.getValue();
            String impl = e.getKey();
            for (DeclaredConstraint d : m.constraints()) {
                if (!info.params().keySet().containsAll(d.constraint().names())) {
                    continue;
                }
                if (d.constraint().test(info.initial()) != Truth.TRUE) {
                    throw d.error("rules out the initial configuration of implementation '" + impl + "' ("
                            + info.initial().canonical() + "): an instance created without parameters would be"
                            + " invalid by design; fix the constraint or that implementation's init values");
                }
                for (Map.Entry<String, Configuration> a : aliases.entrySet()) {
                    named(m, info, d, a.getValue(), "/versions/" + a.getKey(), "version '" + a.getKey() + "'");
                }
                for (int k = 0; k < mustHave.size(); k++) {
                    named(m, info, d, mustHave.get(k), LocatedYaml.child(DeviceManifest.MUST_HAVE, k),
                            "must-have configuration " + (k + 1));
                }
            }
        }
    }

    private static void named(DeviceManifest m, ModelInfo info, DeclaredConstraint d, Configuration c, String pointer,
                              String what) throws ManifestException {
        if (!info.params().keySet().containsAll(c.values().keySet())) {
            return;
        }
        Configuration whole = info.complete(c);
        if (d.constraint().test(whole) != Truth.TRUE) {
            throw m.yaml().error(pointer, what + " (" + whole.canonical() + ") breaks constraint '"
                    + d.constraint().text() + "' (" + d.where() + "); fix one of them");
        }
    }

    /** Checks that each strength group of a t-way profile names parameters some implementation has. */
    public static void checkGroups(Profile p, Map<String, ModelInfo> infos, boolean someUnread)
            throws ManifestException {
        if (someUnread) {
            return; // a group's parameters are left out where an implementation lacks them anyway
        }
        List<String> known = DeclaredConfigurations.parameterNames(infos);
        var groups = p.configurations().tWay().map(t -> t.groups()).orElse(List.of());
        for (int g = 0; g < groups.size(); g++) {
            List<String> params = groups.get(g).params();
            for (int j = 0; j < params.size(); j++) {
                if (!known.contains(params.get(j))) {
                    throw p.yaml().error(LocatedYaml.child(LocatedYaml.child(Profile.STRENGTH_GROUPS, g) + "/params", j),
                            "strength group '" + groups.get(g).name() + "' names parameter '" + params.get(j)
                                    + "', which no implementation of " + m(infos) + " has; "
                                    + DidYouMean.hint(params.get(j), known) + "the parameters are "
                                    + String.join(", ", known));
                }
            }
        }
    }

    private static String m(Map<String, ModelInfo> infos) {
        return infos.isEmpty() ? "the device" : infos.values().iterator().next().modelId();
    }
}
