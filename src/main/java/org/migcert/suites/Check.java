package org.migcert.suites;

import org.migcert.rules.Observation;

/** The body of a case: does the work and reports what it saw. Device exceptions may escape; {@link CaseRunner} classifies them. */
@FunctionalInterface
public interface Check {
    Observation run() throws Exception;
}
