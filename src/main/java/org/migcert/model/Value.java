package org.migcert.model;

import java.util.Objects;

/**
 * One typed parameter value. Its canonical text ({@code on}/{@code off}, a decimal integer, or the
 * string itself) is what travels on command lines and in configuration ids.
 */
public final class Value implements Comparable<Value> {
    private final ParamType type;
    private final Object raw;

    private Value(ParamType type, Object raw) {
        this.type = type;
        this.raw = raw;
    }

    public static Value bool(boolean b) {
        return new Value(ParamType.BOOL, b);
    }

    public static Value integer(long i) {
        return new Value(ParamType.INT, i);
    }

    public static Value str(String s) {
        return new Value(ParamType.STR, Objects.requireNonNull(s));
    }

    /**
     * Parses the canonical text of a value of the given type.
     *
     * @throws IllegalArgumentException with a message saying what was expected
     */
    public static Value parse(ParamType type, String text) {
        switch (type) {
            case BOOL:
                if ("on".equals(text) || "true".equals(text)) {
                    return bool(true);
                }
                if ("off".equals(text) || "false".equals(text)) {
                    return bool(false);
                }
                throw new IllegalArgumentException("'" + text + "' is not a bool (use on or off)");
            case INT:
                try {
                    return integer(Long.parseLong(text.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an int");
                }
            default:
                return str(text);
        }
    }

    public ParamType type() {
        return type;
    }

    public boolean asBool() {
        return (Boolean) raw;
    }

    public long asLong() {
        return (Long) raw;
    }

    public String asString() {
        return text();
    }

    /** Canonical text: on/off, decimal, or the string. */
    public String text() {
        if (type == ParamType.BOOL) {
            return ((Boolean) raw) ? "on" : "off";
        }
        return raw.toString();
    }

    /** The value as a JSON-friendly Java object (Boolean, Long or String). */
    public Object toJson() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value && ((Value) o).type == type && ((Value) o).raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + raw.hashCode();
    }

    @Override
    public int compareTo(Value o) {
        if (type != o.type) {
            return type.compareTo(o.type);
        }
        if (type == ParamType.INT) {
            return Long.compare(asLong(), o.asLong());
        }
        if (type == ParamType.BOOL) {
            return Boolean.compare(asBool(), o.asBool());
        }
        return text().compareTo(o.text());
    }

    @Override
    public String toString() {
        return text();
    }
}
