package org.migcert.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document parsed into a tree, with the line and column of every node, so any error about
 * a value can name {@code file:line:column}.
 */
public final class LocatedYaml {
    /** Manifests are small; a bigger file is a mistake, not a device. */
    public static final long MAX_BYTES = 1 << 20;
    // A key given twice is an error, not "last one wins": the first may be what the vendor meant.
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Path file;
    private final JsonNode root;
    private final Map<String, JsonLocation> locations;

    private LocatedYaml(Path file, JsonNode root, Map<String, JsonLocation> locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
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
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ManifestException(file + ":" + syntaxErrorAt(e) + ": not valid YAML: " + e.getOriginalMessage()
                    + "; fix the syntax (indentation, quotes, colons)");
        }
        if (root == null || !root.isObject()) {
            throw new ManifestException(file + ":1:1: expected a YAML mapping at the top level");
        }
        return new LocatedYaml(file, root, locate(text));
    }

    /**
     * {@code line:column} of a syntax error: SnakeYAML's problem mark (where the offending character
     * is) when there is one; the parser's location is where the last good token ended, often the line before.
     */
    private static String syntaxErrorAt(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException m) {
            com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark mark = m.getProblemMark() != null
                    ? m.getProblemMark() : m.getContextMark();
            if (mark != null) {
                return (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            }
        }
        JsonLocation l = e.getLocation();
        return (l == null ? 0 : l.getLineNr()) + ":" + (l == null ? 0 : l.getColumnNr());
    }

    /** Second pass with the streaming parser: JSON pointer of each token to where it starts. */
    private static Map<String, JsonLocation> locate(String text) {
        Map<String, JsonLocation> out = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                // The first token seen for a pointer is its key (or its value in a list).
                out.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation());
            }
        } catch (IOException e) {
            // The first pass already accepted the text; locations are best effort.
        }
        return out;
    }

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
        String p = pointer;
        while (true) {
            JsonLocation l = locations.get(p);
            if (l != null) {
                return file + ":" + l.getLineNr() + ":" + l.getColumnNr();
            }
            if (p.isEmpty()) {
                return file + ":1:1";
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }

    /** An error about the node at {@code pointer}. */
    public ManifestException error(String pointer, String message) {
        return new ManifestException(where(pointer) + ": " + message);
    }
}
