package org.migcert.adapter;

import java.util.List;
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

    /**
     * Removes what runs of this adapter that died (SIGKILL, a crash) left behind: socket directories,
     * device processes, containers. Returns one line for each dead run that left anything, which the
     * run shows with its other notices; none by default. Called once a run, before its first
     * implementation of this adapter opens; touches nothing of a harness that still runs.
     */
    default List<String> sweepDeadRuns() {
        return List.of();
    }
}
