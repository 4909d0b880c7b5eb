package org.migcert.adapter;

import java.util.Map;
import java.util.Optional;
import org.migcert.model.MigrationInfo;

/**
 * One version of a device implementation reached through an adapter: its migration info and a
 * factory of instances.
 */
public interface Implementation extends AutoCloseable {
    /** The id the manifest gives (for example {@code 1.1}). */
    String id();

    /** Migration info, queried without creating an instance (INFO-1). */
    MigrationInfo info();

    /**
     * Creates an instance with these parameters, given as text exactly as a management tool
     * would pass them ({@code --m-name=value}), so the device itself validates names, types and
     * values (PARAM-1).
     *
     * @throws CreationRefusedException when the implementation refuses the configuration
     * @throws DeviceFailedException when it crashed or hung instead of answering
     */
    DeviceInstance create(Map<String, String> params);

    /**
     * Creates an instance, as {@link #create} does, whose first use is expected to be a load
     * (RUNNING -> RESUMING): a migration's destination. An adapter may prepare it for that, as a
     * management stack starts a destination QEMU with {@code -incoming defer} instead of starting
     * one and replacing it; anything else asked of it first must still work as on any instance.
     */
    default DeviceInstance createDestination(Map<String, String> params) {
        return create(params);
    }

    /**
     * A digest of the code this implementation runs (the program a command starts, the jar or class
     * file of a Java class, an image), for the run's provenance; empty when there is nothing to digest.
     */
    default Optional<String> codeDigest() {
        return Optional.empty();
    }

    /**
     * Whether creation can carry parameters at all. A third-party program launched with only a
     * socket path cannot: checks that need parameters are then NOT_APPLICABLE, never passed.
     */
    default boolean takesParameters() {
        return true;
    }

    /**
     * Whether an instance takes long to create (a process to start and connect to), so that a
     * migration creates its destination while it prepares its source. False by default: an
     * in-process instance costs less to create than a thread to create it on.
     */
    default boolean slowToCreate() {
        return false;
    }

    /** How many containers opening it started: one for the container adapter, none for the others. */
    default long containerStarts() {
        return 0;
    }

    /**
     * Why this implementation has no VFIO migration state machine for the StateMachine suite to
     * probe, or empty when it has one. An emulator that migrates a whole virtual machine (QEMU) is
     * reached through its own migration commands; its instances only map those onto the few arcs a
     * migration needs, so probing the uAPI's arcs would test the adapter, not the device.
     */
    default Optional<String> withoutStateMachine() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
