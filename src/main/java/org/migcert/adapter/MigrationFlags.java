package org.migcert.adapter;

/** Bits of the MIGRATION device feature (linux/vfio.h VFIO_MIGRATION_*). */
public final class MigrationFlags {
    public static final long STOP_COPY = 1;
    public static final long P2P = 2;
    public static final long PRE_COPY = 4;

    private MigrationFlags() {
    }

    public static String describe(long flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & STOP_COPY) != 0) {
            sb.append("STOP_COPY|");
        }
        if ((flags & P2P) != 0) {
            sb.append("P2P|");
        }
        if ((flags & PRE_COPY) != 0) {
            sb.append("PRE_COPY|");
        }
        long rest = flags & ~(STOP_COPY | P2P | PRE_COPY);
        if (rest != 0) {
            sb.append("0x").append(Long.toHexString(rest)).append('|');
        }
        return sb.length() == 0 ? "none" : sb.substring(0, sb.length() - 1);
    }
}
