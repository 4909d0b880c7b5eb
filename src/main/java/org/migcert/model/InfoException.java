package org.migcert.model;

/** Malformed migration info: the message names the origin, model, parameter and value, and the fix. */
public class InfoException extends Exception {
    public InfoException(String message) {
        super(message);
    }
}
