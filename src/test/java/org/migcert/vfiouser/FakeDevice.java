package org.migcert.vfiouser;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;

/**
 * A tiny in-test device for the vfio-user tests: a 4 KiB read-write BAR0, a 256-byte config space
 * (region 7), the direct arcs of the VFIO state machine, and a migration stream of a chosen size
 * whose first 4 KiB are BAR0. It counts calls so tests can prove how transfers were split.
 */
final class FakeDevice implements DeviceInstance {
    static final int NUM_REGIONS = 9;
    static final int NUM_IRQS = 5;
    static final int BAR0_SIZE = 4096;
    static final int CONFIG_SIZE = 256;
    /** Errnos the fake gives, distinct from the server's own EINVAL so tests see they pass through. */
    static final int EPERM = 1;
    static final int EFAULT = 14;

    private static final Set<String> ARCS = Set.of("RUNNING>STOP", "STOP>RUNNING", "STOP>STOP_COPY", "STOP_COPY>STOP",
            "STOP>RESUMING", "RESUMING>STOP", "RUNNING>PRE_COPY", "PRE_COPY>RUNNING", "PRE_COPY>STOP_COPY");

    final byte[] bar0 = new byte[BAR0_SIZE];
    final byte[] config = new byte[CONFIG_SIZE];
    private final int streamSize;
    private MigState state = MigState.RUNNING;
    private byte[] saving;
    private int savePos;
    private ByteArrayOutputStream loading;
    int regionReads;
    int regionWrites;
    int dataReads;
    int dataWrites;
    int largestDataWrite;
    int resets;
    boolean closed;

    FakeDevice(int streamSize) {
        this.streamSize = streamSize;
        config[0] = (byte) 0xf4; // vendor id 0x1af4, so config space is recognisably not zero
        config[1] = 0x1a;
    }

    @Override
    public DeviceInfo deviceInfo() {
        return new DeviceInfo(DeviceInfo.FLAG_PCI | DeviceInfo.FLAG_RESET, NUM_REGIONS, NUM_IRQS);
    }

    @Override
    public RegionInfo regionInfo(int index) {
        int rw = RegionInfo.FLAG_READ | RegionInfo.FLAG_WRITE;
        switch (index) {
            case 0:
                return new RegionInfo(0, rw, BAR0_SIZE, 0);
            case RegionInfo.PCI_CONFIG_INDEX:
                return new RegionInfo(index, rw, CONFIG_SIZE, 0x70000);
            default:
                checkIndex(index, NUM_REGIONS);
                return new RegionInfo(index, 0, 0, 0);
        }
    }

    @Override
    public IrqInfo irqInfo(int index) {
        checkIndex(index, NUM_IRQS);
        return new IrqInfo(index, index == 0 ? 1 : 0, index == 0 ? 1 : 0);
    }

    private static void checkIndex(int index, int count) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("no index " + index);
        }
    }

    private byte[] region(int region, long offset, int length) {
        byte[] r = region == 0 ? bar0 : region == RegionInfo.PCI_CONFIG_INDEX ? config : null;
        if (r == null) {
            throw new IllegalArgumentException("region " + region + " is not accessible");
        }
        if (offset < 0 || offset + length > r.length) {
            throw new RequestRefusedException("out of bounds", EFAULT);
        }
        return r;
    }

    @Override
    public byte[] read(int region, long offset, int length) {
        regionReads++;
        return Arrays.copyOfRange(region(region, offset, length), (int) offset, (int) offset + length);
    }

    @Override
    public void write(int region, long offset, byte[] data) {
        regionWrites++;
        System.arraycopy(data, 0, region(region, offset, data.length), (int) offset, data.length);
    }

    @Override
    public void reset() {
        resets++;
        state = MigState.RUNNING;
        Arrays.fill(bar0, (byte) 0);
    }

    @Override
    public long migrationFlags() {
        return MigrationFlags.STOP_COPY | MigrationFlags.PRE_COPY;
    }

    @Override
    public MigState state() {
        return state;
    }

    @Override
    public void setState(MigState target) {
        setRawState(target.code());
    }

    @Override
    public void setRawState(int raw) {
        MigState target = MigState.fromCode(raw);
        if (target == state) {
            return;
        }
        if (target == null || !ARCS.contains(state + ">" + target)) {
            throw new RequestRefusedException(state + " to " + (target == null ? raw : target) + " refused", EPERM);
        }
        if (target.isSaving() && !state.isSaving()) {
            saving = stream();
            savePos = 0;
        }
        if (target == MigState.RESUMING) {
            loading = new ByteArrayOutputStream();
        }
        if (state == MigState.RESUMING) {
            load();
        }
        state = target;
    }

    /** The state stream: BAR0, then a counting pattern up to the stream size. */
    private byte[] stream() {
        byte[] s = new byte[streamSize];
        for (int i = 0; i < s.length; i++) {
            s[i] = i < BAR0_SIZE ? bar0[i] : (byte) (i * 31 + 7);
        }
        return s;
    }

    private void load() {
        byte[] got = loading.toByteArray();
        if (got.length != streamSize) {
            throw new RequestRefusedException("state of " + got.length + " bytes, expected " + streamSize, EPERM);
        }
        System.arraycopy(got, 0, bar0, 0, BAR0_SIZE);
    }

    @Override
    public int readData(ByteBuffer dst) {
        dataReads++;
        if (!state.isSaving()) {
            throw new RequestRefusedException("no data to read in " + state, EPERM);
        }
        int n = Math.min(dst.remaining(), saving.length - savePos);
        dst.put(saving, savePos, n);
        savePos += n;
        return n;
    }

    @Override
    public void writeData(ByteBuffer src) {
        dataWrites++;
        if (state != MigState.RESUMING) {
            throw new RequestRefusedException("no data accepted in " + state, EPERM);
        }
        largestDataWrite = Math.max(largestDataWrite, src.remaining());
        byte[] b = new byte[src.remaining()];
        src.get(b);
        loading.writeBytes(b);
    }

    @Override
    public void close() {
        closed = true;
    }
}
