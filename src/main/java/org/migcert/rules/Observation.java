package org.migcert.rules;

/**
 * An observed outcome, the evidence for it (which register differs, the device's own message, its
 * stderr tail), and the phase in which it was observed (which carries the instance's role).
 */
public record Observation(Observed outcome, String evidence, Phase phase) {
    /** Observed by a case's own check on one instance ({@link Phase#CHECK}). */
    public static Observation of(Observed outcome, String evidence) {
        return new Observation(outcome, evidence, Phase.CHECK);
    }

    public static Observation in(Phase phase, Observed outcome, String evidence) {
        return new Observation(outcome, evidence, phase);
    }
}
