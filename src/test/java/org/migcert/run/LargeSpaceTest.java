package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration space past the profile's bound is refused from its size, computed from the
 * candidate counts, before anything is enumerated: 2 x 3^12 configurations must not take minutes.
 * (The limit here is a guard against enumerating, not a speed target.)
 */
class LargeSpaceTest {
    @Test
    void aHugeSpaceIsRefusedFromItsSize(@TempDir Path dir) throws Exception {
        String params = IntStream.range(0, 12).mapToObj(i -> "p" + i + ": {type: int, init_value: 0, off_value: 0,"
                + " allowed_values: [0, 1, 2]}").collect(Collectors.joining(", "));
        Path manifest = dir.resolve("device.yaml");
        Files.writeString(manifest, "model: example.org/huge\nimplementations:\n  - id: \"1.0\"\n    adapter: vfio-user\n"
                + "    command: [/bin/false, \"{socket}\", \"{params}\"]\n"
                + "    info: {models: {example.org/huge: {params: {flag: {type: bool, init_value: false}, " + params + "}}}}\n");
        Cli run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("run", "--device", manifest.toString(),
                "--list"));
        assertEquals(2, run.exit, run::toString);
        assertTrue(run.err.contains("has 1062882 configurations, more than max-configurations 4096"), run.err);
    }
}
