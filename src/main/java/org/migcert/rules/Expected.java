package org.migcert.rules;

/** What the oracle or a rule says must happen in one case. */
public enum Expected {
    /** The state migrates and the destination's hardware interface equals the source's. */
    MIGRATES,
    /** The destination refuses the configuration at creation. */
    REFUSED_AT_CREATE,
    /** Refused, at creation or at load: never an apparent success. */
    REFUSED,
    /** Two hardware interfaces (or two loaded devices) are identical. */
    IDENTICAL,
    /** A request (creation, transition, data access, load) is accepted. */
    ACCEPTED,
    /** A request is refused with an error and the device stays usable. */
    REJECTED,
    /** The device neither crashes nor hangs; refusing or loading are both fine (ROBUST-1, random corruption). */
    SURVIVES,
    /** The check does not apply to this device; the reason says why. Never counted as a pass. */
    NOT_APPLICABLE
}
