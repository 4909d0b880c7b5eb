package org.migcert.suites;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;

/**
 * The one place where something that escaped a step becomes an observation. A crash, a hang or a
 * protocol violation is the device's in every phase, a program that could not be started the
 * environment's (START_FAILED, graded ERROR); a refusal or another device error means what its {@link Phase} says;
 * anything else is the harness's own fault (HARNESS_ERROR, graded ERROR, never a device FAIL).
 */
public final class FailureClassifier {
    private FailureClassifier() {
    }

    /**
     * @param phase   the step that was running; a {@link InPhase} carries the step it really belongs to
     * @param context words that say where, prepended to the evidence (may be empty)
     */
    public static Observation observe(Throwable t, Phase phase, String context) {
        if (t instanceof InPhase p) {
            return observe(p.getCause(), p.phase, context);
        }
        String where = (context.isEmpty() ? phase.describe() : context) + ": ";
        if (t instanceof DeviceFailedException e) {
            Observed o = switch (e.kind()) {
                case HUNG -> Observed.HUNG;
                case PROTOCOL -> Observed.PROTOCOL;
                case START_FAILED -> Observed.START_FAILED;
                case CRASHED -> Observed.CRASHED;
            };
            return Observation.in(phase, o, where + e.getMessage());
        }
        if (t instanceof CreationRefusedException e) {
            return Observation.in(phase, phase.whenCreationRefused(), where + "refused: " + e.getMessage());
        }
        if (t instanceof RequestRefusedException e) {
            return Observation.in(phase, phase.whenRequestRefused(), where + e.getMessage());
        }
        if (t instanceof DeviceException || t instanceof IOException) {
            return Observation.in(phase, phase.whenFailed(), where + t.getMessage());
        }
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return Observation.in(phase, Observed.HARNESS_ERROR, where + sw);
    }

    /**
     * A device error that belongs to another step than the one running: reading the source's state
     * while the destination loads it, for example. Unchecked-in-IOException so it passes through streams.
     */
    public static final class InPhase extends IOException {
        private final Phase phase;

        public InPhase(Phase phase, Throwable cause) {
            super(cause.getMessage(), cause);
            this.phase = phase;
        }

        public Phase phase() {
            return phase;
        }
    }
}
