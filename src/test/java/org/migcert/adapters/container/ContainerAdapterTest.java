package org.migcert.adapters.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapters.vfiouser.DeadRuns;
import org.migcert.adapters.vfiouser.Leftovers;

/**
 * The container adapter against the Docker engine and the fixture image: one container per
 * implementation with its instances as processes in it, no network, the caller's user, labels;
 * refusals by exit status through {@code docker exec}; and no container left after a close, a
 * failed start, a missing image or build, or a harness that exits on an error.
 */
@ExtendWith(ContainerTests.class)
class ContainerAdapterTest {
    /** MTU register of refnic's BAR0. */
    private static final int MTU = 0x20;

    @Test
    void instancesAreProcessesInTheImplementationsOneContainer(@TempDir Path dir) throws Exception {
        try (Implementation impl = new ContainerAdapter().open(ContainerSpecs.spec(ContainerSpecs.REFNIC_12, dir))) {
            assertEquals(1, impl.containerStarts());
            assertEquals(Optional.of(DockerForTests.client().inspectImageCmd(DockerForTests.FIXTURE_IMAGE).exec().getId()),
                    impl.codeDigest(), "the code it runs is the image, by id");
            assertEquals(1, DockerForTests.migcertLabels().size(), "one container for the implementation");
            Map<String, String> labels = DockerForTests.migcertLabels().get(0);
            assertEquals(RunLabels.THIS_RUN, labels.get(RunLabels.RUN));
            assertEquals("t", labels.get(RunLabels.IMPLEMENTATION));
            InspectContainerResponse c = inspectOurs();
            assertEquals("none", c.getHostConfig().getNetworkMode());
            assertEquals(Files.getAttribute(dir, "unix:uid") + ":" + Files.getAttribute(dir, "unix:gid"),
                    c.getConfig().getUser(), "the caller's uid:gid");
            try (DeviceInstance a = impl.create(Map.of()); DeviceInstance b = impl.create(Map.of("mtu", "9000"))) {
                assertEquals(1500, register(a, MTU));
                assertEquals(9000, register(b, MTU));
                assertEquals(3, devicePrograms(c.getId()), "the resident program and one per instance");
                assertTrue(b.diagnostics().contains("in container " + c.getName().substring(1)), b.diagnostics());
            }
            assertEquals(1, devicePrograms(c.getId()), "closed instances' processes are gone; the resident stays");
            CreationRefusedException refused = assertThrows(CreationRefusedException.class,
                    () -> impl.create(Map.of("no-such-parameter", "1")));
            assertTrue(refused.getMessage().contains("no-such-parameter"), refused.getMessage());
        }
    }

    @Test
    void anInstanceKilledInItsContainerIsACrashWithItsExitStatus(@TempDir Path dir) throws Exception {
        try (Implementation impl = new ContainerAdapter().open(ContainerSpecs.spec(ContainerSpecs.REFNIC_12, dir));
             DeviceInstance d = impl.create(Map.of("mtu", "9000"))) {
            String[][] ps = DockerForTests.client().topContainerCmd(inspectOurs().getId()).exec().getProcesses();
            long pid = Arrays.stream(ps).filter(row -> String.join(" ", row).contains("--m-mtu=9000"))
                    .mapToLong(row -> Long.parseLong(row[1])).findFirst().orElseThrow(); // PID, as the host sees it
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            DeviceFailedException e = assertThrows(DeviceFailedException.class, d::deviceInfo);
            assertEquals(DeviceFailedException.Kind.CRASHED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("in container migcert-"), e.getMessage());
            // The client can see the socket close a moment before the process has ended.
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> d.diagnostics().contains("exit status 137 (killed by signal 9)"));
        }
    }

    @Test
    void aMissingImageFailsAtOnceSayingWhatWasTried(@TempDir Path dir) {
        long start = System.nanoTime();
        AdapterException e = assertThrows(AdapterException.class, () -> new ContainerAdapter().open(ContainerSpecs.spec(
                "image: migcert/no-such-image:1\ncommand: [device]", dir)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "at once, no pull");
        for (String s : List.of("migcert/no-such-image:1", "docker.io/migcert/no-such-image:1", "Tried", "no registry",
                "docker load")) {
            assertTrue(e.getMessage().contains(s), s + " in: " + e.getMessage());
        }
    }

    @Test
    void aBuildWhoseBaseIsMissingPullsNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM migcert/no-such-base:1\n");
        AdapterException e = assertThrows(AdapterException.class, () -> new ContainerAdapter().open(ContainerSpecs.spec(
                "build: {context: .}\ncommand: [device]", dir)));
        assertTrue(e.getMessage().contains("nothing is pulled") && e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void aProgramThatEndsAtStartFailsWithTheContainersLog(@TempDir Path dir) {
        AdapterException e = assertThrows(AdapterException.class, () -> new ContainerAdapter().open(ContainerSpecs.spec(
                "image: " + DockerForTests.FIXTURE_IMAGE + "\ncommand: [java, -version]", dir)));
        assertTrue(e.getMessage().contains("did not start") && e.getMessage().contains("openjdk version"), e.getMessage());
    }

    /**
     * Its container goes with it (the extension checks); its socket directory is left for the next
     * run, as a vfio-user program's is, and that run removes it and says so.
     */
    @Test
    void aHarnessThatExitsOnAnErrorRemovesItsContainers(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ExitsWithAContainerOpen.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the harness exited");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains(ExitsWithAContainerOpen.OPENED), out);
        assertEquals(1, Leftovers.socketDirectories(p.pid()).size(), "its socket directory");
        assertTrue(DeadRuns.cleanUp().contains("migcert: removed 1 socket directories and 0 processes left by a dead"
                + " run (pid " + p.pid() + ")"));
        assertEquals(List.of(), Leftovers.socketDirectories(p.pid()));
    }

    private static InspectContainerResponse inspectOurs() {
        String id = Janitor.all(DockerForTests.client()).stream()
                .filter(c -> RunLabels.THIS_RUN.equals(c.getLabels().get(RunLabels.RUN))).findFirst().orElseThrow().getId();
        return DockerForTests.client().inspectContainerCmd(id).exec();
    }

    /** How many device programs run in the container, as {@code docker top} lists them. */
    private static long devicePrograms(String containerId) {
        String[][] ps = DockerForTests.client().topContainerCmd(containerId).exec().getProcesses();
        return Arrays.stream(ps).filter(row -> String.join(" ", row).contains("DeviceProgram --class=")
                && !String.join(" ", row).contains("docker-init")).count();
    }

    private static int register(DeviceInstance d, int offset) {
        return ByteBuffer.wrap(d.read(0, offset, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** A harness that starts a container and dies of an exception without closing it; its manifest's directory is {@code args[0]}. */
    public static final class ExitsWithAContainerOpen {
        static final String OPENED = "container open, now failing";

        public static void main(String[] args) throws Exception {
            Implementation impl = new ContainerAdapter().open(ContainerSpecs.spec(ContainerSpecs.REFNIC_12,
                    Path.of(args[0])));
            System.out.println(OPENED + ": " + impl.id());
            throw new IllegalStateException("the harness fails with its container open");
        }
    }
}
