package org.migcert.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.migcert.report.CaseSource;
import org.migcert.report.ReportFormat;
import org.migcert.report.RunInfo;
import org.migcert.report.Summary;

/**
 * A report format added the way a newcomer would: this one class plus one line in
 * {@code toy-extensions/META-INF/services/org.migcert.report.ReportFormat}. One line: verdict and case count.
 */
public final class ToyReportFormat implements ReportFormat {
    @Override
    public String fileName() {
        return "toy-report.txt";
    }

    @Override
    public void write(Path target, RunInfo run, Summary summary, CaseSource cases) throws IOException {
        long[] n = {0};
        cases.forEach(r -> n[0]++);
        Files.writeString(target, summary.overall() + " " + n[0] + " cases of " + run.model() + "\n");
    }
}
