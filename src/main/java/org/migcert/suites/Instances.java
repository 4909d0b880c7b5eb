package org.migcert.suites;

import java.util.Map;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigrationFlags;
import org.migcert.model.Configuration;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;

/** Creation probes shared by suites: create, observe accepted or refused, close at once. */
final class Instances {
    private Instances() {
    }

    /**
     * ACCEPTED when the implementation creates an instance, REFUSED_AT_CREATE when it refuses with a
     * reason, REJECTED when it refuses without saying why (PARAM-1 asks for a clear message).
     */
    static Observation probeCreate(Implementation impl, Map<String, String> params) {
        try (DeviceInstance d = impl.create(params)) {
            return Observation.of(Observed.ACCEPTED, impl.id() + " created an instance with " + params);
        } catch (CreationRefusedException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                return Observation.of(Observed.REJECTED, impl.id() + " refused " + params + " without saying why");
            }
            return Observation.of(Observed.REFUSED_AT_CREATE, impl.id() + " refused " + params + ": " + e.getMessage());
        }
    }

    /**
     * The MIGRATION flags an instance at {@code c} claims, for planning; every flag when it cannot be
     * asked (the cases planned from them then fail, or are blocked, with the reason).
     */
    static long claimedFlags(Implementation impl, Configuration c) {
        try (DeviceInstance d = impl.create(c.asText())) {
            return d.migrationFlags();
        } catch (RuntimeException e) {
            return MigrationFlags.STOP_COPY | MigrationFlags.P2P | MigrationFlags.PRE_COPY;
        }
    }
}
