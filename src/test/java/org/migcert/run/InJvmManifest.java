package org.migcert.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.migcert.adapters.vfiouser.InJvmVfioUserAdapter;

/**
 * A copy of a vfio-user device manifest whose implementations use the test-only
 * {@value InJvmVfioUserAdapter#NAME} adapter: the same commands, run on threads of this JVM.
 * (Once manifests can extend one another, this becomes a derived manifest of a few lines.)
 */
final class InJvmManifest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private InJvmManifest() {
    }

    /**
     * Writes the copy as {@code dir/device.yaml}. Relative paths in it would resolve against
     * {@code dir}, so the source's commands must have none (refnic-vfio-user's use {java} and {classpath}).
     */
    static Path write(Path manifest, Path dir) throws IOException {
        JsonNode root = YAML.readTree(manifest.toFile());
        for (JsonNode impl : root.path("implementations")) {
            if (!impl.path("adapter").asText().equals("vfio-user")) {
                throw new AssertionError(manifest + ": implementation " + impl.path("id") + " is not vfio-user");
            }
            ((ObjectNode) impl).put("adapter", InJvmVfioUserAdapter.NAME);
        }
        Path out = dir.resolve("device.yaml");
        YAML.writeValue(out.toFile(), root);
        return out;
    }
}
