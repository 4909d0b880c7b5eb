package org.migcert.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;

/** Client and server against each other over a real UNIX socket, every command, with a fake device behind the server. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@SuppressWarnings("try") // servers are held open for the duration of a try block
class VfioUserLoopbackTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Three MiB and a bit: four messages at 1 MiB, the last one short. */
    static final int STREAM = 3 * (1 << 20) + 5;

    @TempDir
    Path dir;

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * seed + 3);
        }
        return b;
    }

    @Test
    void negotiatesVersionAndCapabilities() throws IOException {
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(new FakeDevice(STREAM), sock);
             VfioUserClient c = VfioUserClient.connect(sock, TIMEOUT)) {
            assertEquals("0.2", c.protocolVersion());
            assertEquals(1 << 20, c.maxDataXferSize());
            assertEquals(new Capabilities(0, 1 << 20, VfioUserClient.DEFAULT_READ_DEPTH), c.serverCapabilities());
            assertEquals(VfioUserClient.DEFAULT_READ_DEPTH, c.readDepth(), "the server takes up the client's offer");
        }
        assertFalse(Files.exists(sock), "close() removes the socket file");
    }

    @Test
    void infoCommandsCarryTheDevicesAnswers() throws IOException {
        FakeDevice dev = new FakeDevice(STREAM);
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(dev, sock);
             VfioUserClient c = VfioUserClient.connect(sock, TIMEOUT)) {
            assertEquals(dev.deviceInfo(), c.deviceInfo());
            assertEquals(new VfioRegionInfo(dev.regionInfo(0), java.util.List.of()), c.regionInfo(0));
            assertEquals(dev.regionInfo(RegionInfo.PCI_CONFIG_INDEX), c.regionInfo(RegionInfo.PCI_CONFIG_INDEX).info());
            assertEquals(new IrqInfo(0, 1, 1), c.irqInfo(0));
            assertEquals(new IrqInfo(4, 0, 0), c.irqInfo(4));
        }
    }

    @Test
    void regionWritesAndReadsRoundTrip() throws IOException {
        FakeDevice dev = new FakeDevice(STREAM);
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(dev, sock);
             VfioUserClient c = VfioUserClient.connect(sock, TIMEOUT)) {
            byte[] data = pattern(FakeDevice.BAR0_SIZE, 7);
            c.regionWrite(0, 0, data);
            assertArrayEquals(data, dev.bar0);
            assertArrayEquals(data, c.regionRead(0, 0, data.length));
            assertArrayEquals(new byte[] {(byte) 0xf4, 0x1a}, c.regionRead(RegionInfo.PCI_CONFIG_INDEX, 0, 2));
            c.regionWrite(0, 0x10, new byte[] {1, 2, 3, 4});
            assertArrayEquals(new byte[] {1, 2, 3, 4}, c.regionRead(0, 0x10, 4));
            assertEquals(0, c.regionRead(0, 0, 0).length);
        }
    }

    @Test
    void regionAccessSplitsAtTheNegotiatedTransferSize() throws IOException {
        FakeDevice dev = new FakeDevice(STREAM);
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(dev, sock);
             VfioUserClient c = VfioUserClient.connect(sock, TIMEOUT, 1024)) {
            assertEquals(1024, c.maxDataXferSize());
            byte[] data = pattern(FakeDevice.BAR0_SIZE, 13);
            c.regionWrite(0, 0, data);
            assertEquals(4, dev.regionWrites);
            assertArrayEquals(data, c.regionRead(0, 0, data.length));
            assertEquals(4, dev.regionReads);
        }
    }

    @Test
    void refusalsCarryCommandAndErrnoAndLeaveTheConnectionUsable() throws IOException {
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(new FakeDevice(STREAM), sock);
             VfioUserClient c = VfioUserClient.connect(sock, TIMEOUT)) {
            VfioUserRefusedException outOfBounds = assertThrows(VfioUserRefusedException.class,
                    () -> c.regionRead(0, FakeDevice.BAR0_SIZE - 2, 4));
            assertEquals(Command.REGION_READ, outOfBounds.command());
            assertEquals(FakeDevice.EFAULT, outOfBounds.errno(), "the device's errno passes through");

            VfioUserRefusedException noRegion = assertThrows(VfioUserRefusedException.class,
                    () -> c.regionWrite(3, 0, new byte[4]));
            assertEquals(Command.REGION_WRITE, noRegion.command());
            assertEquals(Errno.EINVAL, noRegion.errno(), "other device exceptions become EINVAL");

            VfioUserRefusedException noIrq = assertThrows(VfioUserRefusedException.class, () -> c.irqInfo(99));
            assertEquals(Command.DEVICE_GET_IRQ_INFO, noIrq.command());

            assertEquals(FakeDevice.NUM_REGIONS, c.deviceInfo().numRegions());
        }
    }

    @Test
    void resetReturnsTheDeviceToRunning() throws IOException {
        FakeDevice dev = new FakeDevice(STREAM);
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(dev, sock);
             VfioUserClient c = VfioUserClient.connect(sock, TIMEOUT)) {
            c.setMigDeviceState(MigState.STOP.code());
            assertEquals(MigState.STOP.code(), c.migDeviceState());
            c.reset();
            assertEquals(1, dev.resets);
            assertEquals(MigState.RUNNING.code(), c.migDeviceState());
        }
    }

    @Test
    void deviceFeaturesProbeGetAndSet() throws IOException {
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(new FakeDevice(STREAM), sock);
             VfioUserDevice d = new VfioUserDevice(VfioUserClient.connect(sock, TIMEOUT), () -> "", () -> { })) {
            VfioUserClient c = d.client();
            assertEquals(MigrationFlags.STOP_COPY | MigrationFlags.PRE_COPY, d.migrationFlags());
            assertEquals(MigState.RUNNING, d.state());

            assertTrue(c.featureProbe(DeviceFeature.MIGRATION, DeviceFeature.GET));
            assertTrue(c.featureProbe(DeviceFeature.MIG_DEVICE_STATE, DeviceFeature.GET | DeviceFeature.SET));
            assertFalse(c.featureProbe(DeviceFeature.MIGRATION, DeviceFeature.SET));
            assertFalse(c.featureProbe(6, 0), "DMA logging is not offered");

            VfioUserRefusedException setMigration = assertThrows(VfioUserRefusedException.class,
                    () -> c.featureSet(DeviceFeature.MIGRATION, new byte[8]));
            assertEquals(Command.DEVICE_FEATURE, setMigration.command());
            assertEquals(Errno.EINVAL, setMigration.errno());

            d.setState(MigState.STOP);
            assertEquals(MigState.STOP, d.state());
            d.setState(MigState.RUNNING);
            RequestRefusedException arc = assertThrows(RequestRefusedException.class, () -> d.setState(MigState.STOP_COPY));
            assertEquals(FakeDevice.EPERM, arc.errno());
            assertThrows(RequestRefusedException.class, () -> d.setRawState(42));
            assertEquals(MigState.RUNNING, d.state());
        }
    }

    @Test
    void migratesAMultiMegabyteStreamInChunks() throws IOException {
        FakeDevice src = new FakeDevice(STREAM);
        FakeDevice dst = new FakeDevice(STREAM);
        try (VfioUserServer s1 = VfioUserServer.start(src, dir.resolve("src.sock"));
             VfioUserServer s2 = VfioUserServer.start(dst, dir.resolve("dst.sock"));
             VfioUserDevice source = new VfioUserDevice(VfioUserClient.connect(dir.resolve("src.sock"), TIMEOUT), () -> "", () -> { });
             VfioUserDevice dest = new VfioUserDevice(VfioUserClient.connect(dir.resolve("dst.sock"), TIMEOUT), () -> "", () -> { })) {
            byte[] regs = pattern(FakeDevice.BAR0_SIZE, 5);
            source.write(0, 0, regs);
            source.setState(MigState.STOP);
            source.setState(MigState.STOP_COPY);
            ByteBuffer state = ByteBuffer.allocate(STREAM + 100);
            assertEquals(STREAM, source.readData(state), "a short read ends the stream");
            assertEquals(4, src.dataReads, "1 MiB per message, the fourth one short");
            assertEquals(0, source.readData(ByteBuffer.allocate(10)), "nothing after the end");

            dest.setState(MigState.STOP);
            dest.setState(MigState.RESUMING);
            state.flip();
            dest.writeData(state);
            assertEquals(4, dst.dataWrites);
            assertEquals(1 << 20, dst.largestDataWrite);
            dest.setState(MigState.STOP);
            dest.setState(MigState.RUNNING);
            assertArrayEquals(regs, dest.read(0, 0, regs.length));
        }
    }

    @Test
    void dataIsRefusedOutsideTheStatesThatAllowIt() throws IOException {
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(new FakeDevice(STREAM), sock);
             VfioUserDevice d = new VfioUserDevice(VfioUserClient.connect(sock, TIMEOUT), () -> "", () -> { })) {
            VfioUserRefusedException read = assertThrows(VfioUserRefusedException.class,
                    () -> d.readData(ByteBuffer.allocate(16)));
            assertEquals(Command.MIG_DATA_READ, read.command());
            VfioUserRefusedException write = assertThrows(VfioUserRefusedException.class,
                    () -> d.writeData(ByteBuffer.allocate(16)));
            assertEquals(Command.MIG_DATA_WRITE, write.command());
            d.setState(MigState.STOP);
            d.setState(MigState.RESUMING);
            d.writeData(ByteBuffer.allocate(16));
            assertThrows(RequestRefusedException.class, () -> d.setState(MigState.STOP), "incomplete state is refused");
        }
    }

    @Test
    void deviceCloseClosesTheClientAndRunsTheLaunchersHook() throws IOException {
        Path sock = dir.resolve("d.sock");
        AtomicBoolean hook = new AtomicBoolean();
        try (VfioUserServer server = VfioUserServer.start(new FakeDevice(STREAM), sock)) {
            VfioUserDevice d = new VfioUserDevice(VfioUserClient.connect(sock, TIMEOUT), () -> "stderr tail", () -> hook.set(true));
            assertEquals("stderr tail", d.diagnostics());
            d.close();
            assertTrue(hook.get());
            assertThrows(DeviceFailedException.class, d::deviceInfo);
        }
    }

    @Test
    void serverKeepsTheDeviceAcrossClientsAndReportsTheFirstClientsEnd() throws Exception {
        Path sock = dir.resolve("d.sock");
        try (VfioUserServer server = VfioUserServer.start(new FakeDevice(STREAM), sock)) {
            Thread waiter = new Thread(server::awaitTermination);
            waiter.start();
            // A probe that never negotiates (a launcher checking the socket) is not "the client".
            MessageChannel.connect(sock, MessageChannel.deadlineIn(1000)).close();
            waiter.join(300);
            assertTrue(waiter.isAlive(), "a probe connection does not end the wait");

            try (VfioUserClient first = VfioUserClient.connect(sock, TIMEOUT)) {
                first.regionWrite(0, 8, new byte[] {9, 9});
            }
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> waiter.join());

            try (VfioUserClient second = VfioUserClient.connect(sock, TIMEOUT)) {
                assertArrayEquals(new byte[] {9, 9}, second.regionRead(0, 8, 2));
            }
        }
    }

    @Test
    void closingTheServerDropsItsClientPromptly() throws IOException {
        Path sock = dir.resolve("d.sock");
        VfioUserServer server = VfioUserServer.start(new FakeDevice(STREAM), sock);
        try (VfioUserClient c = VfioUserClient.connect(sock, TIMEOUT)) {
            assertTimeoutPreemptively(Duration.ofSeconds(3), server::close);
            assertTimeoutPreemptively(Duration.ofSeconds(3), server::awaitTermination);
            DeviceFailedException e =
                    assertThrows(DeviceFailedException.class, c::deviceInfo);
            assertEquals(DeviceFailedException.Kind.CRASHED, e.kind(), e.getMessage());
        } finally {
            server.close();
        }
    }
}
