package org.migcert.device;

import java.util.Map;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.model.MigrationInfo;

/**
 * A device implementation written in Java: what a manifest's {@code adapter: java} entry names
 * with {@code class:}. The same class also runs out of process as a vfio-user device program
 * ({@code DeviceProgram}). It needs a public no-argument constructor.
 */
public interface JavaDevice {
    /** The implementation's migration info. */
    MigrationInfo migrationInfo();

    /**
     * Creates an instance from parameters given as text ({@code rx-filter-size} to {@code 32}),
     * validating them itself: unknown names, wrong types and disallowed values are refused.
     *
     * @throws CreationRefusedException with a message saying why
     */
    DeviceInstance create(Map<String, String> params);
}
