package org.migcert.rules;

/**
 * The normative rules, stated in full in {@code docs/rules.md}: id and one-line summary. Which
 * suite checks a rule is the suite's to say ({@code org.migcert.suites.Suite#rules()}).
 */
public enum Rule {
    MODEL_1("MODEL-1", "Migration only between instances of the same model id; state of another model is refused at load"),
    INFO_1("INFO-1", "Migration info is queryable without migrating and truthful: every allowed value instantiates, everything outside is refused"),
    PARAM_1("PARAM-1", "Unknown names, wrong types and disallowed values fail at creation with a clear message; nothing half-created"),
    PARAM_2("PARAM-2", "Omitting a parameter is the same as giving its init_value"),
    PARAM_3("PARAM-3", "The source's parameter list holds exactly the parameters whose value differs from off_value"),
    PARAM_4("PARAM-4", "The destination is created with the source's list plus off_value for each of its own missing parameters"),
    COMPAT_1("COMPAT-1", "Migration is possible iff model ids are equal and every listed name and value is known and allowed at the destination"),
    COMPAT_2("COMPAT-2", "When possible, migration succeeds and the destination's hardware interface equals the source's at save time"),
    COMPAT_3("COMPAT-3", "When impossible, the destination refuses early; a destination created with another configuration fails to load"),
    DEFAULT_1("DEFAULT-1", "At its off_value a new parameter leaves the hardware interface identical to the older implementation's"),
    DEFAULT_2("DEFAULT-2", "At its off_value the new implementation saves state the older one loads, and loads the older one's state"),
    DEFAULT_3("DEFAULT-3", "(strict) A parameter introduced after the first release has init_value == off_value"),
    FWD_1("FWD-1", "Older to newer: every configuration of the older implementation migrates to the newer one"),
    BWD_1("BWD-1", "Newer to older: configurations whose listed parameters the older one knows migrate; others are refused at creation"),
    CHAIN_1("CHAIN-1", "Multi-hop migrations (A-B-A, A-B-C) preserve the hardware interface"),
    OPT_1("OPT-1", "Unknown OPTIONAL records are skipped; the loaded device is identical to a load without them"),
    OPT_2("OPT-2", "Unknown records not marked optional are refused"),
    OPT_3("OPT-3", "Optional records need no parameter: an older destination accepts a newer source's optional records"),
    OPT_4("OPT-4", "Optional records are tolerated anywhere in the stream, repeated, and empty"),
    FSM_1("FSM-1", "The migration feature reports STOP_COPY; RUNNING, STOP, STOP_COPY, RESUMING are supported"),
    FSM_2("FSM-2", "Every supported direct arc succeeds; STOP_COPY to PRE_COPY, ERROR and unknown states are refused"),
    FSM_3("FSM-3", "A multi-arc request follows the shortest path and passes through no saving state in between"),
    FSM_4("FSM-4", "Data is read only in PRE_COPY or STOP_COPY and written only in RESUMING; a short read ends the stream"),
    FSM_5("FSM-5", "Incomplete or invalid data makes RESUMING to STOP fail; a reset leaves ERROR for RUNNING"),
    ROBUST_1("ROBUST-1", "Truncated, oversized, empty, foreign and corrupted state is refused in time; no corruption crashes or hangs the device"),
    ROBUST_2("ROBUST-2", "After a refused or failed migration the source resumes with an unchanged hardware interface");

    private final String id;
    private final String text;

    Rule(String id, String text) {
        this.id = id;
        this.text = text;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
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
