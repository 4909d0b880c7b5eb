package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A YAML document as a tree, with the file, line and column every node was written at, so any
 * error about a value can name {@code file:line:column}. A tree merged from several files (a
 * manifest and the bases it {@code extends:}) keeps, for each node, the file it came from.
 */
public final class LocatedYaml {
    /** Manifests are small; a bigger file is a mistake, not a device. */
    public static final long MAX_BYTES = 1 << 20;

    private final Path file;
    private final JsonNode root;
    /** JSON pointer to where the node was written: for a mapping value its key, for a list element the element. */
    private final Map<String, Position> positions;

    LocatedYaml(Path file, JsonNode root, Map<String, Position> positions) {
        this.file = file;
        this.root = root;
        this.positions = Map.copyOf(positions);
    }

    public static LocatedYaml read(Path file) throws ManifestException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ManifestException(file + ": larger than " + MAX_BYTES + " bytes; is this a manifest?");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read: " + e.getMessage()
                    + "; check the path (relative paths are relative to the current directory)");
        }
        return YamlComposer.compose(file, text);
    }

    /** The file that was read (for a merged tree: the one that extends the others). */
    public Path file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** The node at a JSON pointer such as {@code /implementations/0/class}, or a missing node. */
    public JsonNode at(String pointer) {
        JsonNode n = root.at(pointer);
        return n == null ? MissingNode.getInstance() : n;
    }

    /** {@code file:line:column} of the node at a pointer, or of its nearest located parent. */
    public String where(String pointer) {
        return position(pointer).toString();
    }

    /** An error about the node at {@code pointer}. */
    public ManifestException error(String pointer, String message) {
        return new ManifestException(where(pointer) + ": " + message);
    }

    Position position(String pointer) {
        String p = pointer;
        while (true) {
            Position l = positions.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return new Position(file, 1, 1);
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }

    /** The pointer of a mapping's member: {@code ~} and {@code /} in the key escaped as JSON Pointer wants. */
    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /**
     * Assembles a tree from parts of other located trees (a base manifest, a derived one, its
     * defaults) so that every part still names the file and line it was written at.
     */
    static final class Builder {
        private final Map<String, Position> positions = new HashMap<>();

        /** The node at {@code from} in {@code source}, with the positions of it and all below it moved to {@code to}. */
        JsonNode take(LocatedYaml source, String from, String to) {
            source.positions.forEach((p, where) -> {
                if (p.equals(from) || p.startsWith(from + "/")) {
                    positions.put(to + p.substring(from.length()), where);
                }
            });
            positions.putIfAbsent(to, source.position(from));
            return source.at(from);
        }

        /** Takes each member of the mapping at {@code from} whose key {@code keep} accepts into {@code into}, at {@code to}. */
        void takeMembers(LocatedYaml source, String from, String to, ObjectNode into, Predicate<String> keep) {
            for (Map.Entry<String, JsonNode> m : source.at(from).properties()) {
                if (keep.test(m.getKey())) {
                    into.set(m.getKey(), take(source, child(from, m.getKey()), child(to, m.getKey())));
                }
            }
        }

        /** Records where a node the builder creates (a merged mapping or list) counts as written. */
        void place(String pointer, Position where) {
            positions.put(pointer, where);
        }

        LocatedYaml build(Path file, JsonNode root) {
            return new LocatedYaml(file, root, positions);
        }
    }
}
