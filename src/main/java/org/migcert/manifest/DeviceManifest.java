package org.migcert.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.rules.Rule;

/**
 * A device manifest ({@code device.yaml}), with the bases it extends merged in: the model, its
 * implementations in release order, version aliases, the workload that puts a source in a
 * non-initial state, and what is observed.
 *
 * @param file     the manifest that was loaded (not its bases)
 * @param versions alias name to parameter name to value text, as written
 * @param breaks      for deliberately broken fixtures: the rule the device breaks
 * @param constraints conditions every configuration meets: combinations invalid by design
 * @param mustHave    configurations every plan includes, as written (parameter name to value text)
 * @param yaml        the merged tree, each value located in the file that wrote it
 */
public record DeviceManifest(Path file, String model, StateFormat stateFormat, Optional<Rule> breaks,
                             List<ImplementationSpec> implementations, Map<String, Map<String, String>> versions,
                             List<RegisterAccess> workload, List<RegisterAccess> observe,
                             List<DeclaredConstraint> constraints, List<Map<String, String>> mustHave,
                             LocatedYaml yaml) {
    /** Where {@code must-have:} entries are, for errors about them. */
    public static final String MUST_HAVE = "/must-have";

    /** The range of {@code timeout:} (any single device operation): below it nothing can answer, above it a hang goes unseen. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);


    /** Position of an implementation in release order. */
    public int releaseIndex(String implId) {
        for (int i = 0; i < implementations.size(); i++) {
            if (implementations.get(i).id().equals(implId)) {
                return i;
            }
        }
        return -1;
    }
}
