package org.migcert.manifest;

import static org.migcert.manifest.ManifestFile.IMPLEMENTATIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A device manifest resolved into one located tree: each file of its {@code extends:} chain
 * expanded ({@link ManifestFile}), then merged onto its base. Every node keeps the file and line it
 * was written at, so an error in an inherited value names the base.
 *
 * <p>Merging a derived manifest onto its base: implementation entries are matched by {@code id};
 * the keys a derived entry gives replace the base entry's, and an entry that changes
 * {@code adapter:} drops the base's adapter-specific keys (a vfio-user entry has no use for a
 * {@code class:}). A derived id the base lacks is a new implementation appended after the base's,
 * in the order written; it must give its own {@code adapter:}, which also catches a mistyped id.
 * Every other top-level key is inherited whole unless the derived manifest gives it, which then
 * replaces it whole; {@code breaks:} is never inherited.
 */
final class ManifestTree {
    static final String EXTENDS = "/extends";
    static final Set<String> TOP_KEYS = Set.of("extends", "defaults", "model", "state-format", "breaks",
            "implementations", "versions", "workload", "observe", "timeout", "constraints", "must-have");
    private static final String BREAKS = "breaks";

    private final ImplementationKeys keys;
    /** The files resolved so far, the one asked for first: a base met twice is a cycle. */
    private final List<Path> chain = new ArrayList<>();

    private ManifestTree(ImplementationKeys keys) {
        this.keys = keys;
    }

    static LocatedYaml resolve(Path file, ImplementationKeys keys) throws ManifestException {
        return new ManifestTree(keys).resolve(LocatedYaml.read(file));
    }

    private LocatedYaml resolve(LocatedYaml own) throws ManifestException {
        Keys.check(own, "", TOP_KEYS);
        chain.add(own.file());
        LocatedYaml derived = ManifestFile.expand(own, keys);
        if (own.at(EXTENDS).isMissingNode()) {
            return derived;
        }
        return merge(resolve(base(own)), own, derived);
    }

    private LocatedYaml base(LocatedYaml own) throws ManifestException {
        String rel = Yaml.requiredText(own, EXTENDS, "the path of the base manifest, relative to this file");
        Path base = own.file().resolveSibling(rel).normalize();
        if (chain.contains(base)) {
            String cycle = Stream.concat(chain.stream(), Stream.of(base)).map(Path::toString)
                    .collect(Collectors.joining(" -> "));
            throw own.error(EXTENDS, "extends: " + rel + " leads back to a manifest already being read (" + cycle
                    + "); remove one extends: of the cycle");
        }
        if (!Files.isRegularFile(base)) {
            throw own.error(EXTENDS, "extends: " + rel + ": no such file " + base
                    + "; give the base manifest's path relative to this file's directory");
        }
        return LocatedYaml.read(base);
    }

    /** @param own the derived file as written (to tell an entry's own keys from its defaults) */
    private static LocatedYaml merge(LocatedYaml base, LocatedYaml own, LocatedYaml derived) throws ManifestException {
        LocatedYaml.Builder b = new LocatedYaml.Builder();
        b.place("", derived.position(""));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        boolean both = base.at(IMPLEMENTATIONS).isArray() && derived.at(IMPLEMENTATIONS).isArray();
        b.takeMembers(base, "", "", root, k -> !k.equals(BREAKS) && !derived.root().has(k));
        b.takeMembers(derived, "", "", root, k -> !(both && k.equals(ManifestFile.IMPLEMENTATIONS_KEY)));
        if (both) {
            root.set(ManifestFile.IMPLEMENTATIONS_KEY, implementations(base, own, derived, b));
        }
        return b.build(derived.file(), root);
    }

    private static ArrayNode implementations(LocatedYaml base, LocatedYaml own, LocatedYaml derived,
                                             LocatedYaml.Builder b) throws ManifestException {
        Map<String, String> changes = changesById(derived);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        b.place(IMPLEMENTATIONS, derived.position(IMPLEMENTATIONS));
        Set<String> baseIds = new LinkedHashSet<>();
        for (int j = 0; j < base.at(IMPLEMENTATIONS).size(); j++) {
            String from = LocatedYaml.child(IMPLEMENTATIONS, j);
            String id = base.at(from + "/id").asText();
            baseIds.add(id);
            String to = LocatedYaml.child(IMPLEMENTATIONS, out.size());
            String change = changes.get(id);
            out.add(change == null ? b.take(base, from, to) : entry(base, from, derived, change, to, b));
        }
        for (Map.Entry<String, String> c : changes.entrySet()) {
            if (baseIds.contains(c.getKey())) {
                continue;
            }
            if (!own.at(c.getValue()).has("adapter")) {
                throw derived.error(c.getValue() + "/id", "implementation '" + c.getKey() + "' is not in the base "
                        + base.file() + "; " + DidYouMean.hint(c.getKey(), baseIds)
                        + "to add a new implementation, give it its own adapter: and settings");
            }
            out.add(b.take(derived, c.getValue(), LocatedYaml.child(IMPLEMENTATIONS, out.size())));
        }
        return out;
    }

    /** The derived entries by id, in the order written: id to the entry's pointer. */
    private static Map<String, String> changesById(LocatedYaml derived) throws ManifestException {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < derived.at(IMPLEMENTATIONS).size(); i++) {
            String at = LocatedYaml.child(IMPLEMENTATIONS, i);
            if (!derived.at(at).isObject()) {
                throw derived.error(at, "an implementation must be a mapping with id and the keys it changes");
            }
            String id = Yaml.requiredText(derived, at + "/id", "the id of the implementation, such as \"1.0\" (quote it)");
            if (out.put(id, at) != null) {
                throw derived.error(at + "/id", "implementation id '" + id + "' appears twice; ids must be unique");
            }
        }
        return out;
    }

    /** A base entry with a derived entry's keys over it. */
    private static JsonNode entry(LocatedYaml base, String from, LocatedYaml derived, String change, String to,
                                  LocatedYaml.Builder b) {
        JsonNode old = base.at(from);
        JsonNode now = derived.at(change);
        if (!old.isObject()) {
            return b.take(derived, change, to);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        b.place(to, derived.position(change));
        boolean newAdapter = now.has("adapter") && !now.get("adapter").equals(old.get("adapter"));
        b.takeMembers(base, from, to, out, k -> !now.has(k) && !(newAdapter && ImplementationKeys.adapterSpecific(k)));
        b.takeMembers(derived, change, to, out, k -> true);
        return out;
    }
}
