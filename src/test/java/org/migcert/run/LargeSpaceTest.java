package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    /** 2 x 3^12 = 1 062 882 configurations; the program is never started by --list but to read its features. */
    static Path huge(Path dir) throws IOException {
        String params = IntStream.range(0, 12).mapToObj(i -> "p" + i + ": {type: int, init_value: 0, off_value: 0,"
                + " allowed_values: [0, 1, 2]}").collect(Collectors.joining(", "));
        Path manifest = dir.resolve("device.yaml");
        Files.writeString(manifest, "model: example.org/huge\nimplementations:\n  - id: \"1.0\"\n    adapter: vfio-user\n"
                + "    command: [/bin/false, \"{socket}\", \"{params}\"]\n"
                + "    info: {models: {example.org/huge: {params: {flag: {type: bool, init_value: false}, " + params + "}}}}\n");
        return manifest;
    }

    @Test
    void aHugeSpaceIsRefusedFromItsSize(@TempDir Path dir) throws Exception {
        Path manifest = huge(dir);
        Cli run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("run", "--device", manifest.toString(),
                "--list"));
        assertEquals(2, run.exit, run::toString);
        assertTrue(run.err.contains("has 1062882 configurations, more than max-configurations 4096"), run.err);
    }

    /**
     * The same million configurations under the t-way profile: a covering array of them is planned,
     * checked and listed in under a second of this thread's processor time (generation is bounded by
     * work, not by time: on a loaded machine the wall time may be longer, never the work).
     */
    @Test
    void aMillionConfigurationsAreListedInUnderASecondWithTWay(@TempDir Path dir) throws Exception {
        Path manifest = huge(dir);
        Cli.run("run", "--device", manifest.toString(), "--profile", "suites/t-way.yaml", "--list"); // warm the JVM
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wall = System.nanoTime();
        Duration[] took = new Duration[1];
        Cli run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long cpu = threads.getCurrentThreadCpuTime(); // the thread that runs the CLI
            Cli r = Cli.run("run", "--device", manifest.toString(), "--profile", "suites/t-way.yaml", "--list");
            took[0] = Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpu);
            return r;
        });
        assertEquals(0, run.exit, run::toString);
        assertTrue(took[0].compareTo(Duration.ofSeconds(1)) < 0, "--list took " + took[0] + " of processor time");
        assertTrue(run.err.contains("migcert: configurations of 1.0: t-way strength 2, seed 1: ")
                && run.err.contains(" of 1062882 candidate combinations") && run.err.contains("every 2-tuple covered"),
                run.err);
        assertTrue(run.out.lines().count() > 100, "the planned cases are listed");
        System.out.println("--list of 1062882 configurations: " + took[0].toMillis() + " ms processor time, "
                + Duration.ofNanos(System.nanoTime() - wall).toMillis() + " ms wall");
    }
}
