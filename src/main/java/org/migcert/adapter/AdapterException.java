package org.migcert.adapter;

/** An implementation could not be opened: the settings are wrong. The message says what to fix. */
public class AdapterException extends Exception {
    public AdapterException(String message) {
        super(message);
    }

    public AdapterException(String message, Throwable cause) {
        super(message, cause);
    }
}
