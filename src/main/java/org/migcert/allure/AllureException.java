package org.migcert.allure;

/** Why {@code migcert allure} could not render, with a message that says what was tried and what to do. */
public final class AllureException extends Exception {
    /** What went wrong, which decides the exit status. */
    public enum Kind {
        /** The arguments: a results directory that is missing or holds no Allure results, an unsafe output directory. */
        USAGE,
        /** Allure's command line could not be obtained: Maven missing, the download failed, an unexpected archive. */
        UNAVAILABLE,
        /** Allure's command line ran and failed, or did not finish in time. */
        FAILED
    }

    private final Kind kind;

    public AllureException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
