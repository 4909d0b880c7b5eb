package org.migcert.adapter;

/** VFIO device info: flags (VFIO_DEVICE_FLAGS_*), number of regions, number of interrupt types. */
public record DeviceInfo(int flags, int numRegions, int numIrqs) {
    /** VFIO_DEVICE_FLAGS_PCI. */
    public static final int FLAG_PCI = 1 << 1;
    /** VFIO_DEVICE_FLAGS_RESET. */
    public static final int FLAG_RESET = 1 << 0;
}
