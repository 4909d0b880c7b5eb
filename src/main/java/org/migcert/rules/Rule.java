package org.migcert.rules;

/**
 * The normative rules of DESIGN.md, in one place: id, one-line text and the suite that checks it.
 * A rule whose suite is null has no check yet; {@code RuleCatalogueTest} fails for such a rule
 * when it is in scope.
 */
public enum Rule {
    MODEL_1("MODEL-1", "Migration only between instances of the same model id; state of another model is refused at load", "MigrationMatrix"),
    INFO_1("INFO-1", "Migration info is queryable without migrating and truthful: every allowed value instantiates, everything outside is refused", "Info"),
    PARAM_1("PARAM-1", "Unknown names, wrong types and disallowed values fail at creation with a clear message; nothing half-created", "Info"),
    PARAM_2("PARAM-2", "Omitting a parameter is the same as giving its init_value", "Info"),
    PARAM_3("PARAM-3", "The source's parameter list holds exactly the parameters whose value differs from off_value", "MigrationMatrix"),
    PARAM_4("PARAM-4", "The destination is created with the source's list plus off_value for each of its own missing parameters", "MigrationMatrix"),
    COMPAT_1("COMPAT-1", "Migration is possible iff model ids are equal and every listed name and value is known and allowed at the destination", "MigrationMatrix"),
    COMPAT_2("COMPAT-2", "When possible, migration succeeds and the destination's hardware interface equals the source's at save time", "MigrationMatrix"),
    COMPAT_3("COMPAT-3", "When impossible, the destination refuses early; a destination created with another configuration fails to load", "MigrationMatrix"),
    DEFAULT_1("DEFAULT-1", "At its off_value a new parameter leaves the hardware interface identical to the older implementation's", "DefaultDisables"),
    DEFAULT_2("DEFAULT-2", "At its off_value the new implementation saves state the older one loads, and loads the older one's state", "DefaultDisables"),
    DEFAULT_3("DEFAULT-3", "(strict) A parameter introduced after the first release has init_value == off_value", "DefaultDisables"),
    FWD_1("FWD-1", "Older to newer: every configuration of the older implementation migrates to the newer one", "MigrationMatrix"),
    BWD_1("BWD-1", "Newer to older: configurations whose listed parameters the older one knows migrate; others are refused at creation", "MigrationMatrix"),
    CHAIN_1("CHAIN-1", "Multi-hop migrations (A-B-A, A-B-C) preserve the hardware interface", "MigrationMatrix"),
    OPT_1("OPT-1", "Unknown OPTIONAL records are skipped; the loaded device is identical to a load without them", "OptionalData"),
    OPT_2("OPT-2", "Unknown records not marked optional are refused", "OptionalData"),
    OPT_3("OPT-3", "Optional records need no parameter: an older destination accepts a newer source's optional records", "OptionalData"),
    OPT_4("OPT-4", "Optional records are tolerated anywhere in the stream, repeated, and empty", "OptionalData"),
    FSM_1("FSM-1", "The migration feature reports STOP_COPY; RUNNING, STOP, STOP_COPY, RESUMING are supported", "StateMachine"),
    FSM_2("FSM-2", "Every supported direct arc succeeds; STOP_COPY to PRE_COPY, ERROR and unknown states are refused", "StateMachine"),
    FSM_3("FSM-3", "A multi-arc request follows the shortest path and passes through no saving state in between", "StateMachine"),
    FSM_4("FSM-4", "Data is read only in PRE_COPY or STOP_COPY and written only in RESUMING; a short read ends the stream", "StateMachine"),
    FSM_5("FSM-5", "Incomplete or invalid data makes RESUMING to STOP fail; a reset leaves ERROR for RUNNING", "StateMachine"),
    ROBUST_1("ROBUST-1", "Truncated, oversized, empty, foreign and corrupted state is refused in time; no corruption crashes or hangs the device", "Robustness"),
    ROBUST_2("ROBUST-2", "After a refused or failed migration the source resumes with an unchanged hardware interface", "Robustness");

    private final String id;
    private final String text;
    private final String suite;

    Rule(String id, String text, String suite) {
        this.id = id;
        this.text = text;
        this.suite = suite;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }

    /** The suite that checks this rule, or null when none does yet. */
    public String suite() {
        return suite;
    }

    /** The rule with this id ({@code COMPAT-2}), or null. */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equalsIgnoreCase(id)) {
                return r;
            }
        }
        return null;
    }
}
