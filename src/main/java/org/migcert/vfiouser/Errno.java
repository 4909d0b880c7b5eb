package org.migcert.vfiouser;

/** The Linux errno values the vfio-user server sends (the wire carries raw errno numbers). */
public final class Errno {
    public static final int EIO = 5;
    public static final int EINVAL = 22;

    private Errno() {
    }
}
