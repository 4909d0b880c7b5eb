package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.rules.Rule;

/**
 * Reads and validates a device manifest, with the base manifests it {@code extends:}; every error
 * names the file, line and column where the offending value was written, and the fix.
 */
public final class ManifestLoader {
    private ManifestLoader() {
    }

    /**
     * The manifest and each base its {@code extends:} chain names, the manifest first (what a
     * certification bundle carries); fewer checks than {@link #load}, which the run already passed.
     */
    public static List<Path> files(Path file) throws ManifestException {
        List<Path> out = new ArrayList<>();
        for (Path f = file.toAbsolutePath().normalize(); f != null; ) {
            if (out.contains(f) || out.size() > 64) {
                throw new ManifestException(file + ": its extends: chain does not end (" + out + ")");
            }
            out.add(f);
            JsonNode base = LocatedYaml.read(f).at("/extends");
            f = base.isMissingNode() ? null : f.resolveSibling(base.asText()).normalize();
        }
        return out;
    }

    public static DeviceManifest load(Path file) throws ManifestException {
        return load(file, ImplementationKeys.found());
    }

    static DeviceManifest load(Path file, ImplementationKeys keys) throws ManifestException {
        LocatedYaml y = ManifestTree.resolve(file.toAbsolutePath().normalize(), keys);
        String model = Yaml.requiredText(y, "/model", "the device model id, such as example.org/refnic");
        if (model.contains("://")) {
            throw y.error("/model", "model id '" + model + "' must not have a scheme; write it like example.org/refnic");
        }
        StateFormat format = StateFormat.MGST;
        JsonNode sf = y.at("/state-format");
        if (!sf.isMissingNode()) {
            try {
                format = StateFormat.valueOf(sf.asText().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw y.error("/state-format", "state-format '" + sf.asText() + "' is unknown; use mgst or opaque");
            }
        }
        Optional<Rule> breaks = Optional.empty();
        if (!y.at("/breaks").isMissingNode()) {
            String b = y.at("/breaks").asText();
            breaks = Optional.ofNullable(Rule.byId(b));
            if (breaks.isEmpty()) {
                throw y.error("/breaks", "breaks: '" + b + "' is not a rule id; see ./migcert rules");
            }
        }
        Duration timeout = y.at("/timeout").isMissingNode() ? Duration.ofSeconds(20) : Yaml.duration(y, "/timeout", DeviceManifest.MIN_TIMEOUT, DeviceManifest.MAX_TIMEOUT);
        return new DeviceManifest(y.file(), model, format, breaks, implementations(y, timeout, keys), versions(y),
                RegisterAccesses.list(y, "/workload", true), RegisterAccesses.list(y, "/observe", false),
                constraints(y), mustHave(y), y);
    }

    private static List<ImplementationSpec> implementations(LocatedYaml y, Duration timeout, ImplementationKeys keys)
            throws ManifestException {
        JsonNode list = y.at(ManifestFile.IMPLEMENTATIONS);
        if (!list.isArray() || list.isEmpty()) {
            throw y.error(ManifestFile.IMPLEMENTATIONS, "'implementations' must list at least one implementation,"
                    + " oldest first, each with id and adapter");
        }
        List<ImplementationSpec> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String ptr = LocatedYaml.child(ManifestFile.IMPLEMENTATIONS, i);
            JsonNode e = list.get(i);
            if (!e.isObject()) {
                throw y.error(ptr, "an implementation must be a mapping with id and adapter");
            }
            String id = Yaml.requiredText(y, ptr + "/id", "the implementation id, such as \"1.0\" (quote it)");
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
                throw y.error(ptr + "/id", "implementation id '" + id + "' may hold letters, digits, '.', '_', '+', '-' only");
            }
            if (!ids.add(id)) {
                throw y.error(ptr + "/id", "implementation id '" + id + "' appears twice; ids must be unique");
            }
            String adapter = adapter(y, ptr, keys);
            Keys.check(y, ptr, keys.of(adapter), "implementation '" + id + "' (adapter " + adapter + ")");
            Duration t = e.has("timeout") ? Yaml.duration(y, ptr + "/timeout", DeviceManifest.MIN_TIMEOUT, DeviceManifest.MAX_TIMEOUT) : timeout;
            out.add(new ImplementationSpec(id, adapter, e, Optional.ofNullable(e.get("info")),
                    settingsDir(y, ptr, keys.of(adapter)), y.where(ptr), t, inside -> y.where(ptr + inside)));
        }
        return out;
    }

    /** The entry's adapter, one this build has; a mistyped key is reported before a missing adapter. */
    private static String adapter(LocatedYaml y, String ptr, ImplementationKeys keys) throws ManifestException {
        String found = Keys.choices(keys.adapterNames());
        if (!y.at(ptr).has("adapter")) {
            Keys.check(y, ptr, keys.any(), "this implementation");
        }
        String adapter = Yaml.requiredText(y, ptr + "/adapter", "the adapter: " + found);
        if (!keys.hasAdapter(adapter)) {
            throw y.error(ptr + "/adapter", "unknown adapter '" + adapter + "'; "
                    + DidYouMean.hint(adapter, keys.adapterNames()) + "the adapters found are " + found);
        }
        return adapter;
    }

    /**
     * Relative paths in an entry's settings resolve against the directory of the file that wrote
     * them, which for an inherited {@code command:} is the base manifest's.
     */
    private static Path settingsDir(LocatedYaml y, String ptr, Set<String> allowed) {
        for (Map.Entry<String, JsonNode> m : y.at(ptr).properties()) {
            String k = m.getKey();
            if (ImplementationKeys.adapterSpecific(k) && allowed.contains(k)) {
                return y.position(LocatedYaml.child(ptr, k)).file().getParent();
            }
        }
        return y.file().getParent();
    }

    private static Map<String, Map<String, String>> versions(LocatedYaml y) throws ManifestException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        JsonNode v = y.at("/versions");
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw y.error("/versions", "'versions' must map alias names to parameter mappings, like \"1\": {rx-filter-size: 0}");
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String at = LocatedYaml.child("/versions", e.getKey());
            out.put(e.getKey(), params(y, at, "version '" + e.getKey() + "' must be a mapping of parameters"));
        }
        return out;
    }

    /** {@code constraints:}: a list of conditions, each parsed here so a syntax error names its character. */
    private static List<DeclaredConstraint> constraints(LocatedYaml y) throws ManifestException {
        List<DeclaredConstraint> out = new ArrayList<>();
        for (String at : listed(y, "/constraints", "'constraints' must list conditions, like [\"not (mtu == 9000 and"
                + " queues == 4)\"]")) {
            out.add(DeclaredConstraint.read(y, at));
        }
        return out;
    }

    /** {@code must-have:}: a list of parameter mappings, like version aliases without names. */
    private static List<Map<String, String>> mustHave(LocatedYaml y) throws ManifestException {
        List<Map<String, String>> out = new ArrayList<>();
        for (String at : listed(y, DeviceManifest.MUST_HAVE, "'must-have' must list parameter mappings, like"
                + " [{mtu: 9000, queues: 4}]")) {
            out.add(params(y, at, "a must-have configuration must be a mapping of parameters, like {mtu: 9000}"));
        }
        return out;
    }

    /** The pointers of the elements of an optional list. */
    private static List<String> listed(LocatedYaml y, String pointer, String shape) throws ManifestException {
        JsonNode n = y.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw y.error(pointer, shape);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(LocatedYaml.child(pointer, i));
        }
        return out;
    }

    /** A mapping of parameter names to value texts (a YAML bool written as on or off). */
    private static Map<String, String> params(LocatedYaml y, String pointer, String shape) throws ManifestException {
        JsonNode n = y.at(pointer);
        if (!n.isObject()) {
            throw y.error(pointer, shape);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : n.properties()) {
            params.put(p.getKey(), p.getValue().isBoolean() ? (p.getValue().booleanValue() ? "on" : "off")
                    : p.getValue().asText());
        }
        return params;
    }
}
