package org.migcert.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One implementation entry of a device manifest, as an adapter sees it.
 *
 * @param id          the implementation id ({@code 1.0})
 * @param adapter     the adapter name
 * @param settings    the whole YAML entry (adapter-specific keys such as {@code class} or {@code command})
 * @param inlineInfo  migration info given in the manifest, for programs that cannot print their own
 * @param baseDir     the manifest's directory: relative paths in settings resolve against it
 * @param where       "file:line" of the entry, for error messages
 * @param timeout     the time limit for any single device operation
 * @param locator     "file:line:column" of a node inside the entry, from its JSON pointer relative to the
 *                    entry ({@code /params/mtu}), so that an adapter's error names the line that wrote the value
 */
public record ImplementationSpec(String id, String adapter, JsonNode settings, Optional<JsonNode> inlineInfo,
                                 Path baseDir, String where, Duration timeout, UnaryOperator<String> locator) {
    /** An entry whose positions inside are not known: every node is said to be at the entry. */
    public ImplementationSpec(String id, String adapter, JsonNode settings, Optional<JsonNode> inlineInfo,
                              Path baseDir, String where, Duration timeout) {
        this(id, adapter, settings, inlineInfo, baseDir, where, timeout, pointer -> where);
    }

    /**
     * Where the node at the given keys inside the entry was written ({@code whereIs("params", "mtu")}),
     * or the nearest enclosing node that was; keys holding {@code /} or {@code ~} are escaped.
     */
    public String whereIs(String... keys) {
        StringBuilder pointer = new StringBuilder();
        for (String k : keys) {
            pointer.append('/').append(k.replace("~", "~0").replace("/", "~1"));
        }
        return locator.apply(pointer.toString());
    }

    /** The start of an error about the node at these keys: {@code file:line:col: implementation 'id' (adapter a): }. */
    public String errorAt(String... keys) {
        return whereIs(keys) + ": implementation '" + id + "' (adapter " + adapter + "): ";
    }

    /** A string setting, or empty. */
    public Optional<String> setting(String key) {
        JsonNode n = settings.get(key);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
}
