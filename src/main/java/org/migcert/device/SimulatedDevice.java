package org.migcert.device;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFsm;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;

/**
 * Base class of in-process Java devices: implements the VFIO v2 migration state machine and the
 * data channel once, so a device only describes its regions, its register behaviour and how it
 * saves and loads its state.
 *
 * <p>Saving, as linux/vfio.h describes it: entering PRE_COPY hands out the state's first
 * {@link #preCopyBytes()} bytes (its initial bytes, which do not change while the device runs) and
 * then nothing more while the device runs; entering STOP_COPY opens {@link #saveStream()} afresh and
 * streams the rest, from where pre-copy reading stopped, so the pre-copy data and the STOP_COPY data
 * concatenated are one whole state. Loading collects the bytes written in RESUMING (bounded by
 * {@link #maxLoadBytes()}) and hands them to {@link #loadFrom} on RESUMING to STOP; an exception
 * there fails the transition and leaves the device in ERROR until reset (FSM-5).
 */
public abstract class SimulatedDevice implements DeviceInstance {
    /** errno values the device answers with, as a vfio-user server would. */
    public static final int EINVAL = 22;
    public static final int EFBIG = 27;
    /** Size of the array a read into a direct buffer goes through. */
    private static final int SCRATCH = 64 * 1024;

    private final MigrationFsm fsm;
    private MigState state = MigState.RUNNING;
    private InputStream saving;
    /** The pre-copy data of the current saving session, and how much of it was read. */
    private byte[] initial;
    private int initialRead;
    private ByteArrayOutputStream loading;
    private byte[] scratch;
    private boolean closed;

    protected SimulatedDevice(long migrationFlags) {
        this.fsm = new MigrationFsm(migrationFlags);
    }

    /** Regions by index; a region the device lacks has size 0. */
    protected abstract List<RegionInfo> regions();

    protected abstract List<IrqInfo> irqs();

    /** Reads registers; offset and length are already checked against the region. */
    protected abstract byte[] readRegion(int region, long offset, int length);

    /** Writes registers; offset and length are already checked against the region. */
    protected abstract void writeRegion(int region, long offset, byte[] data);

    /**
     * The device's state as a stream, opened when saving starts. A stream that is also a
     * {@link ReadableByteChannel} is read straight into a direct buffer (a vfio-user reply)
     * instead of through an array.
     */
    protected abstract InputStream saveStream() throws IOException;

    /**
     * How many leading bytes of the state stay the same while the device runs: the initial data
     * PRE_COPY hands out. 0, the default, hands out nothing before STOP_COPY.
     */
    protected int preCopyBytes() {
        return 0;
    }

    /** Loads a whole state; throws to refuse it. */
    protected abstract void loadFrom(InputStream in) throws IOException;

    /** Returns registers to their power-on values (DEVICE_RESET). */
    protected abstract void resetRegisters();

    /** Bound on the bytes accepted in RESUMING: more is refused, never buffered. */
    protected long maxLoadBytes() {
        return 64L << 20;
    }

    /** Takes one chunk written in RESUMING; the default collects it for {@link #loadFrom}. */
    protected void loadChunk(ByteBuffer src) {
        if (loading.size() + (long) src.remaining() > maxLoadBytes()) {
            throw new RequestRefusedException("state larger than " + maxLoadBytes() + " bytes refused", EFBIG);
        }
        byte[] b = new byte[src.remaining()];
        src.get(b);
        loading.writeBytes(b);
    }

    @Override
    public synchronized DeviceInfo deviceInfo() {
        alive();
        return new DeviceInfo(DeviceInfo.FLAG_PCI | DeviceInfo.FLAG_RESET, regions().size(), irqs().size());
    }

    @Override
    public synchronized RegionInfo regionInfo(int index) {
        alive();
        List<RegionInfo> r = regions();
        if (index < 0 || index >= r.size()) {
            throw new RequestRefusedException("no region " + index, EINVAL);
        }
        return r.get(index);
    }

    @Override
    public synchronized IrqInfo irqInfo(int index) {
        alive();
        List<IrqInfo> i = irqs();
        if (index < 0 || index >= i.size()) {
            throw new RequestRefusedException("no irq index " + index, EINVAL);
        }
        return i.get(index);
    }

    @Override
    public synchronized byte[] read(int region, long offset, int length) {
        checkAccess(region, offset, length, RegionInfo.FLAG_READ);
        return readRegion(region, offset, length);
    }

    @Override
    public synchronized void write(int region, long offset, byte[] data) {
        checkAccess(region, offset, data.length, RegionInfo.FLAG_WRITE);
        writeRegion(region, offset, data);
    }

    private void checkAccess(int region, long offset, int length, int flag) {
        RegionInfo info = regionInfo(region);
        if ((info.flags() & flag) == 0 || offset < 0 || length < 0 || offset + length > info.size()) {
            throw new RequestRefusedException("access to region " + region + " at 0x" + Long.toHexString(offset)
                    + " length " + length + " is outside the region (size 0x" + Long.toHexString(info.size())
                    + ", flags 0x" + Integer.toHexString(info.flags()) + ")", EINVAL);
        }
    }

    @Override
    public synchronized void reset() {
        alive();
        resetRegisters();
        endSaving();
        loading = null;
        state = MigState.RUNNING;
    }

    @Override
    public long migrationFlags() {
        return fsm.flags();
    }

    @Override
    public synchronized MigState state() {
        alive();
        return state;
    }

