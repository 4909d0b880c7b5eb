package org.migcert.adapter;

/**
 * How the harness reaches one kind of device implementation (in-process Java, vfio-user
 * program, container). Found by {@link #name()} through {@link java.util.ServiceLoader}.
 */
public interface Adapter {
    /** The name a manifest uses in {@code adapter:}. */
    String name();

    /**
     * Opens one implementation described in a manifest.
     *
     * @throws AdapterException when the settings are wrong (missing class, bad command) with the fix
     */
    Implementation open(ImplementationSpec spec) throws AdapterException;
}
