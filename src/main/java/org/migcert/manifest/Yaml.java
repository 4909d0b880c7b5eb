package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed, located reads of YAML scalars shared by the manifest and profile loaders. */
final class Yaml {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

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

    /** A duration such as {@code 500ms}, {@code 20s} or {@code 2m}. */
    static Duration duration(LocatedYaml y, String ptr) throws ManifestException {
        Matcher m = DURATION.matcher(y.at(ptr).asText().trim());
        if (!m.matches()) {
            throw y.error(ptr, "'" + y.at(ptr).asText() + "' is not a duration; write 500ms, 20s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
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
