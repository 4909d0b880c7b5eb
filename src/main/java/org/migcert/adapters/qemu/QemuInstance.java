package org.migcert.adapters.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;

/**
 * One QEMU device instance: a guest-less virtual machine with one device, seen through the
 * {@link DeviceInstance} shape the suites use. Its vCPUs never run (the process starts with
 * {@code -S} and nothing continues it), so RUNNING and STOP differ only in whether a migration is
 * under way; what a guest would see is read through qtest ({@link PciFunction}).
 *
 * <p>A migration maps onto QEMU's own commands. RUNNING → STOP_COPY is QMP {@code migrate} to a
 * UNIX socket the harness listens on, and the stream is read from it until QEMU closes it; the
 * source's own status ({@code query-migrate}) is then checked. RESUMING is a QEMU started with
 * {@code -incoming defer}, as a management stack starts a destination (an instance created as a
 * destination is started that way; another has its process replaced by one), that is told
 * {@code migrate-incoming} on a socket the harness writes to; RESUMING →
 * STOP ends the stream and waits for the destination's own verdict: {@code query-migrate}
 * "completed", or its refusal. QEMU 7.2 ends a destination whose load failed with exit status 1
 * and its reason on stderr (there is no {@code exit-on-error} before QEMU 9.1): that is a refused
 * load, the instance is then in ERROR, and a reset starts a fresh QEMU at the same configuration,
 * which is what recovering such a destination takes. Any other end is a crash.
 */
final class QemuInstance implements DeviceInstance {
    /** VFIO_PCI_NUM_REGIONS: BAR0-5, ROM, config space, VGA. */
    private static final int REGIONS = 9;
    private static final Set<String> MIGRATING = Set.of("setup", "active", "pre-switchover", "device", "cancelling",
            "wait-unplug", "postcopy-active", "postcopy-paused", "postcopy-recover", "colo");

    /** How an instance's QEMU is started, at the instance's one configuration. */
    @FunctionalInterface
    interface Launcher {
        /** Starts QEMU as a device, or as a destination waiting for a stream ({@code -incoming defer}). */
        QemuProcess start(boolean asDestination);
    }

    private final Launcher launcher;
    private final Consumer<QemuInstance> onClose;
    private QemuProcess process;
    private PciFunction pci;
    private MigState state = MigState.RUNNING;
    /** The process was started for an incoming stream: it takes no second load (a loaded one may be a source). */
    private boolean incoming;
    /**
     * Created as a destination ({@code -incoming defer} from the start) and not used yet: its first
     * load needs no new process; anything else first replaces it by a device as {@link #create} starts.
     */
    private boolean awaitingFirstLoad;
    /** The migration stream: the one a saving source writes, or the one a resuming destination reads. */
    private Channel stream;
    private boolean streamEnded;
    /** The destination completed its load before the harness had written everything (trailing bytes). */
    private boolean loadedEarly;
    private volatile boolean closed;

    private QemuInstance(Launcher launcher, Consumer<QemuInstance> onClose) {
        this.launcher = launcher;
        this.onClose = onClose;
    }

