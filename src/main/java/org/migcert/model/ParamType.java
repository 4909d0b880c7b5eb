package org.migcert.model;

import java.util.Locale;

/** The type of a migration parameter, as written in migration info. */
public enum ParamType {
    BOOL, INT, STR;

    /** The lower-case name used in migration info JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code bool}, {@code int} or {@code str}; null when the text names no type. */
    public static ParamType fromJson(String text) {
        if (text == null) {
            return null;
        }
        for (ParamType t : values()) {
            if (t.jsonName().equals(text)) {
                return t;
            }
        }
        return null;
    }
}
