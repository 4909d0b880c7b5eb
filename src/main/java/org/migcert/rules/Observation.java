package org.migcert.rules;

/** An observed outcome and the evidence for it (which register differs, the device's own message, its stderr tail). */
public record Observation(Observed outcome, String evidence) {
    public static Observation of(Observed outcome, String evidence) {
        return new Observation(outcome, evidence);
    }
}
