package org.migcert.report;

import java.io.IOException;
import java.util.List;

import org.migcert.rules.CaseResult;

/**
 * A sequence of case results that can be walked more than once. Reports walk it once per section
 * (and the JUnit XML once per suite) instead of holding every case in memory, because a run can
 * have many thousands of cases; {@link ResultsFile} re-reads the file on each walk.
 */
@FunctionalInterface
public interface CaseSource {

    /** Receives one case; may fail with an I/O error (a report writer does). */
    @FunctionalInterface
    interface Sink {
        void accept(CaseResult result) throws IOException;
    }

    /** Hands every readable case, in file order, to {@code sink}. */
    void forEach(Sink sink) throws IOException;

    /** A source over cases already in memory (tests, or a runner that kept them). */
    static CaseSource of(List<CaseResult> results) {
        List<CaseResult> copy = List.copyOf(results);
        return sink -> {
            for (CaseResult r : copy) {
                sink.accept(r);
            }
        };
    }
}
