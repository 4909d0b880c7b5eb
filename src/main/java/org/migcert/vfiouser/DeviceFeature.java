package org.migcert.vfiouser;

/**
 * The DEVICE_FEATURE flags word (linux/vfio.h struct vfio_device_feature): a 16-bit feature index
 * and the GET, SET and PROBE operation bits, plus the two migration features vfio-user defines.
 */
public final class DeviceFeature {
    public static final int INDEX_MASK = 0xffff;
    public static final int GET = 1 << 16;
    public static final int SET = 1 << 17;
    public static final int PROBE = 1 << 18;

    /** VFIO_DEVICE_FEATURE_MIGRATION: GET returns u64 flags (VFIO_MIGRATION_*). */
    public static final int MIGRATION = 1;
    /** VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE: u32 device_state, u32 data_fd (unused in vfio-user). */
    public static final int MIG_DEVICE_STATE = 2;
    /** Size of the data of both migration features. */
    public static final int DATA_SIZE = 8;

    private DeviceFeature() {
    }

    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder("feature ").append(flags & INDEX_MASK);
        if ((flags & GET) != 0) {
            sb.append(" GET");
        }
        if ((flags & SET) != 0) {
            sb.append(" SET");
        }
        if ((flags & PROBE) != 0) {
            sb.append(" PROBE");
        }
        return sb.toString();
    }
}
