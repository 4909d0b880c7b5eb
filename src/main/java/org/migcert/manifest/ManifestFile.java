package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * One manifest file made ready to merge: its {@code defaults:} filled into the implementation
 * entries written in it, and lists nested in those entries spliced. {@code extends:} and
 * {@code defaults:} themselves are dropped; everything else is kept with its position.
 */
final class ManifestFile {
    static final String IMPLEMENTATIONS_KEY = "implementations";
    static final String IMPLEMENTATIONS = "/" + IMPLEMENTATIONS_KEY;
    private static final String DEFAULTS = "/defaults";
    /** Consumed here: the merged tree has neither. */
    private static final Set<String> DROPPED = Set.of("extends", "defaults");

    private ManifestFile() {
    }

    static LocatedYaml expand(LocatedYaml own, ImplementationKeys keys) throws ManifestException {
        JsonNode defaults = own.at(DEFAULTS);
        if (!defaults.isMissingNode() && !defaults.isObject()) {
            throw own.error(DEFAULTS, "'defaults' must map implementation keys to values, like adapter: vfio-user");
        }
        Keys.check(own, DEFAULTS, keys.defaultable(), "defaults");
        LocatedYaml.Builder b = new LocatedYaml.Builder();
        b.place("", own.position(""));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        boolean entries = own.at(IMPLEMENTATIONS).isArray();
        b.takeMembers(own, "", "", root, k -> !DROPPED.contains(k) && !(entries && k.equals(IMPLEMENTATIONS_KEY)));
        if (entries) {
            root.set(IMPLEMENTATIONS_KEY, entries(own, b));
        }
        return b.build(own.file(), root);
    }

    /** Each entry with the defaults it does not give itself; a default is "written" where defaults: gives it. */
    private static ArrayNode entries(LocatedYaml own, LocatedYaml.Builder b) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        b.place(IMPLEMENTATIONS, own.position(IMPLEMENTATIONS));
        for (int i = 0; i < own.at(IMPLEMENTATIONS).size(); i++) {
            String at = LocatedYaml.child(IMPLEMENTATIONS, i);
            JsonNode e = own.at(at);
            if (!e.isObject()) {
                out.add(b.take(own, at, at)); // the loader says what an entry must be
                continue;
            }
            ObjectNode entry = JsonNodeFactory.instance.objectNode();
            b.place(at, own.position(at));
            for (Map.Entry<String, JsonNode> m : e.properties()) {
                String k = LocatedYaml.child(at, m.getKey());
                entry.set(m.getKey(), spliced(own, k, k, b));
            }
            for (Map.Entry<String, JsonNode> d : own.at(DEFAULTS).properties()) {
                if (!e.has(d.getKey())) {
                    entry.set(d.getKey(), spliced(own, LocatedYaml.child(DEFAULTS, d.getKey()),
                            LocatedYaml.child(at, d.getKey()), b));
                }
            }
            out.add(entry);
        }
        return out;
    }

    /**
     * A setting whose list holds lists gets them spliced in place, so one anchored argv prefix
     * serves several commands: {@code command: [*program, --class=X]}. YAML itself cannot
     * concatenate lists. Inline {@code info:} is migration info and is kept exactly as written.
     */
    private static JsonNode spliced(LocatedYaml src, String from, String to, LocatedYaml.Builder b) {
        JsonNode n = src.at(from);
        boolean nested = n.isArray() && hasList(n);
        if (!nested || from.endsWith("/info")) {
            return b.take(src, from, to);
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        b.place(to, src.position(from));
        splice(src, from, to, out, b);
        return out;
    }

    private static boolean hasList(JsonNode list) {
        for (JsonNode item : list) {
            if (item.isArray()) {
                return true;
            }
        }
        return false;
    }

    private static void splice(LocatedYaml src, String from, String to, ArrayNode out, LocatedYaml.Builder b) {
        JsonNode n = src.at(from);
        for (int j = 0; j < n.size(); j++) {
            String item = LocatedYaml.child(from, j);
            if (n.get(j).isArray()) {
                splice(src, item, to, out, b);
            } else {
                out.add(b.take(src, item, LocatedYaml.child(to, out.size())));
            }
        }
    }
}
