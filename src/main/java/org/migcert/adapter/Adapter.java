package org.migcert.adapter;

import java.util.Set;

/**
 * How the harness reaches one kind of device implementation (in-process Java, vfio-user
 * program). Found by {@link #name()} through {@link java.util.ServiceLoader}; a manifest may name
 * only the adapters found.
 */
public interface Adapter {
    /** The name a manifest uses in {@code adapter:}. */
    String name();

    /**
     * The keys of a manifest's implementation entry this adapter reads from
     * {@link ImplementationSpec#settings()}, besides the keys every entry has ({@code id},
     * {@code adapter}, {@code timeout}, {@code info}). Any other key in an entry is refused at load.
     */
    Set<String> settingKeys();

    /**
     * Opens one implementation described in a manifest.
     *
     * @throws AdapterException when the settings are wrong (missing class, bad command) with the fix:
     *         the manifest's mistake
     * @throws DeviceFailedException when the device's own migration info cannot be read (its program
     *         hangs, exits non-zero, prints what is not migration info): the device's fault, reported
     *         as an INFO-1 failure while the run goes on with the other implementations
     */
    Implementation open(ImplementationSpec spec) throws AdapterException;
}
