package org.migcert.bench;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;
import org.migcert.device.SimulatedDevice;

/**
 * The device the bench serves: a 4 KiB read-write BAR0 and a state of a chosen size that is
 * generated while it is read ({@link PatternStream}) and counted and discarded while it is
 * written, so states far larger than the heap cost only transport time.
 */
final class BenchDevice extends SimulatedDevice {
    static final int BAR0_SIZE = 4096;

    private final byte[] bar0 = new byte[BAR0_SIZE];
    private volatile long stateBytes;
    private final AtomicLong loaded = new AtomicLong();

    BenchDevice(long stateBytes) {
        super(MigrationFlags.STOP_COPY);
        this.stateBytes = stateBytes;
    }

    /** The size of the state the next save produces. */
    void stateBytes(long bytes) {
        this.stateBytes = bytes;
    }

    /** Bytes received in RESUMING since the last call, then resets the count. */
    long takeLoadedBytes() {
        return loaded.getAndSet(0);
    }

    @Override
    protected List<RegionInfo> regions() {
        List<RegionInfo> r = new ArrayList<>();
        r.add(new RegionInfo(0, RegionInfo.FLAG_READ | RegionInfo.FLAG_WRITE, BAR0_SIZE, 0));
        return r;
    }

    @Override
    protected List<IrqInfo> irqs() {
        return List.of(new IrqInfo(0, 0, 1));
    }

    @Override
    protected byte[] readRegion(int region, long offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bar0, (int) offset, out, 0, length);
        return out;
    }

    @Override
    protected void writeRegion(int region, long offset, byte[] data) {
        System.arraycopy(data, 0, bar0, (int) offset, data.length);
    }

    @Override
    protected InputStream saveStream() {
        return new PatternStream(stateBytes);
    }

    /** Counts and drops: the bench measures transport, and the state may exceed the heap. */
    @Override
    protected void loadChunk(ByteBuffer src) {
        loaded.addAndGet(src.remaining());
        src.position(src.limit());
    }

    @Override
    protected void loadFrom(InputStream in) {
        // Nothing was kept, nothing to load.
    }

    @Override
    protected void resetRegisters() {
        Arrays.fill(bar0, (byte) 0);
    }
}
