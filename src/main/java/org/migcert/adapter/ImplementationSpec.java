package org.migcert.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
 */
public record ImplementationSpec(String id, String adapter, JsonNode settings, Optional<JsonNode> inlineInfo,
                                 Path baseDir, String where, Duration timeout) {
    /** A string setting, or empty. */
    public Optional<String> setting(String key) {
        JsonNode n = settings.get(key);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
}
