package org.migcert.adapters.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.migcert.adapter.ImplementationSpec;

/** Implementation specs of the {@code container} adapter from manifest-entry YAML, as the manifest loader hands them over. */
final class ContainerSpecs {
    /** The fixture image's device program, without its {@code --class=}. */
    static final String PROGRAM = "[java, -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -cp, /opt/migcert/migcert.jar,"
            + " org.migcert.device.DeviceProgram";
    /** refnic 1.2 in the fixture image. */
    static final String REFNIC_12 = "image: " + DockerForTests.FIXTURE_IMAGE + "\ncommand: " + PROGRAM
            + ", --class=org.migcert.fixtures.refnic.RefNic12]";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ContainerSpecs() {
    }

    /** An entry of a manifest in {@code baseDir}. */
    static ImplementationSpec spec(String yaml, Path baseDir) {
        try {
            JsonNode settings = YAML.readTree(yaml);
            return new ImplementationSpec("t", "container", settings, Optional.ofNullable(settings.get("info")), baseDir,
                    "test.yaml:1", Duration.ofSeconds(20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
