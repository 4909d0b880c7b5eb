package org.migcert.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.adapters.vfiouser.InJvmVfioUserAdapter;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestException;
import org.migcert.manifest.ManifestLoader;

/**
 * A manifest derived from a vfio-user device manifest whose implementations use the test-only
 * {@value InJvmVfioUserAdapter#NAME} adapter: the same commands, run on threads of this JVM.
 */
final class InJvmManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InJvmManifest() {
    }

    /**
     * Writes {@code dir/device.yaml}: {@code extends:} the given manifest, and each implementation
     * switched to the in-JVM adapter with its effective command (a new adapter inherits no
     * adapter-specific keys, so the command is restated).
     */
    static Path write(Path manifest, Path dir) throws IOException {
        DeviceManifest m;
        try {
            m = ManifestLoader.load(manifest);
        } catch (ManifestException e) {
            throw new IOException(e.getMessage(), e);
        }
        StringBuilder yaml = new StringBuilder("extends: " + JSON.writeValueAsString(manifest.toAbsolutePath().toString())
                + "\nimplementations:\n");
        for (ImplementationSpec s : m.implementations()) {
            if (!s.adapter().equals("vfio-user")) {
                throw new AssertionError(manifest + ": implementation " + s.id() + " is not vfio-user");
            }
            yaml.append("  - id: ").append(JSON.writeValueAsString(s.id())).append('\n')
                    .append("    adapter: ").append(InJvmVfioUserAdapter.NAME).append('\n')
                    .append("    command: ").append(JSON.writeValueAsString(s.settings().get("command"))).append('\n');
        }
        Path out = dir.resolve("device.yaml");
        Files.writeString(out, yaml);
        return out;
    }
}
