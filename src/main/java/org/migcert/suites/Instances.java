package org.migcert.suites;

import java.util.Map;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
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
}
