package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed, located reads of YAML scalars shared by the manifest and profile loaders. */
final class Yaml {
    // At most 9 digits: enough for any sane limit, and far from overflowing a Duration.
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");
    private static final java.math.BigInteger U64_MAX = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);

    private Yaml() {
    }

    static String requiredText(LocatedYaml y, String ptr, String what) throws ManifestException {
        JsonNode n = y.at(ptr);
        if (n.isMissingNode() || n.isNull() || n.asText().isBlank() || n.isContainerNode()) {
            throw y.error(ptr, "missing '" + ptr.substring(ptr.lastIndexOf('/') + 1) + "': give " + what);
        }
        return n.asText();
    }

    /** A boolean written {@code true} or {@code false}, or {@code otherwise} when the key is absent. */
    static boolean bool(LocatedYaml y, String ptr, boolean otherwise) throws ManifestException {
        JsonNode n = y.at(ptr);
        if (n.isMissingNode()) {
            return otherwise;
        }
        if (!n.isBoolean()) {
            throw y.error(ptr, "'" + n.asText() + "' is not a boolean; write true or false");
        }
        return n.booleanValue();
    }

    /** A duration such as {@code 500ms}, {@code 20s} or {@code 2m}, within [min, max]. */
    static Duration duration(LocatedYaml y, String ptr, Duration min, Duration max) throws ManifestException {
        String text = y.at(ptr).asText().trim();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw y.error(ptr, "'" + text + "' is not a duration; write 500ms, 20s or 2m (" + range(min, max) + ")");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw y.error(ptr, "'" + text + "' is out of range: give " + range(min, max));
        }
        return d;
    }

    private static String range(Duration min, Duration max) {
        return "from " + human(min) + " to " + human(max);
    }

    private static String human(Duration d) {
        return d.toMillis() % 60_000 == 0 ? d.toMinutes() + "m" : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s"
                : d.toMillis() + "ms";
    }

    /**
     * An unsigned 64-bit value (a register write), as a number or text (decimal or 0x hex), that
     * fits in {@code bytes} bytes; returned as the long with the same 64 bits.
     */
    static long unsigned(LocatedYaml y, String ptr, int bytes) throws ManifestException {
        JsonNode n = y.at(ptr);
        java.math.BigInteger v;
        try {
            if (n.isIntegralNumber()) {
                v = n.bigIntegerValue();
            } else if (n.isTextual()) {
                String t = n.asText().trim().replace("_", "");
                v = t.startsWith("0x") || t.startsWith("0X") ? new java.math.BigInteger(t.substring(2), 16)
                        : new java.math.BigInteger(t);
            } else {
                throw y.error(ptr, "expected an integer (16 or 0x10), got " + (n.isMissingNode() ? "nothing" : n.toString()));
            }
        } catch (NumberFormatException e) {
            throw y.error(ptr, "'" + n.asText() + "' is not an integer; write 16 or 0x10");
        }
        java.math.BigInteger max = bytes >= 8 ? U64_MAX : java.math.BigInteger.ONE.shiftLeft(8 * bytes).subtract(java.math.BigInteger.ONE);
        if (v.signum() < 0 || v.compareTo(max) > 0) {
            throw y.error(ptr, n.asText() + " does not fit in " + bytes + " bytes: give 0 to 0x" + max.toString(16));
        }
        return v.longValue();
    }

    /** An integer written as a number or as text (decimal or 0x hex), within [min, max]. */
    static long integer(LocatedYaml y, String ptr, long min, long max) throws ManifestException {
        JsonNode n = y.at(ptr);
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.longValue();
        } else if (n.isTextual()) {
            String t = n.asText().trim().replace("_", "");
            try {
                v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw y.error(ptr, "'" + n.asText() + "' is not an integer; write 16 or 0x10");
            }
        } else {
            throw y.error(ptr, "expected an integer (16 or 0x10), got " + (n.isMissingNode() ? "nothing" : n.toString()));
        }
        if (v < min || v > max) {
            throw y.error(ptr, v + " is out of range [" + min + ", " + max + "]");
        }
        return v;
    }
}
