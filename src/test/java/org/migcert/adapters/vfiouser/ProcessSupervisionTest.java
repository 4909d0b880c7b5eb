package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigState;
import org.migcert.state.StateStreams;

/**
 * Device programs that fork, daemonize, ignore SIGTERM or cannot be executed, run as real
 * processes: each is observed as what it is, and nothing of it is left running afterwards, found
 * by its label in {@code /proc/PID/environ} ({@link Leftovers}), never by its name.
 */
class ProcessSupervisionTest {
    /** TinyDevice as a device program, to put behind a misbehaving wrapper. */
    private static final String TINY = "'{java}', -cp, '{classpath}', org.migcert.device.DeviceProgram, '--class="
            + TinyDevice.class.getName() + "'";
    private static final String SILENT_INFO = "\ninfo: {models: {example.org/none: {params: {}}}}";
    private static final String MISBEHAVING = "fixtures/devices/misbehaving/";

    @AfterEach
    void nothingLeft() throws IOException {
        Leftovers.assertNoneOfOurs();
        assertEquals(0, ProcessRegistry.liveCount(), "registered device programs still running");
    }

    @Test
    void aDoubleForkingProgramLeavesNoDaemonBehind() throws AdapterException {
        Implementation impl = open("command: [" + MISBEHAVING + "double-forks/double-forks.sh, " + TINY + "]");
        try (DeviceInstance d = impl.create(Map.of())) {
            d.write(0, 0, new byte[] {7});
            // The program and the daemon it left in a session of its own both carry the label.
            assertTrue(Leftovers.processes(ProcessHandle.current().pid()).size() >= 2, "the daemon was started");
        } finally {
            impl.close();
        }
    }

    @Test
    void aFloodOfStderrNeitherBlocksNorFillsMemory() throws AdapterException {
        Implementation impl = open("command: [" + MISBEHAVING + "floods-stderr/floods-stderr.sh, " + TINY + "]");
        try (DeviceInstance d = impl.create(Map.of())) {
            d.write(0, 0, new byte[] {7});
            String evidence = d.diagnostics();
            assertTrue(evidence.length() < 2 * OutputTail.DEFAULT_CAPACITY, "only the tail is kept: " + evidence.length());
            assertTrue(evidence.contains("earlier bytes dropped") && evidence.contains("8 MiB written"), evidence);
        } finally {
            impl.close();
        }
    }

    @Test
    void aProgramWhoseParentExitsAfterAForkLeavesNothing() throws AdapterException {
        Implementation impl = open("command: [sh, -c, 'sleep 600 & echo forked >&2; exit 0']" + SILENT_INFO);
        DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> impl.create(Map.of()));
        assertEquals(Kind.CRASHED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("exit status 0") && e.getMessage().contains("forked"), e.getMessage());
    }

    @Test
    void aProgramThatForksWhilePrintingItsInfoLeavesNothing() throws AdapterException {
        // The child keeps stdout open: the info is read once the child is gone, not cut short.
        Implementation impl = open("command: [sh, -c, 'sleep 600 & exec \"$@\"', sh, " + TINY + "]");
        assertTrue(impl.info().model(TinyDevice.MODEL).isPresent());
        impl.close();
    }

    @Test
    void aProgramThatIgnoresSigtermIsKilledAfterTheGrace() throws AdapterException {
        Implementation impl = open("command: [" + MISBEHAVING + "ignores-sigterm/ignores-sigterm.sh, " + TINY + "]");
        DeviceInstance d = impl.create(Map.of());
        d.write(0, 0, new byte[] {7});
        long start = System.nanoTime();
        d.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.toMillis() >= StartedProgram.GRACE_MILLIS && took.toMillis() < 3 * StartedProgram.GRACE_MILLIS,
                "SIGTERM, then SIGKILL after the grace: took " + took);
        impl.close();
    }

    @Test
    void everyCrashCarriesItsExitStatusAndStderr() throws AdapterException {
        Implementation impl = open("command: ['{java}', -cp, '{classpath}', org.migcert.device.DeviceProgram, "
                + "--class=org.migcert.fixtures.misbehaving.ExitsInStopCopy]");
        for (int i = 0; i < 5; i++) {
            try (DeviceInstance d = impl.create(Map.of())) {
                d.setState(MigState.STOP_COPY);
                DeviceFailedException e = assertThrows(DeviceFailedException.class,
                        () -> StateStreams.saving(d).readAllBytes());
                assertEquals(Kind.CRASHED, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("exit status 70"), "crash " + i + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("giving up midway through STOP_COPY"), "crash " + i + ": " + e.getMessage());
            }
        }
        impl.close();
    }

    @Test
    void aProgramThatDoesNotExistIsAStartFailure() throws AdapterException {
        assertStartFailure("command: [./no-such-device-program]", "not found");
    }

    @Test
    void aProgramThatIsNotExecutableIsAStartFailure(@TempDir Path dir) throws IOException, AdapterException {
        Path notExecutable = Files.writeString(dir.resolve("device"), "#!/bin/sh\n");
        assertStartFailure("command: [" + notExecutable + "]", "Permission denied");
    }

    @Test
    void anArgumentListTooLongIsAStartFailure() throws AdapterException {
        // One argument longer than Linux accepts in any exec (128 KiB).
        assertStartFailure("command: [/bin/true, " + "x".repeat(200_000) + "]", "Argument list too long");
    }

    @Test
    void aProgramExitingWith127ByItselfIsACrashNotAStartFailure() throws AdapterException {
        Implementation impl = open("command: [sh, -c, 'echo \"sh: 1: exec: x: not found\" >&2; exit 127']" + SILENT_INFO);
        DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> impl.create(Map.of()));
        assertEquals(Kind.CRASHED, e.kind(), e.getMessage());
    }

    @Test
    void eachProgramLeadsItsOwnSessionUnderItsOwnLabel() throws IOException {
        ProgramProcess p = ProgramProcess.start(List.of("sleep", "600"), Path.of("."), 1024);
        try {
            long pid = Long.parseLong(p.name().substring("pid ".length()));
            // setsid runs a moment after the process exists.
            Awaitility.await("pid " + pid + " leading its session and group").atMost(Duration.ofSeconds(10))
                    .until(() -> ProcFs.stat(pid).map(s -> List.of(s.session(), s.pgrp())).orElse(List.of()),
                            List.of(pid, pid)::equals);
            assertEquals(Owner.current(), Label.of(pid).orElseThrow().owner());
        } finally {
            p.terminate();
        }
        assertFalse(p.isAlive());
    }

    private static void assertStartFailure(String command, String reason) throws AdapterException {
        Implementation impl = open(command + SILENT_INFO);
        DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> impl.create(Map.of()));
        assertEquals(Kind.START_FAILED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("migcert: could not execute"), "the watchdog's marker is not evidence");
    }

    private static Implementation open(String yaml) throws AdapterException {
        return Adapters.byName("vfio-user").open(Specs.spec(yaml, Path.of("."), Duration.ofSeconds(10)));
    }
}
