package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a dead harness left is removed, and said once per dead run; what a live harness owns is
 * never touched. The dead harness here is this JVM's pid with another start time: to the cleanup,
 * that is a harness that no longer runs (its pid was reused). Its directories are made in a
 * directory of this test's; its process is visible to every migcert run on the machine, and any of
 * them may be the one that kills it.
 */
class DeadRunsTest {
    private static final Owner DEAD = new Owner(ProcessHandle.current().pid(), 1);

    @Test
    void removesTheDirectoriesAndProcessesOfADeadRunAndSaysSo(@TempDir Path tmp) throws Exception {
        Path dead = Files.createDirectory(tmp.resolve(PrivateDir.PREFIX + DEAD + "-42"));
        Path live = Files.createDirectory(tmp.resolve(PrivateDir.PREFIX + Owner.current() + "-43"));
        Files.writeString(dead.resolve("device.sock"), "left behind");
        // A container implementation's directory, with an instance's directory inside, goes the same way.
        Path deadContainer = Files.createDirectory(tmp.resolve(PrivateDir.CONTAINER_PREFIX + DEAD + "-44"));
        Files.writeString(Files.createDirectory(deadContainer.resolve(PrivateDir.NESTED_PREFIX + "45"))
                .resolve("device.sock"), "left behind");
        Path liveContainer = Files.createDirectory(tmp.resolve(PrivateDir.CONTAINER_PREFIX + Owner.current() + "-46"));
        ProcessBuilder pb = new ProcessBuilder("sleep", "600");
        pb.environment().put(Label.VARIABLE, new Label(DEAD, 7).toString());
        Process orphan = pb.start();
        try {
            List<String> said = DeadRuns.cleanUp(tmp);
            String line = "migcert: removed 2 socket directories and [01] processes left by a dead run \\(pid "
                    + DEAD.pid() + "\\)";
            assertTrue(said.stream().anyMatch(l -> l.matches(line)), said.toString());
            assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "the dead run's process was killed");
            assertFalse(Files.exists(dead), "the dead run's directory was removed");
            assertFalse(Files.exists(deadContainer), "the dead run's container directory was removed");
            assertTrue(Files.isDirectory(live), "a live run's directory is kept");
            assertTrue(Files.isDirectory(liveContainer), "a live run's container directory is kept");
            assertEquals(List.of(), DeadRuns.cleanUp(tmp).stream().filter(l -> l.endsWith("(pid " + DEAD.pid() + ")"))
                    .toList(), "nothing is left to remove a second time");
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void ownersAreTheirPidAndStartTime() {
        assertTrue(Owner.current().isAlive());
        assertFalse(DEAD.isAlive(), "same pid, another start: another process");
        assertEquals(Owner.current(), Owner.parse(Owner.current().toString()).orElseThrow());
        assertEquals(new Label(DEAD, 7), Label.parse(new Label(DEAD, 7).toString()).orElseThrow());
        assertTrue(Label.parse("1.2").isEmpty() && Label.parse("x.y.z").isEmpty() && Owner.parse("12").isEmpty());
    }
}
