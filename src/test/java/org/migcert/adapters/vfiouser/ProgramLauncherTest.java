package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.migcert.adapter.AdapterException;
import org.migcert.device.DeviceProgram;
import org.migcert.model.MigrationInfoJson;

/**
 * What the adapter relies on from a started {@link DeviceProgram}, the same for both launchers:
 * one operating-system process per program, and a thread of this JVM.
 */
class ProgramLauncherTest {
    private static final long LIMIT_MILLIS = Specs.TIMEOUT.toMillis();

    @TempDir
    Path dir;

    /** Each launcher with the exit status of a program it terminated while serving. */
    static Stream<Arguments> launchers() {
        return Stream.of(
                Arguments.of(Named.of("process", (ProgramLauncher) ProgramProcess::start), 128 + 15), // SIGTERM
                Arguments.of(Named.of("in-JVM", InJvmProgram.launcher()), DeviceProgram.OK));
    }

    @AfterEach
    void nothingLeftRunning() {
        assertEquals(0, ProcessRegistry.liveCount(), "device processes still running");
        assertEquals(List.of(), InJvmProgram.liveThreads(), "in-JVM device programs still running");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("launchers")
    void printsItsInfoOnStdoutAndExitsZero(ProgramLauncher launcher) throws Exception {
        StartedProgram p = launcher.start(tiny().forInfo(), dir, MigrationInfoJson.MAX_CHARS);
        try {
            assertTrue(p.waitFor(LIMIT_MILLIS), p::diagnostics);
            assertEquals(0, p.exitValue(), p::diagnostics);
            String info = p.completeStdout().orElseThrow();
            assertTrue(MigrationInfoJson.parse(info, "stdout").model(TinyDevice.MODEL).isPresent(), info);
        } finally {
            p.terminate();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("launchers")
    void refusalIsExitOneWithTheReasonOnStderr(ProgramLauncher launcher) throws Exception {
        Path sock = dir.resolve("device.sock");
        StartedProgram p = launcher.start(tiny().forInstance(sock, Map.of(TinyDevice.PARAM, "7")), dir,
                OutputTail.DEFAULT_CAPACITY);
        try {
            assertTrue(p.waitFor(LIMIT_MILLIS), p::diagnostics);
            assertEquals(DeviceProgram.REFUSED, p.exitValue(), p::diagnostics);
            assertTrue(p.stderrTail().contains("bar-size=7 is not allowed"), p::diagnostics);
            assertFalse(Files.exists(sock), "a refused instance created its socket");
        } finally {
            p.terminate();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("launchers")
    void terminateStopsAServingProgramAndRemovesItsSocket(ProgramLauncher launcher, int terminatedStatus)
            throws Exception {
        Path sock = dir.resolve("device.sock");
        StartedProgram p = launcher.start(tiny().forInstance(sock, Map.of()), dir, OutputTail.DEFAULT_CAPACITY);
        try {
            Awaitility.await("socket of " + p.name()).atMost(Duration.ofMillis(LIMIT_MILLIS))
                    .until(() -> Files.exists(sock) || !p.isAlive());
            assertTrue(p.isAlive(), p::diagnostics);
        } finally {
            p.terminate();
        }
        assertFalse(p.isAlive());
        assertEquals(terminatedStatus, p.exitValue(), "stopped politely, not forced: " + p.diagnostics());
        assertFalse(Files.exists(sock), "the program left its socket behind");
    }

    private static CommandTemplate tiny() throws AdapterException {
        return CommandTemplate.of(Specs.spec(Specs.TINY_COMMAND));
    }
}
