package org.migcert.adapter;

/**
 * A device did something other than succeed: refused a request, crashed, hung or answered
 * nonsense. Unchecked so device calls compose in lambdas; suites turn it into an observation.
 */
public class DeviceException extends RuntimeException {
    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
