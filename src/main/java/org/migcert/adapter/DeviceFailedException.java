package org.migcert.adapter;

/** The device crashed, hung past its time limit, or broke its protocol: it is not usable any more. */
public class DeviceFailedException extends DeviceException {
    public enum Kind { CRASHED, HUNG, PROTOCOL }

    private final Kind kind;

    public DeviceFailedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DeviceFailedException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
