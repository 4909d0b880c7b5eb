package org.migcert.vfiouser;

/**
 * The vfio-user commands migcert speaks, with their wire codes (QEMU docs/interop/vfio-user.rst,
 * "Commands"; the same numbers as libvfio-user's {@code enum vfio_user_command}).
 */
public enum Command {
    VERSION(1),
    DEVICE_GET_INFO(4),
    DEVICE_GET_REGION_INFO(5),
    DEVICE_GET_IRQ_INFO(7),
    REGION_READ(9),
    REGION_WRITE(10),
    DEVICE_RESET(13),
    DEVICE_FEATURE(16),
    MIG_DATA_READ(17),
    MIG_DATA_WRITE(18);

    private final int code;

    Command(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The command with this wire code, or null for codes migcert does not implement. */
    public static Command fromCode(int code) {
        for (Command c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }

    /** A name for messages: the command's name, or "command N" for codes migcert does not know. */
    public static String describe(int code) {
        Command c = fromCode(code);
        return c == null ? "command " + code : c.name();
    }
}
