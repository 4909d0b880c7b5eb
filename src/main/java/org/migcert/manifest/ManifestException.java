package org.migcert.manifest;

/**
 * A manifest or profile that cannot be used. The message reads
 * {@code file:line:column: what is wrong; what to do}.
 */
public class ManifestException extends Exception {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
