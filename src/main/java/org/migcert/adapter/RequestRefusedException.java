package org.migcert.adapter;

/**
 * The device answered a request with an error (a refused state transition, a refused data read
 * or write, an out-of-range access). The device is still alive; {@link #errno()} is what it said
 * (0 when the transport has no errno).
 */
public class RequestRefusedException extends DeviceException {
    private final int errno;

    public RequestRefusedException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
