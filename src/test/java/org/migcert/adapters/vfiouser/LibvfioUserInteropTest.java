package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.state.StateStreams;
import org.migcert.vfiouser.DeviceFeature;
import org.migcert.vfiouser.Errno;
import org.migcert.vfiouser.Payloads;
import org.migcert.vfiouser.VfioRegionInfo;
import org.migcert.vfiouser.VfioUserClient;
import org.migcert.vfiouser.VfioUserDevice;
import org.migcert.vfiouser.VfioUserRefusedException;

/**
 * Interoperability with a third-party peer: libvfio-user's {@code samples/server} (protocol 0.2,
 * the old {@code migration} capability, takes only a socket path, serves one client), at two
 * layers: the protocol client on its own ({@link ClientLayer}) and the vfio-user adapter end to end
 * ({@link AdapterLayer}). Runs only when {@code MIGCERT_LIBVFIO_USER_SERVER} names such a binary,
 * built by hand outside this repository (see the README). The facts checked are those of that
 * sample: PCI ids dead:beef, an 8-byte BAR0 holding a time, a BAR1 with a sparse-mmap capability
 * (12 KiB before libvfio-user PR #872, 16 KiB after; read from region info), one INTx, and
 * migration data that is BAR1 then BAR0.
 */
@EnabledIfEnvironmentVariable(named = LibvfioUserInteropTest.ENV, matches = ".+",
        disabledReason = "set " + LibvfioUserInteropTest.ENV + " to a libvfio-user samples/server binary to run")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LibvfioUserInteropTest {
    static final String ENV = "MIGCERT_LIBVFIO_USER_SERVER";
    /** The sample's BAR0 holds a time_t; in STOP_COPY it saves BAR1, then BAR0. */
    static final int BAR0_STATE = Long.BYTES;

    private static String server() {
        return System.getenv(ENV);
    }

    /**
     * The client against a sample server this test starts itself, no adapter involved: VERSION
     * with the old {@code migration} capability, capability chains, error replies and their
     * errno, feature probing, and a full STOP_COPY stream up to its short read.
     */
    @Nested
    class ClientLayer {
        static final Duration TIMEOUT = Duration.ofSeconds(5);

        @TempDir
        Path dir;

        @Test
        void speaksToTheSampleServer() throws Exception {
            Path sock = dir.resolve("lvu.sock");
            Path log = dir.resolve("server.log");
            Process p = new ProcessBuilder(server(), "-v", sock.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                exercise(sock);
                assertTrue(p.waitFor(5, TimeUnit.SECONDS), "the sample serves one client, then exits");
            } catch (Exception | AssertionError e) {
                e.addSuppressed(new Exception("sample server log:\n" + Files.readString(log)));
                throw e;
            } finally {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }

        private void exercise(Path sock) throws Exception {
            try (VfioUserDevice d = new VfioUserDevice(connectWhenListening(sock), () -> "", () -> { })) {
                VfioUserClient c = d.client();
                assertEquals("0.2", c.protocolVersion());
                assertEquals(1 << 20, c.maxDataXferSize());
                assertEquals(8, c.serverCapabilities().maxMsgFds());
                assertEquals(DeviceInfo.FLAG_PCI | DeviceInfo.FLAG_RESET, d.deviceInfo().flags());

                VfioRegionInfo bar1 = c.regionInfo(1);
                long bar1Size = bar1.info().size();
                assertEquals(1, bar1.capabilities().size(), "the sparse mmap capability arrives on the second ask");
                assertEquals(2, le(bar1.capabilities().get(0).body()).getInt(), "two mmap areas");
                byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
                d.write(1, 0, data);
                assertArrayEquals(data, d.read(1, 0, data.length));
                VfioUserRefusedException outside = assertThrows(VfioUserRefusedException.class,
                        () -> d.read(1, bar1Size, 4));
                assertEquals(Errno.EINVAL, outside.errno());

                armTimer(d, 3600);
                assertTrue(c.featureProbe(DeviceFeature.MIG_DEVICE_STATE, DeviceFeature.GET | DeviceFeature.SET));
                d.setState(MigState.STOP_COPY);
                assertThrows(VfioUserRefusedException.class, () -> d.read(1, 0, 8), "no region access in STOP_COPY");
                assertThrows(VfioUserRefusedException.class, () -> d.setState(MigState.PRE_COPY));
                assertEquals(bar1Size + BAR0_STATE, d.readData(ByteBuffer.allocate(1 << 16)));
                d.setState(MigState.RUNNING);
                d.reset();
                assertEquals(MigState.RUNNING, d.state());
            }
        }

        /** The socket file can exist a moment before the sample listens: retry until it answers. */
        private VfioUserClient connectWhenListening(Path sock) throws Exception {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                try {
                    return VfioUserClient.connect(sock, TIMEOUT);
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
        }
    }

    /**
     * The vfio-user adapter end to end: a command with {@code {socket}} and inline info, one
     * sample process per instance, the hardware interface and state machine as the suites see
     * them, and a migration between two sample processes.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AdapterLayer {
        private Implementation sample;

        @BeforeAll
        void open() throws Exception {
            sample = Adapters.byName("vfio-user").open(Specs.spec("command: ['" + server().replace("'", "''")
                    + "', -v, '{socket}']\ninfo: {models: {example.org/libvfio-user-sample: {params: {}}}}"));
        }

        @AfterAll
        void close() {
            sample.close();
        }

        @Test
        void describesTheDevice() {
            try (DeviceInstance d = sample.create(Map.of())) {
                DeviceInfo info = d.deviceInfo();
                assertTrue((info.flags() & DeviceInfo.FLAG_PCI) != 0, "not a PCI device: " + info);
                assertEquals(9, info.numRegions(), info.toString());
                assertEquals(5, info.numIrqs(), info.toString());
                assertEquals(BAR0_STATE, d.regionInfo(0).size());
                RegionInfo bar1 = d.regionInfo(1);
                assertTrue(bar1.size() == 0x3000 || bar1.size() == 0x4000, bar1.toString());
                assertTrue((bar1.flags() & RegionInfo.FLAG_CAPS) != 0, "BAR1 has a sparse-mmap capability: " + bar1);
                assertEquals(256, d.regionInfo(RegionInfo.PCI_CONFIG_INDEX).size());
                assertEquals(1, d.irqInfo(0).count());

                ByteBuffer ids = le(d.read(RegionInfo.PCI_CONFIG_INDEX, 0, 4));
                assertEquals(0xdead, Short.toUnsignedInt(ids.getShort()));
                assertEquals(0xbeef, Short.toUnsignedInt(ids.getShort()));
            }
        }

        @Test
        void bar0HoldsATimeAndStopCopySavesTheDevice() {
            try (DeviceInstance d = sample.create(Map.of())) {
                long later = armTimer(d, 3600);
                long delta = le(d.read(0, 0, BAR0_STATE)).getLong();
                assertTrue(delta > -3700 && delta <= -3590, "BAR0 reads now - written time, got " + delta);
                byte[] pattern = pattern(0x40);
                d.write(1, 0, pattern);
                assertArrayEquals(pattern, d.read(1, 0, pattern.length));

                int bar1 = (int) d.regionInfo(1).size();
                long flags = d.migrationFlags();
                assertEquals(MigrationFlags.STOP_COPY | MigrationFlags.PRE_COPY, flags, MigrationFlags.describe(flags));
                assertEquals(MigState.RUNNING, d.state());
                d.setState(MigState.STOP);
                assertEquals(MigState.STOP, d.state());
                d.setState(MigState.STOP_COPY);
                assertEquals(MigState.STOP_COPY, d.state());
                // libvfio-user refuses region accesses in STOP_COPY, and every command but region
                // access, DEVICE_FEATURE and MIG_DATA_READ in STOP and STOP_COPY (info included).
                assertThrows(RequestRefusedException.class, () -> d.read(0, 0, BAR0_STATE), "region read in STOP_COPY");
                assertThrows(RequestRefusedException.class, () -> d.regionInfo(1), "region info in STOP_COPY");

                byte[] state = save(d);
                assertEquals(bar1 + BAR0_STATE, state.length);
                assertArrayEquals(pattern, Arrays.copyOf(state, pattern.length));
                assertEquals(later, le(Arrays.copyOfRange(state, bar1, state.length)).getLong());
                d.setState(MigState.STOP);
                d.setState(MigState.RUNNING);
                assertEquals(MigState.RUNNING, d.state());
            }
        }

        @Test
        void stateMovesBetweenTwoServers() throws Exception {
            try (DeviceInstance src = sample.create(Map.of()); DeviceInstance dst = sample.create(Map.of())) {
                armTimer(src, 7200);
                byte[] pattern = pattern((int) src.regionInfo(1).size());
                src.write(1, 0, pattern);
                src.setState(MigState.STOP_COPY);
                dst.setState(MigState.RESUMING);
                try (OutputStream out = StateStreams.loading(dst)) {
                    StateStreams.saving(src).transferTo(out);
                    out.flush();
                }
                dst.setState(MigState.RUNNING);
                assertArrayEquals(Arrays.copyOf(pattern, 0x40), dst.read(1, 0, 0x40));
                long delta = le(dst.read(0, 0, BAR0_STATE)).getLong();
                assertTrue(delta > -7300 && delta <= -7190, "BAR0 after load: " + delta);
                src.setState(MigState.STOP);
                src.setState(MigState.RUNNING);
            }
        }
    }

    /**
     * Writes a time {@code seconds} ahead into BAR0 and returns it: back in RUNNING the sample
     * re-arms a timer from BAR0, which fails unless that time lies ahead, and never fires here.
     */
    private static long armTimer(DeviceInstance d, long seconds) {
        long later = System.currentTimeMillis() / 1000 + seconds;
        d.write(0, 0, Payloads.allocate(BAR0_STATE).putLong(later).array());
        return later;
    }

    /** Reads the whole stream through the device's data channel: a short read ends it (FSM-4). */
    private static byte[] save(DeviceInstance d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        int n;
        do {
            n = d.readData(buf.clear());
            out.write(buf.array(), 0, n);
        } while (n == buf.capacity());
        return out.toByteArray();
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(Payloads.ORDER);
    }
}
