package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The reader of one YAML text into a {@link LocatedYaml}: SnakeYAML composes the node graph
 * (anchors, aliases and {@code <<} merge keys resolved), and this class expands it into a Jackson
 * tree, recording where each node was written. Scalars are typed as YAML 1.1 types them (as Jackson's YAML
 * parser does): {@code 0x10} is 16, {@code on} is true, a quoted value is always text.
 *
 * <p>Expansion is bounded twice, because a few bytes of aliases can stand for billions of nodes:
 * SnakeYAML refuses more than {@value #MAX_COLLECTION_ALIASES} aliases to lists or mappings (its
 * own default, stated here so it cannot change under us), and that alone still lets 25 levels of
 * doubling through; so the expanded tree is also capped at {@value #MAX_NODES} nodes.
 */
final class YamlComposer {
    static final int MAX_COLLECTION_ALIASES = 50;
    static final int MAX_NODES = 100_000;

    private final Path file;
    private final Map<String, Position> positions = new HashMap<>();
    /** Lists and mappings being expanded: an alias to one of them would recurse forever. */
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Scalars scalars;
    private int nodes;

    private YamlComposer(Path file, LoaderOptions options) {
        this.file = file;
        this.scalars = new Scalars(options);
    }

    static LocatedYaml compose(Path file, String text) throws ManifestException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setMergeOnCompose(true);
        options.setCodePointLimit((int) LocatedYaml.MAX_BYTES);
        LastMark parser = new LastMark(new ParserImpl(new StreamReader(new StringReader(text)), options));
        Node root;
        try {
            root = new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ManifestException(at(file, m) + ": not valid YAML: "
                    + (e.getContext() == null ? "" : e.getContext() + ", ") + e.getProblem()
                    + "; fix the syntax (indentation, quotes, colons)");
        } catch (YAMLException e) {
            // Not a syntax error: one of the bounds above (aliases, nesting depth, size).
            throw new ManifestException(at(file, parser.last) + ": this YAML goes past what migcert reads ("
                    + e.getMessage() + "); write the values out, or use defaults: instead of nested aliases");
        }
        if (!(root instanceof MappingNode)) {
            throw new ManifestException(at(file, root == null ? null : root.getStartMark())
                    + ": expected a YAML mapping at the top level");
        }
        YamlComposer c = new YamlComposer(file, options);
        JsonNode tree = c.convert(root, "", root.getStartMark());
        return new LocatedYaml(file, tree, c.positions);
    }

    private static Position at(Path file, Mark m) {
        return m == null ? new Position(file, 1, 1) : new Position(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private ManifestException error(String pointer, String message) {
        return new ManifestException(positions.get(pointer) + ": " + message);
    }

    /** @param written where the node counts as written: a mapping value at its key, anything else at itself */
    private JsonNode convert(Node n, String pointer, Mark written) throws ManifestException {
        positions.put(pointer, at(file, written));
        if (++nodes > MAX_NODES) {
            throw error(pointer, "aliases expand this file past " + MAX_NODES + " values; write the values out");
        }
        if (n instanceof ScalarNode s) {
            return scalar(s, pointer);
        }
        if (!open.add(n)) {
            throw error(pointer, "this alias refers to a list or mapping that contains it; it would never end");
        }
        JsonNode out = n instanceof SequenceNode seq ? sequence(seq, pointer) : mapping((MappingNode) n, pointer);
        open.remove(n);
        return out;
    }

    private ArrayNode sequence(SequenceNode seq, String pointer) throws ManifestException {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Node item : seq.getValue()) {
            out.add(convert(item, LocatedYaml.child(pointer, out.size()), item.getStartMark()));
        }
        return out;
    }

    private ObjectNode mapping(MappingNode map, String pointer) throws ManifestException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new ManifestException(at(file, t.getKeyNode().getStartMark())
                        + ": a key must be plain text, not a list or mapping");
            }
            String name = key.getValue();
            // A key given twice is an error, not "last one wins": the first may be what the vendor meant.
            if (out.has(name)) {
                throw new ManifestException(at(file, key.getStartMark()) + ": key '" + name
                        + "' is given twice in this mapping; keep one");
            }
            out.set(name, convert(t.getValueNode(), LocatedYaml.child(pointer, name), key.getStartMark()));
        }
        return out;
    }

    private JsonNode scalar(ScalarNode s, String pointer) throws ManifestException {
        Tag tag = s.getTag();
        if (!tag.equals(Tag.NULL) && !tag.equals(Tag.BOOL) && !tag.equals(Tag.INT) && !tag.equals(Tag.FLOAT)) {
            return JsonNodeFactory.instance.textNode(s.getValue());
        }
        Object v;
        try {
            v = scalars.value(s);
        } catch (RuntimeException e) {
            throw error(pointer, "'" + s.getValue() + "' is not a valid " + tag.getValue() + "; quote it if it is text");
        }
        if (v == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (v instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        if (v instanceof BigInteger b) {
            return JsonNodeFactory.instance.numberNode(b);
        }
        if (v instanceof Long l) {
            return JsonNodeFactory.instance.numberNode(l);
        }
        if (v instanceof Integer i) {
            return JsonNodeFactory.instance.numberNode(i);
        }
        return JsonNodeFactory.instance.numberNode(((Number) v).doubleValue());
    }

    /** SnakeYAML's own YAML 1.1 reading of null, bool, int (hex, octal, underscores) and float scalars. */
    private static final class Scalars extends SafeConstructor {
        Scalars(LoaderOptions options) {
            super(options);
        }

        Object value(ScalarNode s) {
            return constructObject(s);
        }
    }

    /** The parser, remembering where its last event started: SnakeYAML's bound errors carry no position. */
    private static final class LastMark implements Parser {
        private final Parser parser;
        private Mark last;

        LastMark(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event e = parser.getEvent();
            last = e.getStartMark();
            return e;
        }
    }
}
