package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.rules.Rule;

/** Reads and validates a device manifest; every error names file, line, column and the fix. */
public final class ManifestLoader {
    private static final Set<String> TOP_KEYS = Set.of("model", "state-format", "breaks", "implementations",
            "versions", "workload", "observe", "timeout");

    private ManifestLoader() {
    }

    public static DeviceManifest load(Path file) throws ManifestException {
        LocatedYaml y = LocatedYaml.read(file.toAbsolutePath().normalize());
        JsonNode root = y.root();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP_KEYS.contains(k)) {
                throw y.error("/" + k, "unknown key '" + k + "'; known keys: " + String.join(", ", TOP_KEYS.stream().sorted().toList()));
            }
        }
        String model = Yaml.requiredText(y, "/model", "the device model id, such as example.org/refnic");
        if (model.contains("://")) {
            throw y.error("/model", "model id '" + model + "' must not have a scheme; write it like example.org/refnic");
        }
        StateFormat format = StateFormat.MGST;
        JsonNode sf = root.get("state-format");
        if (sf != null) {
            try {
                format = StateFormat.valueOf(sf.asText().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw y.error("/state-format", "state-format '" + sf.asText() + "' is unknown; use mgst or opaque");
            }
        }
        Optional<String> breaks = Optional.empty();
        if (root.has("breaks")) {
            String b = root.get("breaks").asText();
            if (Rule.byId(b) == null) {
                throw y.error("/breaks", "breaks: '" + b + "' is not a rule id; see ./migcert rules");
            }
            breaks = Optional.of(b);
        }
        Duration timeout = root.has("timeout") ? Yaml.duration(y, "/timeout") : Duration.ofSeconds(20);
        List<ImplementationSpec> impls = implementations(y, timeout);
        return new DeviceManifest(y.file(), model, format, breaks, impls, versions(y),
                RegisterAccesses.list(y, "/workload", true), RegisterAccesses.list(y, "/observe", false), y);
    }

    private static List<ImplementationSpec> implementations(LocatedYaml y, Duration timeout) throws ManifestException {
        JsonNode list = y.at("/implementations");
        if (!list.isArray() || list.isEmpty()) {
            throw y.error("/implementations", "'implementations' must list at least one implementation, oldest first,"
                    + " each with id and adapter");
        }
        List<ImplementationSpec> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String ptr = "/implementations/" + i;
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
            String adapter = Yaml.requiredText(y, ptr + "/adapter", "the adapter: java, vfio-user or container");
            Duration t = e.has("timeout") ? Yaml.duration(y, ptr + "/timeout") : timeout;
            out.add(new ImplementationSpec(id, adapter, e, Optional.ofNullable(e.get("info")),
                    y.file().getParent(), y.where(ptr), t));
        }
        return out;
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
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw y.error("/versions/" + e.getKey(), "version '" + e.getKey() + "' must be a mapping of parameters");
            }
            Map<String, String> params = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(p -> params.put(p.getKey(),
                    p.getValue().isBoolean() ? (p.getValue().booleanValue() ? "on" : "off") : p.getValue().asText()));
            out.put(e.getKey(), params);
        }
        return out;
    }
}
