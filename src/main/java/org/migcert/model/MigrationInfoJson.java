package org.migcert.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the migration-info JSON:
 * {@code {"models":{"<id>":{"params":{"<name>":{"type","init_value","off_value","allowed_values","description"}}}}}}.
 * Untrusted input: every malformed piece is reported with origin, model, parameter and value.
 */
public final class MigrationInfoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("(-?\\d+)-(-?\\d+)");
    /** Bound on what is parsed: info is small; anything bigger is a misbehaving program. */
    public static final int MAX_CHARS = 1 << 20;

    private MigrationInfoJson() {
    }

    public static MigrationInfo parse(String json, String origin) throws InfoException {
        if (json.length() > MAX_CHARS) {
            throw new InfoException(origin + ": migration info is " + json.length() + " characters, more than the "
                    + MAX_CHARS + " accepted");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Constraint violations (nesting depth, number length) carry no location.
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new InfoException(origin + ": migration info is not JSON" + at + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InfoException(origin + ": migration info must be a JSON object with a \"models\" key");
        }
        return fromTree(root, origin);
    }

    /** Reads an already parsed tree (for example info given inline in a manifest). */
    public static MigrationInfo fromTree(JsonNode root, String origin) throws InfoException {
        JsonNode models = root.get("models");
        if (models == null || !models.isObject() || models.isEmpty()) {
            throw new InfoException(origin + ": migration info needs \"models\": an object with at least one model id");
        }
        Map<String, ModelInfo> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            String modelId = m.getKey();
            if (modelId.isBlank() || modelId.contains("://")) {
                throw new InfoException(origin + ": model id '" + modelId
                        + "' must be a non-empty stable id without a scheme, such as example.org/refnic");
            }
            JsonNode params = m.getValue().get("params");
            if (params == null) {
                params = MAPPER.createObjectNode();
            }
            if (!params.isObject()) {
                throw new InfoException(origin + ": model " + modelId + ": \"params\" must be an object of parameters, got "
                        + excerpt(params));
            }
            Map<String, ParamSpec> specs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> pit = params.fields(); pit.hasNext(); ) {
                Map.Entry<String, JsonNode> p = pit.next();
                specs.put(p.getKey(), param(origin, modelId, p.getKey(), p.getValue()));
            }
            out.put(modelId, new ModelInfo(modelId, specs));
        }
        return new MigrationInfo(out);
    }

    private static ParamSpec param(String origin, String model, String name, JsonNode node) throws InfoException {
        String where = origin + ": model " + model + ", parameter '" + name + "'";
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new InfoException(where + ": a name may hold letters, digits, '-', '_' and '.' only");
        }
        if (!node.isObject()) {
            throw new InfoException(where + ": must be an object with \"type\" and \"init_value\", got " + excerpt(node));
        }
        JsonNode typeNode = node.get("type");
        ParamType type = typeNode == null ? null : ParamType.fromJson(typeNode.asText(null));
        if (type == null) {
            throw new InfoException(where + ": \"type\" is " + typeNode + "; use \"bool\", \"int\" or \"str\"");
        }
        JsonNode init = node.get("init_value");
        if (init == null) {
            throw new InfoException(where + ": \"init_value\" is required (the value at creation)");
        }
        Value initValue = value(where + ", init_value", type, init);
        Optional<Value> off = Optional.empty();
        JsonNode offNode = node.get("off_value");
        if (offNode != null && !offNode.isNull()) {
            off = Optional.of(value(where + ", off_value", type, offNode));
        }
        Optional<AllowedValues> allowed = Optional.empty();
        JsonNode av = node.get("allowed_values");
        if (av != null && !av.isNull()) {
            allowed = Optional.of(allowed(where + ", allowed_values", type, av));
            if (!allowed.get().contains(initValue)) {
                throw new InfoException(where + ": init_value " + initValue + " is not among allowed_values "
                        + allowed.get());
            }
            if (off.isPresent() && !allowed.get().contains(off.get())) {
                throw new InfoException(where + ": off_value " + off.get() + " is not among allowed_values "
                        + allowed.get());
            }
        }
        JsonNode desc = node.get("description");
        return new ParamSpec(name, type, initValue, off, allowed, desc == null ? "" : desc.asText(""));
    }

    private static AllowedValues allowed(String where, ParamType type, JsonNode av) throws InfoException {
        if (!av.isArray() || av.isEmpty()) {
            throw new InfoException(where + ": must be a non-empty array, got " + av);
        }
        List<Value> singles = new ArrayList<>();
        List<AllowedValues.Range> ranges = new ArrayList<>();
        for (JsonNode e : av) {
            if (type == ParamType.INT && e.isTextual()) {
                Matcher m = RANGE.matcher(e.asText());
                if (!m.matches()) {
                    throw new InfoException(where + ": '" + e.asText()
                            + "' is neither an int nor a range written \"min-max\"");
                }
                try {
                    ranges.add(new AllowedValues.Range(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                } catch (NumberFormatException ex) {
                    throw new InfoException(where + ": range '" + e.asText() + "' does not fit in 64 bits");
                } catch (IllegalArgumentException ex) {
                    throw new InfoException(where + ": " + ex.getMessage());
                }
            } else {
                singles.add(value(where, type, e));
            }
        }
        return new AllowedValues(singles, ranges);
    }

    private static Value value(String where, ParamType type, JsonNode n) throws InfoException {
        switch (type) {
            case BOOL:
                if (n.isBoolean()) {
                    return Value.bool(n.booleanValue());
                }
                if (n.isTextual() && (n.asText().equals("on") || n.asText().equals("off"))) {
                    return Value.bool(n.asText().equals("on"));
                }
                throw new InfoException(where + ": " + n + " is not a bool; use true/false or \"on\"/\"off\"");
            case INT:
                if (n.isIntegralNumber() && n.canConvertToLong()) {
                    return Value.integer(n.longValue());
                }
                throw new InfoException(where + ": " + n + " is not an int");
            default:
                if (n.isTextual()) {
                    return Value.str(n.asText());
                }
                throw new InfoException(where + ": " + n + " is not a string");
        }
    }

    /** A node as JSON text, cut short: messages quote the offending value without echoing megabytes. */
    private static String excerpt(JsonNode n) {
        String t = String.valueOf(n);
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }

    /** Writes info in the canonical JSON form, pretty-printed. */
    public static String write(MigrationInfo info) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode models = root.putObject("models");
        for (ModelInfo m : info.models().values()) {
            ObjectNode params = models.putObject(m.modelId()).putObject("params");
            for (ParamSpec p : m.params().values()) {
                ObjectNode pn = params.putObject(p.name());
                pn.put("type", p.type().jsonName());
                pn.set("init_value", MAPPER.valueToTree(p.initValue().toJson()));
                p.offValue().ifPresent(v -> pn.set("off_value", MAPPER.valueToTree(v.toJson())));
                p.allowedValues().ifPresent(a -> {
                    ArrayNode arr = pn.putArray("allowed_values");
                    a.toJson().forEach(o -> arr.add(MAPPER.valueToTree(o)));
                });
                if (!p.description().isEmpty()) {
                    pn.put("description", p.description());
                }
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
