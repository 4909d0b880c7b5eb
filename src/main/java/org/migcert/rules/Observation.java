package org.migcert.rules;

/**
 * An observed outcome, the evidence for it (which register differs, the device's own message, its
 * stderr tail), and the phase in which it was observed (which carries the instance's role).
 *
 * @param finding when the phase only {@link Phase#prepares()} the case: the id of the case whose
 *                finding this failure is (INFO-1 for a source that cannot be created, the migration
 *                that saves a state for a reference state that cannot be saved); null otherwise
 */
public record Observation(Observed outcome, String evidence, Phase phase, String finding) {
    public Observation(Observed outcome, String evidence, Phase phase) {
        this(outcome, evidence, phase, null);
    }

    /** Observed by a case's own check on one instance ({@link Phase#CHECK}). */
    public static Observation of(Observed outcome, String evidence) {
        return new Observation(outcome, evidence, Phase.CHECK);
    }

    public static Observation in(Phase phase, Observed outcome, String evidence) {
        return new Observation(outcome, evidence, phase);
    }

    /** The same observation with other evidence (phase and finding kept). */
    public Observation withEvidence(String other) {
        return new Observation(outcome, other, phase, finding);
    }

    /** The same observation, naming the case whose finding it is. */
    public Observation withFinding(String caseId) {
        return new Observation(outcome, evidence, phase, caseId);
    }
}
