package org.migcert.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper the report package reads and writes results and reports with. */
final class Json {
    /**
     * Unknown properties are ignored so that {@code migcert report} of one version can still render a
     * results file written by a newer runner that added fields; missing ones come back as null.
     * Trailing tokens fail, so that two results glued onto one line (a lost newline) are reported
     * instead of the second being dropped silently.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private Json() {
    }
}
