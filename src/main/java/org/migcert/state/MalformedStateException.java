package org.migcert.state;

import java.io.IOException;

/** A state stream that is not valid MGST: the message says where (byte offset) and what. */
public class MalformedStateException extends IOException {
    public MalformedStateException(String message) {
        super(message);
    }
}
