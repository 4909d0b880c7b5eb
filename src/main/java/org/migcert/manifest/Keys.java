package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The key check of manifest and profile mappings: a key nobody reads is refused, never silently ignored. */
final class Keys {
    private Keys() {
    }

    /** Checks the keys of the mapping at {@code pointer}; anything else there is left to the caller. */
    static void check(LocatedYaml y, String pointer, Set<String> allowed) throws ManifestException {
        check(y, pointer, allowed, "");
    }

    /** @param context what the mapping is, for the message ("implementation '1.0' (adapter java)"), or empty */
    static void check(LocatedYaml y, String pointer, Set<String> allowed, String context) throws ManifestException {
        for (Map.Entry<String, JsonNode> m : y.at(pointer).properties()) {
            String k = m.getKey();
            if (!allowed.contains(k)) {
                throw y.error(LocatedYaml.child(pointer, k), "unknown key '" + k + "'"
                        + (context.isEmpty() ? "" : " in " + context) + "; " + DidYouMean.hint(k, allowed)
                        + "known keys: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    /** {@code "java or vfio-user"}, {@code "a, b or c"}: a list of choices for a message. */
    static String choices(Iterable<String> names) {
        StringBuilder out = new StringBuilder();
        Iterator<String> it = names.iterator();
        while (it.hasNext()) {
            String n = it.next();
            if (out.length() > 0) {
                out.append(it.hasNext() ? ", " : " or ");
            }
            out.append(n);
        }
        return out.toString();
    }
}
