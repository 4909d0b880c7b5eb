package org.migcert.adapter;

/** The VFIO v2 migration states, with their uAPI values (linux/vfio.h, enum vfio_device_mig_state). */
public enum MigState {
    ERROR(0), STOP(1), RUNNING(2), STOP_COPY(3), RESUMING(4), RUNNING_P2P(5), PRE_COPY(6), PRE_COPY_P2P(7);

    private final int code;

    MigState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state with this uAPI value, or null for values the uAPI does not define. */
    public static MigState fromCode(long code) {
        for (MigState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    /** States in which migration data is read (FSM-4). */
    public boolean isSaving() {
        return this == STOP_COPY || this == PRE_COPY || this == PRE_COPY_P2P;
    }
}
