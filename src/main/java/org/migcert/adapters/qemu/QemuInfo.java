package org.migcert.adapters.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.manifest.DidYouMean;
import org.migcert.model.InfoException;
import org.migcert.model.MigrationInfo;
import org.migcert.model.MigrationInfoJson;

/**
 * The migration info of a QEMU implementation, put together from what QEMU says and what only the
 * manifest can say. QEMU gives each parameter's name, type and default ({@code init_value});
 * the manifest says which properties are migration parameters and their {@code allowed_values}
 * and {@code off_value}. Every name is checked against QEMU, and so is every default the manifest
 * states, so the info cannot claim what this QEMU does not have.
 *
 * <p>The adapter adds one parameter of its own, {@value #MACHINE}: the machine type, a string
 * with the manifest's {@code machines:} as allowed values and the newest as init value, and no
 * off value, so it is always in the parameter list and every destination gets the source's machine
 * type, as a management stack does (QEMU refuses a stream from another machine type). Version
 * aliases can then name machine types, which is what they are: named sets of compatibility values.
 */
final class QemuInfo {
    static final String MACHINE = "machine";
    /** The model id of a driver: QEMU's device models are named by their driver. */
    static final String MODEL_PREFIX = "qemu.org/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private QemuInfo() {
    }

    static String modelId(String driver) {
        return MODEL_PREFIX + driver;
    }

    static MigrationInfo build(QemuSettings s, QemuFacts qemu, ImplementationSpec spec) throws AdapterException {
        String where = spec.where();
        String at = spec.errorAt();
        for (int i = 0; i < s.machines().size(); i++) {
            String m = s.machines().get(i);
            if (!qemu.machines().contains(m)) {
                throw new AdapterException(spec.errorAt(QemuSettings.MACHINES, Integer.toString(i)) + "machines: QEMU " + qemu.version() + " has no machine type '" + m + "'; "
                        + DidYouMean.hint(m, qemu.machines()) + "'" + s.binary().getFileName() + " -machine help' lists them");
            }
        }
        for (String name : s.properties().keySet()) {
            known(name, QemuSettings.PROPERTIES, s, qemu, spec);
            if (s.params().containsKey(name)) {
                throw new AdapterException(spec.errorAt(QemuSettings.PARAMS, name) + "'" + name + "' is both a fixed property and a migration parameter;"
                        + " keep it in one of properties: or params:");
            }
        }
        ObjectNode params = JSON.createObjectNode();
        ObjectNode machine = params.putObject(MACHINE).put("type", "str")
                .put("init_value", s.machines().get(s.machines().size() - 1));
        s.machines().forEach(machine.putArray("allowed_values")::add);
        for (Map.Entry<String, JsonNode> e : s.params().entrySet()) {
            String name = e.getKey();
            if (name.equals(MACHINE)) {
                throw new AdapterException(spec.errorAt(QemuSettings.PARAMS, name) + "params." + MACHINE + ": the machine type is the adapter's own parameter;"
                        + " list the machine types in 'machines:'");
            }
            JsonNode prop = known(name, QemuSettings.PARAMS, s, qemu, spec);
            String type = type(prop.path("type").asText());
            ObjectNode p = params.putObject(name).put("type", type);
            JsonNode given = e.getValue() == null ? JSON.createObjectNode() : e.getValue();
            JsonNode qemuDefault = prop.get("default-value");
            JsonNode init = given.get("init_value");
            if (qemuDefault != null && init != null && !sameValue(qemuDefault, init, type)) {
                throw new AdapterException(spec.errorAt(QemuSettings.PARAMS, name, "init_value") + "params." + name
                        + ".init_value is " + init + " but QEMU's default for "
                        + s.driver() + "." + name + " is " + qemuDefault + "; drop init_value (QEMU's default is used)");
            }
            if (qemuDefault == null && init == null) {
                throw new AdapterException(spec.errorAt(QemuSettings.PARAMS, name) + "params." + name + ": QEMU reports no default for " + s.driver() + "."
                        + name + "; give init_value, the value an instance has when the property is not given");
            }
            p.set("init_value", init != null ? init : asType(qemuDefault, type));
            for (String k : List.of("off_value", "allowed_values")) {
                if (given.hasNonNull(k)) {
                    p.set(k, given.get(k));
                }
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("models").putObject(modelId(s.driver())).set("params", params);
        try {
            return MigrationInfoJson.fromTree(root, where);
        } catch (InfoException e) {
            throw new AdapterException(spec.errorAt(QemuSettings.PARAMS) + "the params: of '" + s.driver() + "' do not make migration info: "
                    + e.getMessage());
        }
    }

    private static JsonNode known(String name, String key, QemuSettings s, QemuFacts qemu, ImplementationSpec spec)
            throws AdapterException {
        JsonNode prop = qemu.properties().get(name);
        if (prop == null || name.equals("id")) {
            throw new AdapterException(spec.errorAt(key, name) + key + "." + name + ": QEMU " + qemu.version() + " has no property '" + name
                    + "' on " + s.driver() + "; " + DidYouMean.hint(name, qemu.properties().keySet()) + "its properties: "
                    + String.join(", ", new TreeSet<>(qemu.properties().keySet())));
        }
        return prop;
    }

    /** A QEMU property type as a migration info type: bool, integers as int, everything else as str. */
    static String type(String qemuType) {
        if (qemuType.equals("bool")) {
            return "bool";
        }
        return qemuType.matches("u?int(8|16|32|64)?|size") ? "int" : "str";
    }

    private static JsonNode asType(JsonNode v, String type) {
        return type.equals("str") && !v.isTextual() ? JSON.getNodeFactory().textNode(v.asText()) : v;
    }

    private static boolean sameValue(JsonNode qemu, JsonNode manifest, String type) {
        return switch (type) {
            case "bool" -> manifest.isBoolean() && qemu.asBoolean() == manifest.asBoolean();
            case "int" -> manifest.canConvertToLong() && qemu.asLong() == manifest.asLong();
            default -> qemu.asText().equals(manifest.asText());
        };
    }
}
