package org.migcert.vfiouser;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Supplier;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;

/**
 * A {@link DeviceInstance} reached through a connected {@link VfioUserClient}: hardware interface
 * through the info and region commands, the migration state machine through DEVICE_FEATURE,
 * state through MIG_DATA_READ / MIG_DATA_WRITE. Whoever launched the device program supplies
 * its {@link Evidence} (exit status, stderr tail) and what to do on close (stop the process).
 */
public final class VfioUserDevice implements DeviceInstance {
    private final VfioUserClient client;
    private final Evidence evidence;
    private final Runnable onClose;

    /** What the launcher of a device program can tell about it, for the evidence of a failure. */
    @FunctionalInterface
    public interface Evidence {
        /** The program as it is now: its output so far, its exit status once it has ended. */
        String now();

        /**
         * The program after a failure of this kind. A launcher lets a crashed program end first
         * (bounded), so that its exit status and the end of its stderr are there.
         */
        default String after(Kind failure) {
            return now();
        }
    }

    public VfioUserDevice(VfioUserClient client, Evidence evidence, Runnable onClose) {
        this.client = Objects.requireNonNull(client);
        this.evidence = Objects.requireNonNull(evidence);
        this.onClose = Objects.requireNonNull(onClose);
    }

    public VfioUserClient client() {
        return client;
    }

    @Override
    public DeviceInfo deviceInfo() {
        return guarded(() -> client.deviceInfo());
    }

    @Override
    public RegionInfo regionInfo(int index) {
        return guarded(() -> client.regionInfo(index).info());
    }

    @Override
    public IrqInfo irqInfo(int index) {
        return guarded(() -> client.irqInfo(index));
    }

    @Override
    public byte[] read(int region, long offset, int length) {
        return guarded(() -> client.regionRead(region, offset, length));
    }

    @Override
    public void write(int region, long offset, byte[] data) {
        guarded(() -> {
            client.regionWrite(region, offset, data);
            return null;
        });
    }

    @Override
    public void reset() {
        guarded(() -> {
            client.reset();
            return null;
        });
    }

    /** 0 when the device refuses the MIGRATION feature: it cannot migrate. */
    @Override
    public long migrationFlags() {
        try {
            return guarded(client::migrationFlags);
        } catch (RequestRefusedException e) {
            return 0;
        }
    }

    @Override
    public MigState state() {
        int raw = guarded(client::migDeviceState);
        MigState s = MigState.fromCode(Integer.toUnsignedLong(raw));
        if (s == null) {
            throw new DeviceFailedException(DeviceFailedException.Kind.PROTOCOL,
                    "device reports migration state " + Integer.toUnsignedString(raw) + ", which the uAPI does not define");
        }
        return s;
    }

    @Override
    public void setState(MigState target) {
        guarded(() -> {
            client.setMigDeviceState(target.code());
            return null;
        });
    }

    @Override
    public void setRawState(int state) {
        guarded(() -> {
            client.setMigDeviceState(state);
            return null;
        });
    }

    /**
     * Reads until {@code dst} is full or a message comes back short (end of stream), with as many
     * messages in flight as the server agreed to ({@link VfioUserClient#migDataReadFully}).
     */
    @Override
    public int readData(ByteBuffer dst) {
        return guarded(() -> client.migDataReadFully(dst));
    }

    @Override
    public void writeData(ByteBuffer src) {
        guarded(() -> {
            client.migDataWrite(src);
            return null;
        });
    }

    /**
     * Runs one client call; when the device crashed, hung or broke the protocol, the failure
     * carries what the program printed (its stderr tail, exit status), the evidence a vendor needs.
     */
    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (DeviceFailedException e) {
            String d = Objects.requireNonNullElse(evidence.after(e.kind()), "");
            if (d.isBlank()) {
                throw e;
            }
            throw new DeviceFailedException(e.kind(), e.getMessage() + "\n--- device output ---\n" + d, e);
        }
    }

    @Override
    public String diagnostics() {
        return Objects.requireNonNullElse(evidence.now(), "");
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                onClose.run();
            } catch (RuntimeException ignored) {
                // close() never throws (SPI contract); the launcher reports its own failures.
            }
        }
    }
}
