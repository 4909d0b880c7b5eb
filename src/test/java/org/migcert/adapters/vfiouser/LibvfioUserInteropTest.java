package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.state.StateStreams;
import org.migcert.vfiouser.VfioUserClient;
import org.migcert.vfiouser.VfioUserDevice;

/**
 * Interoperability with a third-party peer: libvfio-user's {@code samples/server} (protocol 0.2,
 * the old {@code migration} capability, takes only a socket path, serves one client). Runs only
 * when {@code MIGCERT_LIBVFIO_USER_SERVER} names such a binary, built by hand outside this
 * repository (see the README); the facts checked are those of that sample: PCI ids
 * dead:beef, an 8-byte BAR0 holding a time, a BAR1 with a sparse-mmap capability (12 KiB
 * before libvfio-user PR #872, 16 KiB after; read from region info), one INTx, and migration data
 * that is BAR1 then BAR0.
 */
@EnabledIfEnvironmentVariable(named = LibvfioUserInteropTest.ENV, matches = ".+",
        disabledReason = "set " + LibvfioUserInteropTest.ENV + " to a libvfio-user samples/server binary to run")
class LibvfioUserInteropTest {
    static final String ENV = "MIGCERT_LIBVFIO_USER_SERVER";

    private static Implementation sample;

    @BeforeAll
    static void open() throws Exception {
        String server = System.getenv(ENV).replace("'", "''");
        sample = Adapters.byName("vfio-user").open(Specs.spec("command: ['" + server + "', -v, '{socket}']\n"
                + "info: {models: {example.org/libvfio-user-sample: {params: {}}}}"));
    }

    @AfterAll
    static void close() {
        sample.close();
    }

    @Test
    void negotiatesAndDescribesTheDevice() {
        try (DeviceInstance d = sample.create(Map.of())) {
            VfioUserClient client = ((VfioUserDevice) d).client();
            assertEquals("0.2", client.protocolVersion());
            assertEquals(1 << 20, client.maxDataXferSize());

            DeviceInfo info = d.deviceInfo();
            assertTrue((info.flags() & DeviceInfo.FLAG_PCI) != 0, "not a PCI device: " + info);
            assertEquals(9, info.numRegions(), info.toString());
            assertEquals(5, info.numIrqs(), info.toString());
            assertEquals(8, d.regionInfo(0).size());
            RegionInfo bar1 = d.regionInfo(1);
            assertTrue(bar1.size() == 0x3000 || bar1.size() == 0x4000, bar1.toString());
            assertTrue((bar1.flags() & RegionInfo.FLAG_CAPS) != 0, "BAR1 has a sparse-mmap capability: " + bar1);
            assertEquals(256, d.regionInfo(RegionInfo.PCI_CONFIG_INDEX).size());
            IrqInfo intx = d.irqInfo(0);
            assertEquals(1, intx.count());

            ByteBuffer ids = le(d.read(RegionInfo.PCI_CONFIG_INDEX, 0, 4));
            assertEquals(0xdead, Short.toUnsignedInt(ids.getShort()));
            assertEquals(0xbeef, Short.toUnsignedInt(ids.getShort()));
        }
    }

    @Test
    void bar0HoldsATimeAndStateMachineSavesTheDevice() {
        try (DeviceInstance d = sample.create(Map.of())) {
            // The sample arms a timer for the time written to BAR0: an hour ahead never fires here.
            long later = System.currentTimeMillis() / 1000 + 3600;
            d.write(0, 0, le(Long.BYTES).putLong(later).array());
            long delta = le(d.read(0, 0, Long.BYTES)).getLong();
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
            assertThrows(RequestRefusedException.class, () -> d.read(0, 0, Long.BYTES), "region read in STOP_COPY");
            assertThrows(RequestRefusedException.class, () -> d.regionInfo(1), "region info in STOP_COPY");

            byte[] state = save(d);
            assertEquals(bar1 + Long.BYTES, state.length);
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
            long later = System.currentTimeMillis() / 1000 + 7200;
            src.write(0, 0, le(Long.BYTES).putLong(later).array());
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
            long delta = le(dst.read(0, 0, Long.BYTES)).getLong();
            assertTrue(delta > -7300 && delta <= -7190, "BAR0 after load: " + delta);
            src.setState(MigState.STOP);
            src.setState(MigState.RUNNING);
        }
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

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
