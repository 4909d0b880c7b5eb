package org.migcert.manifest;

/**
 * One workload or observation entry of a manifest: a register write, a register read, or a dump
 * of a whole region.
 *
 * @param kind   WRITE, READ or DUMP
 * @param region region index
 * @param offset byte offset (0 for DUMP)
 * @param size   access size in bytes (1, 2, 4 or 8; for DUMP the bound on bytes read)
 * @param value  the value written (WRITE only), little-endian
 * @param name   a label for evidence (defaults to region+offset)
 * @param where  file:line:column of the entry
 */
public record RegisterAccess(Kind kind, int region, long offset, int size, long value, String name, String where) {
    public enum Kind { WRITE, READ, DUMP }

    /** The label used in evidence and snapshots. */
    public String label() {
        if (name != null && !name.isEmpty()) {
            return name;
        }
        return kind == Kind.DUMP ? "region " + region : "region " + region + "+0x" + Long.toHexString(offset);
    }
}
