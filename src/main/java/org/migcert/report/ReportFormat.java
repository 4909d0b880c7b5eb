package org.migcert.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file report rendered from the raw results: one implementation per format, found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.migcert.report.ReportFormat}).
 * The runner and {@code migcert report --from} write every format they find; adding one is one
 * class plus one service line.
 */
public interface ReportFormat {
    /** The file it writes in the output directory ({@code report.html}). */
    String fileName();

    /**
     * Writes the report. {@code cases} can be iterated more than once and streams from disk, so a
     * format never needs every case in memory at once.
     */
    void write(Path target, RunInfo run, Summary summary, CaseSource cases) throws IOException;
}
