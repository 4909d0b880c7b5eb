package org.migcert.adapter;

/**
 * VFIO region info: index, flags (VFIO_REGION_INFO_FLAG_READ 1, WRITE 2, MMAP 4, CAPS 8), size,
 * and the offset the server reports (vfio-user gives it; in-process devices give 0).
 */
public record RegionInfo(int index, int flags, long size, long offset) {
    public static final int FLAG_READ = 1;
    public static final int FLAG_WRITE = 2;
    public static final int FLAG_MMAP = 4;
    public static final int FLAG_CAPS = 8;
    /** VFIO_PCI_CONFIG_REGION_INDEX. */
    public static final int PCI_CONFIG_INDEX = 7;

    /** The hardware-interface view: what a guest would see (index, size, flags), not transport details. */
    public String layout() {
        return "region " + index + ": size=0x" + Long.toHexString(size) + " flags=0x" + Integer.toHexString(flags);
    }
}
