package org.migcert.rules;

/** Which instance a step of a case acts on, so a failure blames the right one. */
public enum Role {
    /** The instance whose state is saved and handed over. */
    SOURCE,
    /** The instance the state is loaded into. */
    DESTINATION,
    /** A helper instance that only prepares the case (for example saves a reference state to corrupt). */
    REFERENCE,
    /** The one instance a single-implementation check probes (creation, state machine, data channel). */
    INSTANCE,
    /** The implementation's program (or class) asked for its migration info: no instance exists yet. */
    PROGRAM
}
