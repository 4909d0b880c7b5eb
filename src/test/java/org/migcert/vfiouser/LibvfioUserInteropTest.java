package org.migcert.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;

/**
 * The client against libvfio-user's sample server ({@code samples/server SOCKET}), a real
 * third-party peer. Runs only when {@code MIGCERT_LIBVFIO_USER_SERVER} names a built sample server;
 * nothing of libvfio-user is part of this repository.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LibvfioUserInteropTest {
    static final String ENV = "MIGCERT_LIBVFIO_USER_SERVER";
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The sample's BAR0 holds a time_t; in STOP_COPY it saves BAR1 and BAR0. */
    static final int BAR0_STATE = 8;

    @TempDir
    Path dir;

    @Test
    void speaksToTheSampleServer() throws Exception {
        String server = System.getenv(ENV);
        assumeTrue(server != null && !server.isEmpty(), ENV + " is not set");
        Path sock = dir.resolve("lvu.sock");
        Path log = dir.resolve("server.log");
        Process p = new ProcessBuilder(server, "-v", sock.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            exercise(sock);
            assertTrue(p.waitFor(5, TimeUnit.SECONDS), "the sample serves one client, then exits");
        } catch (Exception | AssertionError e) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            e.addSuppressed(new Exception("sample server log:\n" + Files.readString(log)));
            throw e;
        } finally {
            p.destroyForcibly();
        }
    }

    private static void exercise(Path sock) throws Exception {
        try (VfioUserDevice d = new VfioUserDevice(connectWhenListening(sock), () -> "", () -> { })) {
            VfioUserClient c = d.client();
            assertEquals("0.2", c.protocolVersion());
            assertEquals(1 << 20, c.maxDataXferSize());
            assertEquals(8, c.serverCapabilities().maxMsgFds());

            DeviceInfo info = d.deviceInfo();
            assertEquals(DeviceInfo.FLAG_PCI | DeviceInfo.FLAG_RESET, info.flags());
            VfioRegionInfo bar1 = c.regionInfo(1);
            long bar1Size = bar1.info().size();
            assertTrue(bar1Size >= 0x3000, "BAR1 of the sample: " + bar1Size);
            assertEquals(1, bar1.capabilities().size(), "the sparse mmap capability arrives on the second ask");
            assertEquals(2, ByteBuffer.wrap(bar1.capabilities().get(0).body()).order(Payloads.ORDER).getInt(),
                    "two mmap areas");
            assertEquals(256, d.regionInfo(RegionInfo.PCI_CONFIG_INDEX).size());
            ByteBuffer ids = ByteBuffer.wrap(d.read(RegionInfo.PCI_CONFIG_INDEX, 0, 4)).order(Payloads.ORDER);
            assertEquals(0xdead, Short.toUnsignedInt(ids.getShort()));
            assertEquals(0xbeef, Short.toUnsignedInt(ids.getShort()));
            assertEquals(1, d.irqInfo(0).count());

            byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
            d.write(1, 0, data);
            assertArrayEquals(data, d.read(1, 0, data.length));
            VfioUserRefusedException outside = assertThrows(VfioUserRefusedException.class, () -> d.read(1, bar1Size, 4));
            assertEquals(Errno.EINVAL, outside.errno());

            // Back in RUNNING the sample re-arms a timer from BAR0 (a time_t), which fails unless it lies ahead.
            long inAnHour = System.currentTimeMillis() / 1000 + 3600;
            d.write(0, 0, Payloads.allocate(BAR0_STATE).putLong(inAnHour).array());

            assertEquals(MigrationFlags.STOP_COPY | MigrationFlags.PRE_COPY, d.migrationFlags());
            assertTrue(c.featureProbe(DeviceFeature.MIG_DEVICE_STATE, DeviceFeature.GET | DeviceFeature.SET));
            assertEquals(MigState.RUNNING, d.state());
            d.setState(MigState.STOP_COPY);
            assertEquals(MigState.STOP_COPY, d.state());
            assertThrows(VfioUserRefusedException.class, () -> d.read(1, 0, 8), "no region access in STOP_COPY");
            assertThrows(VfioUserRefusedException.class, () -> d.setState(MigState.PRE_COPY));
            ByteBuffer state = ByteBuffer.allocate(1 << 16);
            assertEquals(bar1Size + BAR0_STATE, d.readData(state));
            d.setState(MigState.RUNNING);
            d.reset();
            assertEquals(MigState.RUNNING, d.state());
        }
    }

    /** The socket file can exist a moment before the sample listens: retry until it answers. */
    private static VfioUserClient connectWhenListening(Path sock) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
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
