package org.migcert.suites;

/**
 * The cases that report what a preparing step exercises ({@link org.migcert.rules.Phase#prepares()}):
 * when that step fails, the case it prepared is BLOCKED and names one of these by id. Each id is
 * built by the same builder that plans the case, so the two cannot drift apart.
 */
final class Findings {
    private Findings() {
    }

    /** INFO-1: an allowed configuration instantiates (the Info suite plans one case per such configuration). */
    static String instantiates(Migrator.Step s) {
        return InfoSuite.instantiates(s.impl(), s.config().canonical()).id();
    }

    /** COMPAT-2: the migration of an instance to its own implementation, which saves the state a reference saves. */
    static String saves(Migrator.Step s) {
        return MigrationMatrixSuite.migration(s.impl(), s.impl(), s.config().canonical()).id();
    }
}