    /**
     * Starts QEMU and does what firmware would: assign the device's BARs and enable decoding. With
     * {@code forLoad}, QEMU starts waiting for an incoming stream instead (it still realizes the
     * device, so a configuration it refuses is refused here), and the firmware's work waits until
     * something other than a load is asked first.
     */
    static QemuInstance create(Launcher launcher, Consumer<QemuInstance> onClose, boolean forLoad) {
        QemuInstance d = new QemuInstance(launcher, onClose);
        d.process = launcher.start(forLoad);
        d.incoming = forLoad;
        d.awaitingFirstLoad = forLoad;
        try {
            if (!forLoad) {
                d.attachDevice(true);
            }
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** A destination asked for something other than a load first: it becomes a device, as {@link #create} makes one. */
    private void becomeDevice() {
        if (awaitingFirstLoad) {
            awaitingFirstLoad = false;
            replaceProcess(false);
            attachDevice(true);
        }
    }

    private void attachDevice(boolean asFirmware) {
        try {
            pci = PciFunction.find(process.qtest(), process.qmp().execute("query-pci", null));
            pci.useMmconfig(asFirmware);
            if (asFirmware) {
                pci.assignResources();
            }
        } catch (DeviceException e) {
            throw process.explain(e);
        }
    }

    @Override
    public DeviceInfo deviceInfo() {
        return new DeviceInfo(DeviceInfo.FLAG_PCI | DeviceInfo.FLAG_RESET, REGIONS, 0);
    }

    @Override
    public RegionInfo regionInfo(int index) {
        return index < REGIONS ? usable().region(index) : new RegionInfo(index, 0, 0, 0);
    }


    /** Interrupts are described by the capabilities in configuration space; qtest has no VFIO interrupt info. */
    @Override
    public IrqInfo irqInfo(int index) {
        return new IrqInfo(index, 0, 0);
    }

    @Override
    public byte[] read(int region, long offset, int length) {
        PciFunction f = usable();
        try {
            return f.read(region, offset, length);
        } catch (DeviceException e) {
            throw process.explain(e);
        }
    }

    @Override
    public void write(int region, long offset, byte[] data) {
        PciFunction f = usable();
        try {
            f.write(region, offset, data);
        } catch (DeviceException e) {
            throw process.explain(e);
        }
    }

    private PciFunction usable() {
        becomeDevice();
        if (state == MigState.ERROR) {
            throw new RequestRefusedException("QEMU ended this instance after a refused load: reset it first", 0);
        }
        if (pci == null) {
            throw new RequestRefusedException("this QEMU waits for an incoming migration: it has no device to reach"
                    + " until the load completes", 0);
        }
        return pci;
    }

    /**
     * QMP {@code system_reset} and the firmware's resource assignment again; a QEMU that ended itself
     * after a refused load, or that waits for a stream, is replaced by a fresh one instead.
     */
    @Override
    public void reset() {
        if (state == MigState.STOP_COPY && process.isAlive()) {
            endSave(); // a reset never races QEMU's own migration thread
        }
        closeStream();
        awaitingFirstLoad = false;
        if (state == MigState.ERROR || incoming && pci == null || !process.isAlive()) {
            if (!process.isAlive() && state != MigState.ERROR) {
                throw process.explain(new DeviceFailedException(Kind.CRASHED, "reset: QEMU is gone"));
            }
            replaceProcess(false);
            attachDevice(true);
        } else {
            try {
                process.qmp().execute("system_reset", null);
            } catch (DeviceException e) {
                throw process.explain(e);
            }
            attachDevice(true);
        }
        state = MigState.RUNNING;
    }

    @Override
    public long migrationFlags() {
        return MigrationFlags.STOP_COPY;
    }

    @Override
    public MigState state() {
        if (state != MigState.ERROR && !process.isAlive()) {
            throw process.explain(new DeviceFailedException(Kind.CRASHED, "QEMU is gone"));
        }
        return state;
    }

    @Override
    public void setState(MigState target) {
        if (target == state) {
            return;
        }
        if (state == MigState.ERROR) {
            throw new RequestRefusedException("ERROR -> " + target + ": QEMU ended this instance after a refused load;"
                    + " only a reset recovers it", 0);
        }
        switch (target) {
            case RUNNING, STOP -> {
                if (state == MigState.STOP_COPY) {
                    endSave();
                } else if (state == MigState.RESUMING) {
                    endLoad();
                }
                state = target;
            }
            case STOP_COPY -> {
                if (state == MigState.RESUMING) {
                    throw refused(target, "a destination cannot save before its load ends");
                }
                startSave();
            }
            case RESUMING -> {
                if (state == MigState.STOP_COPY) {
                    throw refused(target, "a source cannot load while it saves");
                }
                startLoad();
            }
            default -> throw refused(target, "a QEMU instance has only RUNNING, STOP, STOP_COPY and RESUMING");
        }
    }

    private RequestRefusedException refused(MigState target, String why) {
        return new RequestRefusedException(state + " -> " + target + " refused: " + why, 0);
    }

    @Override
    public void setRawState(int raw) {
        MigState s = MigState.fromCode(raw);
        if (s == null || s == MigState.ERROR) {
            throw new RequestRefusedException("state value " + raw + " is not one a QEMU instance can be asked for", 0);
        }
        setState(s);
    }

    /** QMP {@code migrate} into a socket the harness listens on, and the connection QEMU makes to it. */
    private void startSave() {
        becomeDevice();
        if (incoming && pci == null) {
            throw refused(MigState.STOP_COPY, "this QEMU waits for an incoming migration: it has nothing to save yet");
        }
        Path socket = process.dir().resolve("save");
        try {
            ServerSocketChannel server = Channel.listen(socket);
            try {
                process.qmp().execute("migrate", Qmp.arguments().put("uri", "unix:" + socket));
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            stream = Channel.accept(server, socket, Channel.deadlineIn(process.timeoutMillis()),
                    "QEMU's outgoing migration");
            streamEnded = false;
            state = MigState.STOP_COPY;
        } catch (IOException e) {
            throw new DeviceFailedException(Kind.START_FAILED, "cannot listen on " + socket + " for QEMU's migration: "
                    + e.getMessage());
        } catch (DeviceException e) {
            throw process.explain(e);
        }
    }

    @Override
    public int readData(ByteBuffer dst) {
        if (state != MigState.STOP_COPY) {
            throw new RequestRefusedException("data is read only while saving (STOP_COPY), not in " + state, 0);
        }
        if (streamEnded) {
            return 0;
        }
        int asked = dst.remaining();
        try {
            int n = stream.readFully(dst, Channel.deadlineIn(process.timeoutMillis()), "reading QEMU's migration stream");
            if (n < asked) {
                streamEnded = true;
                String status = awaitMigration("the source's migration");
                if (!status.equals("completed")) {
                    throw new RequestRefusedException("QEMU's outgoing migration ended " + status + ": "
                            + lastError(), 0);
                }
            }
            return n;
        } catch (DeviceException e) {
            throw process.explain(e);
        }
    }

    /** Ends a save: a stream not read to its end is abandoned, and QEMU's migration cancelled. */
    private void endSave() {
        boolean abandoned = !streamEnded;
        closeStream();
        if (abandoned) {
            try {
                process.qmp().execute("migrate_cancel", null);
                awaitMigration("the cancelled migration");
            } catch (DeviceException e) {
                throw process.explain(e);
            }
        }
    }

    /** Replaces the process by a destination and tells it to listen: {@code migrate-incoming}. */
    private void startLoad() {
        if (awaitingFirstLoad) {
            awaitingFirstLoad = false; // started for this load
        } else if (incoming || pci != null) {
            replaceProcess(true);
        }
        Path socket = process.dir().resolve("load");
        try {
            process.qmp().execute("migrate-incoming", Qmp.arguments().put("uri", "unix:" + socket));
            long deadline = Channel.deadlineIn(process.timeoutMillis());
            while (stream == null) {
                try {
                    stream = Channel.connect(socket, "QEMU's incoming migration");
                } catch (IOException e) {
                    if (System.nanoTime() - deadline >= 0) {
                        throw new DeviceFailedException(Kind.HUNG, "QEMU did not listen on " + socket
                                + " for the incoming migration within the time limit");
                    }
                    QemuProcess.pause();
                }
            }
            loadedEarly = false;
            state = MigState.RESUMING;
        } catch (DeviceException e) {
            throw process.explain(e);
        }
    }

    @Override
    public void writeData(ByteBuffer src) {
        if (state != MigState.RESUMING) {
            throw new RequestRefusedException("data is written only while resuming (RESUMING), not in " + state, 0);
        }
        if (loadedEarly) {
            src.position(src.limit()); // QEMU has finished its load and reads no more: the rest is ignored, as QEMU does
            return;
        }
        try {
            stream.write(src, Channel.deadlineIn(process.timeoutMillis()), "writing QEMU's incoming migration");
        } catch (DeviceException e) {
            if (process.isAlive() && e instanceof DeviceFailedException f && f.kind() == Kind.CRASHED
                    && "completed".equals(statusNow())) {
                loadedEarly = true; // it read its end-of-stream section and closed before the harness's last bytes
                src.position(src.limit());
                return;
            }
            DeviceException why = process.explain(e);
            if (why instanceof QemuProcess.ProcessEndedException) {
                state = MigState.ERROR;
            }
            throw why;
        }
    }

    /** Ends the stream and waits for the destination's own verdict on it. */
    private void endLoad() {
        stream.shutdownOutput();
        try {
            String status = awaitMigration("the incoming migration");
            closeStream();
            if (!status.equals("completed")) {
                throw new RequestRefusedException("QEMU's incoming migration ended " + status + ": " + lastError(), 0);
            }
            attachDevice(false);
        } catch (DeviceException e) {
            closeStream();
            DeviceException why = process.explain(e);
            if (why instanceof RequestRefusedException) {
                state = MigState.ERROR;
            }
            throw why;
        }
    }

    /** Polls {@code query-migrate} until the migration is no longer under way; returns its final status. */
    private String awaitMigration(String what) {
        long deadline = Channel.deadlineIn(process.timeoutMillis());
        while (true) {
            String status = process.qmp().execute("query-migrate", null).path("status").asText("none");
            if (!MIGRATING.contains(status)) {
                return status;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new DeviceFailedException(Kind.HUNG, what + " was still " + status + " at the time limit");
            }
            QemuProcess.pause();
        }
    }

    /** The migration status now, or null when QEMU cannot say. */
    private String statusNow() {
        try {
            return process.qmp().execute("query-migrate", null).path("status").asText("none");
        } catch (DeviceException e) {
            return null;
        }
    }

    private String lastError() {
        JsonNode m = process.qmp().execute("query-migrate", null);
        return m.path("error-desc").asText("QEMU gave no reason");
    }

    /** Replaces the process by a fresh one at the same configuration (a destination, or after a refused load). */
    private void replaceProcess(boolean asDestination) {
        closeStream();
        QemuProcess old = process;
        pci = null;
        old.close();
        process = launcher.start(asDestination);
        incoming = asDestination;
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public String diagnostics() {
        return process.evidence();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeStream();
        process.close();
        onClose.accept(this);
    }
}
