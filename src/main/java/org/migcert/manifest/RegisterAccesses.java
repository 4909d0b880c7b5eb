package org.migcert.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code workload} and {@code observe} lists of a manifest. */
final class RegisterAccesses {
    /** Bound on a dump: observations are compared whole in memory. */
    static final int MAX_DUMP = 1 << 20;
    private static final Set<Long> SIZES = Set.of(1L, 2L, 4L, 8L);
    /** The keys each kind of entry takes inside its mapping. */
    private static final Map<String, Set<String>> KEYS = Map.of(
            "write", Set.of("region", "offset", "size", "value", "name"),
            "read", Set.of("region", "offset", "size", "name"),
            "dump", Set.of("region", "size", "name"));

    private RegisterAccesses() {
    }

    static List<RegisterAccess> list(LocatedYaml y, String ptr, boolean workload) throws ManifestException {
        List<RegisterAccess> out = new ArrayList<>();
        JsonNode list = y.at(ptr);
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw y.error(ptr, "'" + ptr.substring(1) + "' must be a list of " + (workload ? "write:" : "read: or dump:")
                    + " entries");
        }
        for (int i = 0; i < list.size(); i++) {
            String at = ptr + "/" + i;
            JsonNode e = list.get(i);
            if (e.isObject() && e.size() == 1) {
                Keys.check(y, at, KEYS.keySet());
            }
            String kind = e.isObject() && e.size() == 1 ? e.fieldNames().next() : "";
            RegisterAccess.Kind k;
            switch (kind) {
                case "write" -> k = RegisterAccess.Kind.WRITE;
                case "read" -> k = RegisterAccess.Kind.READ;
                case "dump" -> k = RegisterAccess.Kind.DUMP;
                default -> throw y.error(at, "each entry is one of write: {region, offset, size, value}, read: {region,"
                        + " offset, size}, dump: {region}");
            }
            if (workload != (k == RegisterAccess.Kind.WRITE)) {
                throw y.error(at, workload ? "the workload only writes; put reads under observe:"
                        : "observe only reads or dumps; put writes under workload:");
            }
            String b = at + "/" + kind;
            if (!y.at(b).isObject()) {
                throw y.error(b, "'" + kind + ":' takes a mapping, like " + kind + ": {region: 0, size: 4}");
            }
            Keys.check(y, b, KEYS.get(kind), "'" + kind + ":'");
            int region = (int) Yaml.integer(y, b + "/region", 0, 255);
            long offset = k == RegisterAccess.Kind.DUMP ? 0 : Yaml.integer(y, b + "/offset", 0, Long.MAX_VALUE);
            int size;
            if (k == RegisterAccess.Kind.DUMP) {
                size = y.at(b + "/size").isMissingNode() ? MAX_DUMP : (int) Yaml.integer(y, b + "/size", 1, MAX_DUMP);
            } else {
                size = (int) Yaml.integer(y, b + "/size", 1, 8);
                if (!SIZES.contains((long) size)) {
                    throw y.error(b + "/size", "size " + size + " must be 1, 2, 4 or 8 bytes");
                }
            }
            long value = k == RegisterAccess.Kind.WRITE ? Yaml.unsigned(y, b + "/value", size) : 0;
            JsonNode name = y.at(b + "/name");
            out.add(new RegisterAccess(k, region, offset, size, value, name.isTextual() ? name.asText() : null, y.where(b)));
        }
        return out;
    }
}
