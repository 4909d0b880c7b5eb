package org.migcert.adapter;

/**
 * The device crashed, hung past its time limit, broke its protocol, or its program could not be
 * started at all: it is not usable any more.
 */
public class DeviceFailedException extends DeviceException {
    public enum Kind {
        /** The program died or closed the connection. */
        CRASHED,
        /** It did not answer within the time limit. */
        HUNG,
        /** It answered, but not in the protocol (wrong message id, absurd size, malformed reply). */
        PROTOCOL,
        /** The program could not be executed (no such file, not executable, argument list too long): nothing ran. */
        START_FAILED
    }

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
