package org.migcert.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migcert.adapter.ImplementationSpec;

/**
 * A device manifest ({@code device.yaml}): the model, its implementations in release order, version
 * aliases, the workload that puts a source in a non-initial state, and what is observed.
 *
 * @param versions alias name to parameter name to value text, as written
 * @param breaks   for deliberately broken fixtures: the rule the device breaks
 */
public record DeviceManifest(Path file, String model, StateFormat stateFormat, Optional<String> breaks,
                             List<ImplementationSpec> implementations, Map<String, Map<String, String>> versions,
                             List<RegisterAccess> workload, List<RegisterAccess> observe, LocatedYaml yaml) {

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
