package org.migcert.adapters.container;

/** What went wrong at the bottom of an exception chain: Testcontainers wraps the reason several times. */
final class Causes {
    private Causes() {
    }

    static String root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.toString() : r.getMessage();
    }
}
