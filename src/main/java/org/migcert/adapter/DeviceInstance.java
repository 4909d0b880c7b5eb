package org.migcert.adapter;

import java.nio.ByteBuffer;

/**
 * One live instance of a device implementation, shaped after a VFIO device so that in-process
 * devices, vfio-user programs and (later) kernel devices look the same to the suites.
 *
 * <p>Hardware interface: device, region and interrupt info, region reads and writes (PCI config
 * space is region {@link RegionInfo#PCI_CONFIG_INDEX} when present). Migration: the VFIO v2 state
 * machine and a data channel; state is read in chunks in STOP_COPY or PRE_COPY (a short read ends
 * the stream) and written in chunks in RESUMING, so it never has to fit in memory.
 *
 * <p>Failures are {@link DeviceException}s: {@link RequestRefusedException} when the device said
 * no, {@link DeviceFailedException} when it crashed, hung or broke the protocol.
 */
public interface DeviceInstance extends AutoCloseable {
    DeviceInfo deviceInfo();

    RegionInfo regionInfo(int index);

    IrqInfo irqInfo(int index);

    /** Reads {@code length} bytes of a region. */
    byte[] read(int region, long offset, int length);

    void write(int region, long offset, byte[] data);

    /** DEVICE_RESET. */
    void reset();

    /** The MIGRATION feature flags ({@link MigrationFlags}); 0 when the device cannot migrate. */
    long migrationFlags();

    MigState state();

    /**
     * Requests a state (MIG_DEVICE_STATE set). The device takes the shortest path (FSM-3).
     *
     * @throws RequestRefusedException when the device refuses the transition
     */
    void setState(MigState target);

    /**
     * Requests a raw state value, including values the uAPI does not define (FSM-2 probes).
     *
     * @throws RequestRefusedException when the device refuses it
     */
    void setRawState(int state);

    /**
     * MIG_DATA_READ: fills up to {@code dst.remaining()} bytes and returns how many; fewer than
     * asked ends the stream.
     */
    int readData(ByteBuffer dst);

    /** MIG_DATA_WRITE: hands all remaining bytes of {@code src} to the device. */
    void writeData(ByteBuffer src);

    /** What the device said on the side (stderr tail of a program), for evidence; empty if nothing. */
    default String diagnostics() {
        return "";
    }

    /** Ends the instance and frees everything it holds (process, socket, memory). Never throws. */
    @Override
    void close();
}