    @Override
    public synchronized void setRawState(int raw) {
        MigState target = MigState.fromCode(raw & 0xffffffffL);
        if (target == null) {
            throw new RequestRefusedException("unknown migration state " + raw, EINVAL);
        }
        setState(target);
    }

    @Override
    public synchronized void setState(MigState target) {
        alive();
        Optional<List<MigState>> path = transition(state, target);
        if (path.isEmpty()) {
            throw new RequestRefusedException("transition " + state + " -> " + target + " is not supported", EINVAL);
        }
        for (MigState next : path.get()) {
            step(next);
        }
    }

    /**
     * The arcs a request from {@code from} to {@code to} takes, or empty to refuse it. The default
     * is linux/vfio.h's state machine; overridden only by deliberately broken fixtures.
     */
    protected Optional<List<MigState>> transition(MigState from, MigState to) {
        return fsm.path(from, to);
    }

    /** Whether data may be read (or written) in {@code s}: reads in the saving states, writes in RESUMING (FSM-4). */
    protected boolean dataAllowed(MigState s, boolean read) {
        return read ? s.isSaving() : s == MigState.RESUMING;
    }

    /** Takes one direct arc. */
    private void step(MigState next) {
        MigState from = state;
        try {
            if (next.isSaving() && !from.isSaving() && next != MigState.STOP_COPY) {
                initial = preCopyData();
            }
            if (next == MigState.STOP_COPY && from != MigState.STOP_COPY) {
                saving = restAfter(initialRead);
            }
        } catch (IOException e) {
            state = MigState.ERROR;
            throw new RequestRefusedException("saving failed: " + e.getMessage(), EINVAL);
        }
        if (!next.isSaving()) {
            endSaving();
        } else if (next != MigState.STOP_COPY) {
            saving = null; // only a broken device goes back from STOP_COPY: it has nothing more to give
        }
        if (next == MigState.RESUMING) {
            loading = new ByteArrayOutputStream();
        }
        if (from == MigState.RESUMING && next == MigState.STOP) {
            byte[] data = loading.toByteArray();
            loading = null;
            try {
                loadFrom(new ByteArrayInputStream(data));
            } catch (IOException | RuntimeException e) {
                state = MigState.ERROR;
                throw new RequestRefusedException("loading refused: " + e.getMessage(), EINVAL);
            }
        }
        state = next;
    }

    /** The initial bytes pre-copy hands out, read when it begins. */
    private byte[] preCopyData() throws IOException {
        initialRead = 0;
        int n = preCopyBytes();
        if (n == 0) {
            return new byte[0];
        }
        try (InputStream in = saveStream()) {
            return in.readNBytes(n);
        }
    }

    /**
     * The state as it is now, without the first {@code skip} bytes pre-copy already handed out, which
     * must not have changed since: otherwise the concatenated stream would not be one state.
     */
    private InputStream restAfter(int skip) throws IOException {
        InputStream in = saveStream();
        if (skip > 0 && !Arrays.equals(in.readNBytes(skip), Arrays.copyOf(initial, skip))) {
            throw new IOException("the first " + skip + " bytes of the state changed after PRE_COPY handed them out");
        }
        return in;
    }

    private void endSaving() {
        saving = null;
        initial = null;
        initialRead = 0;
    }

    @Override
    public synchronized int readData(ByteBuffer dst) {
        alive();
        if (!dataAllowed(state, true)) {
            throw new RequestRefusedException("data read in state " + state, EINVAL);
        }
        if (saving == null) {
            return readInitial(dst);
        }
        try {
            int total = 0;
            while (dst.hasRemaining()) {
                int n = dst.hasArray() ? readInto(dst)
                        : saving instanceof ReadableByteChannel ch ? ch.read(dst) : readThroughScratch(dst);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new DeviceFailedException(DeviceFailedException.Kind.CRASHED, "saving failed: " + e.getMessage(), e);
        }
    }

    /** One read of the saved stream straight into a heap buffer's array; -1 at its end. */
    private int readInto(ByteBuffer dst) throws IOException {
        int n = saving.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    /** One read of the saved stream into a direct buffer, through a scratch array reused while this instance saves. */
    private int readThroughScratch(ByteBuffer dst) throws IOException {
        if (scratch == null) {
            scratch = new byte[SCRATCH];
        }
        int n = saving.read(scratch, 0, Math.min(scratch.length, dst.remaining()));
        if (n > 0) {
            dst.put(scratch, 0, n);
        }
        return n;
    }

    /** Pre-copy: what is left of the initial bytes, then nothing while the device runs (a short read). */
    private int readInitial(ByteBuffer dst) {
        if (initial == null) {
            return 0;
        }
        int n = Math.min(dst.remaining(), initial.length - initialRead);
        dst.put(initial, initialRead, n);
        initialRead += n;
        return n;
    }

    @Override
    public synchronized void writeData(ByteBuffer src) {
        alive();
        if (!dataAllowed(state, false)) {
            throw new RequestRefusedException("data write in state " + state, EINVAL);
        }
        if (loading == null) {
            src.position(src.limit()); // accepted and dropped: only a broken device gets here
            return;
        }
        loadChunk(src);
    }

    @Override
    public synchronized void close() {
        closed = true;
        endSaving();
        loading = null;
    }

    private void alive() {
        if (closed) {
            throw new DeviceFailedException(DeviceFailedException.Kind.CRASHED, "device instance is closed");
        }
    }
}
