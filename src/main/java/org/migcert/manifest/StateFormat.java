package org.migcert.manifest;

/** How a device's state stream is structured: MGST records (OPT-* apply) or opaque bytes (OPT-* not applicable). */
public enum StateFormat {
    MGST, OPAQUE
}
