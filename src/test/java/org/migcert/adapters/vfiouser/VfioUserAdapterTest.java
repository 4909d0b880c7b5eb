package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;
import org.migcert.model.ModelInfo;
import org.migcert.state.StateStreams;

/**
 * The vfio-user adapter end to end against real processes: {@link TinyDevice} run by
 * {@code DeviceProgram} on this JVM, and small system programs that crash or never listen.
 */
class VfioUserAdapterTest {
    private static final Pattern PID = Pattern.compile("pid (\\d+)\\)");
    private static final Pattern SOCKET = Pattern.compile("--socket-path=(\\S+)");
    private static final String SILENT_INFO = "info: {models: {example.org/none: {params: {}}}}";

    private static Implementation tiny;

    @BeforeAll
    static void open() throws AdapterException {
        tiny = Adapters.byName("vfio-user").open(Specs.spec(Specs.TINY_COMMAND));
    }

    @AfterAll
    static void closeAll() {
        tiny.close();
    }

    @AfterEach
    void nothingSurvives() {
        assertEquals(0, ProcessRegistry.liveCount(), "device programs still running after the test");
    }

    @Test
    void infoComesFromTheProgram() {
        ModelInfo m = tiny.info().model(TinyDevice.MODEL).orElseThrow();
        assertEquals(16, m.param(TinyDevice.PARAM).orElseThrow().initValue().asLong());
    }

    @Test
    void regionsReadAndWriteOverTheSocket() {
        try (DeviceInstance d = tiny.create(Map.of(TinyDevice.PARAM, "64"))) {
            DeviceInfo info = d.deviceInfo();
            assertEquals(8, info.numRegions());
            assertEquals(64, d.regionInfo(0).size());
            assertEquals(0x1af4, Short.toUnsignedInt(le16(d.read(RegionInfo.PCI_CONFIG_INDEX, 0, 2))));
            byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
            d.write(0, 8, data);
            assertArrayEquals(data, d.read(0, 8, 8));
            assertEquals(MigrationFlags.STOP_COPY, d.migrationFlags() & MigrationFlags.STOP_COPY);
            assertEquals(MigState.RUNNING, d.state());
            assertTrue(d.diagnostics().contains("DeviceProgram"), d.diagnostics());
        }
    }

    @Test
    void stateMovesBetweenTwoInstances() throws IOException {
        byte[] regs = new byte[64];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = (byte) (i * 7 + 1);
        }
        Map<String, String> config = Map.of(TinyDevice.PARAM, "64");
        try (DeviceInstance src = tiny.create(config); DeviceInstance dst = tiny.create(config)) {
            src.write(0, 0, regs);
            src.setState(MigState.STOP_COPY);
            dst.setState(MigState.RESUMING);
            try (OutputStream out = StateStreams.loading(dst)) {
                StateStreams.saving(src).transferTo(out);
                out.flush(); // the last partial chunk: the stream's close() does not flush
            }
            dst.setState(MigState.RUNNING);
            assertArrayEquals(regs, dst.read(0, 0, regs.length));
        }
    }

    @Test
    void refusedConfigurationIsExitOneWithTheReason() throws IOException {
        SocketDirs before = SocketDirs.now();
        CreationRefusedException e = assertThrows(CreationRefusedException.class,
                () -> tiny.create(Map.of(TinyDevice.PARAM, "7")));
        assertTrue(e.getMessage().contains("bar-size=7 is not allowed"), e.getMessage());
        assertEquals(before, SocketDirs.now(), "a refused instance left a socket directory behind");
    }

    @Test
    void silentExitIsACrashNotARefusal() throws AdapterException {
        Implementation impl = Adapters.byName("vfio-user").open(Specs.spec("command: [/bin/false]\n" + SILENT_INFO));
        DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> impl.create(Map.of()));
        assertEquals(DeviceFailedException.Kind.CRASHED, e.kind());
        assertTrue(e.getMessage().contains("exit status 1"), e.getMessage());
    }

    @Test
    void crashAtStartReportsStatusAndStderr() throws AdapterException {
        Implementation impl = Adapters.byName("vfio-user").open(
                Specs.spec("command: [sh, -c, 'echo no license >&2; exit 3']\n" + SILENT_INFO));
        DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> impl.create(Map.of()));
        assertEquals(DeviceFailedException.Kind.CRASHED, e.kind());
        assertTrue(e.getMessage().contains("exit status 3") && e.getMessage().contains("no license"), e.getMessage());
    }

    @Test
    void programThatNeverListensFailsWithinTheLimit() throws AdapterException {
        Implementation impl = Adapters.byName("vfio-user").open(
                Specs.spec("command: [sleep, '30', '{params}']\n" + SILENT_INFO, Path.of("."), Duration.ofSeconds(1)));
        long start = System.nanoTime();
        DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> impl.create(Map.of()));
        assertEquals(DeviceFailedException.Kind.HUNG, e.kind());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "took far longer than the limit");
    }

    @Test
    void unstartableProgramIsAnAdapterErrorForInfo() {
        AdapterException e = assertThrows(AdapterException.class,
                () -> Adapters.byName("vfio-user").open(Specs.spec("command: [./no-such-program]")));
        assertTrue(e.getMessage().contains("cannot be started"), e.getMessage());
    }

    @Test
    void closeEndsTheProcessAndRemovesItsDirectory() {
        DeviceInstance d = tiny.create(Map.of());
        String diag = d.diagnostics();
        long pid = Long.parseLong(group(PID, diag));
        Path dir = Path.of(group(SOCKET, diag)).getParent();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(Files.isDirectory(dir));
        d.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " alive");
        assertFalse(Files.exists(dir), dir + " still exists");
        assertThrows(DeviceFailedException.class, d::deviceInfo);
    }

    @Test
    void implementationCloseEndsForgottenInstances() throws AdapterException {
        Implementation impl = Adapters.byName("vfio-user").open(Specs.spec(Specs.TINY_COMMAND));
        DeviceInstance d = impl.create(Map.of());
        long pid = Long.parseLong(group(PID, d.diagnostics()));
        impl.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void oneProcessPerInstance() {
        try (DeviceInstance a = tiny.create(Map.of()); DeviceInstance b = tiny.create(Map.of())) {
            assertInstanceOf(DeviceInstance.class, b);
            a.write(0, 0, new byte[] {9});
            assertEquals(0, b.read(0, 0, 1)[0], "instances share state");
            assertFalse(group(PID, a.diagnostics()).equals(group(PID, b.diagnostics())));
        }
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " not in: " + text);
        return m.group(1);
    }

    private static short le16(byte[] b) {
        return (short) ((b[0] & 0xff) | (b[1] & 0xff) << 8);
    }

    /** The socket directories of this JVM that exist now (other runs on the machine make and remove their own). */
    private record SocketDirs(Set<Path> dirs) {
        static SocketDirs now() throws IOException {
            return new SocketDirs(Set.copyOf(Leftovers.socketDirectories(ProcessHandle.current().pid())));
        }
    }
}
