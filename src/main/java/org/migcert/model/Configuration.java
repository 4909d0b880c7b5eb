package org.migcert.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * An immutable parameter assignment, sorted by name. Its canonical text {@code a=1,b=on} names
 * configurations in case ids and reports; {@code -} is the empty configuration. A string value
 * comes from a device's migration info, so in the text it is percent-encoded where it holds a
 * character the text itself uses ({@code % , = ( )}), white space or a control character: two
 * configurations never share a text, and {@link #parse} gives back the values exactly.
 */
public final class Configuration {
    public static final Configuration EMPTY = new Configuration(Map.of());
    private static final String ALIAS_OPEN = " (version=";

    private final Map<String, Value> values;

    public Configuration(Map<String, Value> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public Map<String, Value> values() {
        return values;
    }

    public Value get(String name) {
        return values.get(name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Configuration with(String name, Value v) {
        Map<String, Value> m = new TreeMap<>(values);
        m.put(name, v);
        return new Configuration(m);
    }

    public Configuration without(String name) {
        Map<String, Value> m = new TreeMap<>(values);
        m.remove(name);
        return new Configuration(m);
    }

    /** The name=text pairs handed to a device at creation, in name order. */
    public Map<String, String> asText() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    /** Canonical text: {@code a=1,b=on}, or {@code -} when empty. */
    public String canonical() {
        if (values.isEmpty()) {
            return "-";
        }
        StringJoiner j = new StringJoiner(",");
        values.forEach((k, v) -> j.add(k + "=" + encode(v.text())));
        return j.toString();
    }

    /** A value's text with the characters canonical text reserves written {@code %XX}; others as they are. */
    static String encode(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (reserved(ch)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append('%').append(HEX[ch >> 4]).append(HEX[ch & 0xf]);
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? text : out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean reserved(char ch) {
        return ch <= ' ' || ch == 0x7f || ch == '%' || ch == ',' || ch == '=' || ch == '(' || ch == ')';
    }

    /** Inverse of {@link #encode}: {@code %XX} back to its character. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                throw new IllegalArgumentException("'" + text + "': '%' at " + i + " is not followed by two hex digits");
            }
            out.append((char) (hi << 4 | lo));
            i += 2;
        }
        return out.toString();
    }

    /** Canonical text with the version alias the configuration matches: {@code mtu=1500 (version=1)}. */
    public static String labelled(String canonical, String alias) {
        return canonical + ALIAS_OPEN + alias + ")";
    }

    /** The canonical text of a {@link #labelled} configuration (or of canonical text, unchanged). */
    public static String canonicalOf(String label) {
        int alias = label.lastIndexOf(ALIAS_OPEN);
        return alias >= 0 && label.endsWith(")") ? label.substring(0, alias) : label;
    }

    /**
     * Parses canonical text against a model's parameter types.
     *
     * @throws IllegalArgumentException naming the offending pair
     */
    public static Configuration parse(String text, ModelInfo model) {
        Map<String, Value> m = new TreeMap<>();
        if (text == null || text.isBlank() || text.equals("-")) {
            return EMPTY;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair + "' is not name=value");
            }
            String name = pair.substring(0, eq).trim();
            ParamSpec spec = model.param(name).orElseThrow(() -> new IllegalArgumentException(
                    "'" + pair + "': unknown parameter '" + name + "' for model " + model.modelId()
                            + " (known: " + model.params().keySet() + ")"));
            try {
                m.put(name, Value.parse(spec.type(), decode(pair.substring(eq + 1).trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + pair + "': " + e.getMessage(), e);
            }
        }
        return new Configuration(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration && ((Configuration) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
