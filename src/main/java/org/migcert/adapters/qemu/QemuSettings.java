package org.migcert.adapters.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.ImplementationSpec;

/**
 * What a manifest's {@code adapter: qemu} entry says: the QEMU binary, the device driver, the
 * machine types the implementation is certified at, the properties every instance is created with,
 * and which properties are migration parameters (with what QEMU cannot tell: allowed and off values).
 *
 * @param binary     the {@code qemu-system-*} executable, resolved
 * @param driver     the {@code -device} driver, such as {@code e1000e}
 * @param machines   machine types, oldest first; the last is the init value of {@code machine}
 * @param properties fixed properties, as QEMU option text
 * @param params     migration parameters: property name to its manifest entry
 *                   ({@code allowed_values}, {@code off_value}, {@code init_value})
 */
record QemuSettings(Path binary, String driver, List<String> machines, Map<String, String> properties,
                    Map<String, JsonNode> params) {
    static final String QEMU = "qemu";
    static final String DRIVER = "driver";
    static final String MACHINES = "machines";
    static final String PROPERTIES = "properties";
    static final String PARAMS = "params";
    static final Set<String> KEYS = Set.of(QEMU, DRIVER, MACHINES, PROPERTIES, PARAMS);
    static final Set<String> PARAM_KEYS = Set.of("allowed_values", "off_value", "init_value");
    /** The binary when {@code qemu:} is not given. */
    static final String DEFAULT_BINARY = "qemu-system-x86_64";

    static QemuSettings of(ImplementationSpec spec) throws AdapterException {
        JsonNode s = spec.settings();
        String where = spec.errorAt();
        String driver = text(spec, DRIVER).orElseThrow(() -> new AdapterException(where + "give 'driver:', the"
                + " QEMU device to certify (for example e1000e; 'qemu-system-x86_64 -device help' lists them)"));
        if (!DeviceOption.isName(driver)) {
            throw new AdapterException(spec.errorAt(DRIVER) + "'" + driver + "' is not a QEMU device driver name");
        }
        JsonNode m = s.path(MACHINES);
        if (!m.isArray() || m.isEmpty()) {
            throw new AdapterException(where + "give 'machines:', a list of machine types, oldest first (for example"
                    + " [pc-q35-7.1, pc-q35-7.2]; 'qemu-system-x86_64 -machine help' lists them)");
        }
        List<String> machines = new ArrayList<>();
        for (JsonNode n : m) {
            String at = spec.errorAt(MACHINES, Integer.toString(machines.size()));
            if (!n.isTextual() || !DeviceOption.isName(n.asText())) {
                throw new AdapterException(at + "'machines:' holds " + n + ", which is not a machine type name");
            }
            if (machines.contains(n.asText())) {
                throw new AdapterException(at + "'machines:' lists " + n.asText() + " twice");
            }
            machines.add(n.asText());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        JsonNode p = s.path(PROPERTIES);
        if (!p.isMissingNode() && !p.isObject()) {
            throw new AdapterException(spec.errorAt(PROPERTIES) + "'properties:' must be a mapping of QEMU property names to values");
        }
        for (Map.Entry<String, JsonNode> e : iterable(p)) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new AdapterException(spec.errorAt(PROPERTIES, e.getKey()) + "properties." + e.getKey()
                        + " must be a single value");
            }
            properties.put(e.getKey(), e.getValue().isBoolean() ? (e.getValue().asBoolean() ? "on" : "off")
                    : e.getValue().asText());
        }
        Map<String, JsonNode> params = new LinkedHashMap<>();
        JsonNode q = s.path(PARAMS);
        if (!q.isMissingNode() && !q.isObject()) {
            throw new AdapterException(spec.errorAt(PARAMS) + "'params:' must be a mapping of QEMU property names to {allowed_values,"
                    + " off_value, init_value}");
        }
        for (Map.Entry<String, JsonNode> e : iterable(q)) {
            JsonNode v = e.getValue();
            if (!v.isObject() && !v.isNull()) {
                throw new AdapterException(spec.errorAt(PARAMS, e.getKey()) + "params." + e.getKey()
                        + " must be a mapping (or empty)");
            }
            for (Map.Entry<String, JsonNode> k : iterable(v)) {
                if (!PARAM_KEYS.contains(k.getKey())) {
                    throw new AdapterException(spec.errorAt(PARAMS, e.getKey(), k.getKey()) + "params." + e.getKey()
                            + ": unknown key '" + k.getKey()
                            + "'; known keys: allowed_values, init_value, off_value (the type comes from QEMU)");
                }
            }
            params.put(e.getKey(), v);
        }
        return new QemuSettings(binary(spec), driver, List.copyOf(machines), properties, params);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
        return n == null || !n.isObject() ? List.of() : n::fields;
    }

    private static Optional<String> text(ImplementationSpec spec, String key) throws AdapterException {
        JsonNode n = spec.settings().get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw new AdapterException(spec.errorAt(key) + "'" + key + ":' must be a string");
        }
        return Optional.of(n.asText());
    }

    /** The binary: a path (relative to the manifest's directory) or a name looked up on PATH. */
    private static Path binary(ImplementationSpec spec) throws AdapterException {
        String given = text(spec, QEMU).orElse(DEFAULT_BINARY);
        String where = spec.errorAt(QEMU);
        if (given.contains("/")) {
            Path p = spec.baseDir() == null ? Path.of(given) : spec.baseDir().resolve(given);
            if (!Files.isExecutable(p)) {
                throw new AdapterException(where + "qemu: " + p + " is not an executable file");
            }
            return p.toAbsolutePath();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, given);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new AdapterException(where + "'" + given + "' is not on PATH; install QEMU (Debian: apt-get install -y"
                + " qemu-system-x86) or give its path in 'qemu:'");
    }
}
