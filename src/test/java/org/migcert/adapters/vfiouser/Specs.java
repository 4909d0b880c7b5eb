package org.migcert.adapters.vfiouser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.migcert.adapter.ImplementationSpec;

/** Builds implementation specs from manifest-entry YAML, as the manifest loader would hand them over. */
final class Specs {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The command that runs {@link TinyDevice} as a device program on this JVM and class path. */
    static final String TINY_COMMAND = "command: ['{java}', -cp, '{classpath}', org.migcert.device.DeviceProgram, "
            + "'--class=" + TinyDevice.class.getName() + "']";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Specs() {
    }

    static ImplementationSpec spec(String yaml) {
        return spec(yaml, Path.of("."), TIMEOUT);
    }

    static ImplementationSpec spec(String yaml, Path baseDir, Duration timeout) {
        JsonNode settings;
        try {
            settings = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return new ImplementationSpec("t", "vfio-user", settings, Optional.ofNullable(settings.get("info")), baseDir,
                "test.yaml:1", timeout);
    }
}
