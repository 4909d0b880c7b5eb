package org.migcert.model.coverage;

/**
 * A configuration space that cannot be planned: too large for its bound or ruled out by the
 * constraints (the profile's or manifest's to fix), or a generated array that fails the independent
 * coverage check (the harness's own fault: the run refuses to go on).
 */
public final class SpaceException extends Exception {
    private final boolean harnessFault;

    SpaceException(String message, boolean harnessFault) {
        super(message);
        this.harnessFault = harnessFault;
    }

    /** True when the harness, not the profile or manifest, is at fault. */
    public boolean harnessFault() {
        return harnessFault;
    }
}
