package org.migcert.state;

import java.nio.ByteBuffer;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;

/**
 * A device reduced to its data channel, for the state pipe's tests: as a source it gives
 * {@code size} bytes of a pattern ({@link #at}); as a destination it checks each byte it gets
 * against that pattern and counts them. Either side can fail on a chosen call.
 */
final class DataChannel implements DeviceInstance {
    private final long size;
    private final int failOnCall;
    private long pos;
    private int calls;
    /** Bytes taken as a destination, every one checked. */
    volatile long received;

    /** A channel of {@code size} bytes that fails on its call number {@code failOnCall} (from 0; -1: never). */
    DataChannel(long size, int failOnCall) {
        this.size = size;
        this.failOnCall = failOnCall;
    }

    /** The byte at position {@code i} of the pattern. */
    static byte at(long i) {
        return (byte) (i * 31 + (i >>> 17));
    }

    /** How many data calls were made. */
    synchronized int calls() {
        return calls;
    }

    private void call() {
        if (calls++ == failOnCall) {
            throw new DeviceFailedException(DeviceFailedException.Kind.CRASHED, "failed on call " + (calls - 1));
        }
    }

    @Override
    public synchronized int readData(ByteBuffer dst) {
        call();
        int n = (int) Math.min(dst.remaining(), size - pos);
        for (int i = 0; i < n; i++) {
            dst.put(at(pos++));
        }
        return n;
    }

    @Override
    public synchronized void writeData(ByteBuffer src) {
        call();
        while (src.hasRemaining()) {
            byte b = src.get();
            if (b != at(received)) {
                throw new IllegalStateException("byte " + received + " differs");
            }
            received++;
        }
    }

    @Override
    public DeviceInfo deviceInfo() {
        return new DeviceInfo(0, 0, 0);
    }

    @Override
    public RegionInfo regionInfo(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IrqInfo irqInfo(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] read(int region, long offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void write(int region, long offset, byte[] data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reset() {
    }

    @Override
    public long migrationFlags() {
        return MigrationFlags.STOP_COPY;
    }

    @Override
    public MigState state() {
        return MigState.RUNNING;
    }

    @Override
    public void setState(MigState target) {
    }

    @Override
    public void setRawState(int state) {
    }

    @Override
    public void close() {
    }
}
