package org.migcert.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders every file report from one {@code results.jsonl}: the end of a run, and
 * {@code migcert report --from OUT/results.jsonl}, which rebuilds reports without rerunning.
 */
public final class ReportRenderer {
    public static final String REPORT_JSON = "report.json";
    public static final String JUNIT_XML = "junit.xml";
    public static final String REPORT_HTML = "report.html";

    private ReportRenderer() {
    }

    /**
     * Reads {@code resultsJsonl} (unreadable lines are counted in the summary, not fatal) and writes
     * report.json, junit.xml and report.html into {@code outDir}.
     *
     * @param info what is known about the run; null to reuse the run info of an existing
     *             {@code outDir/report.json} (rebuilding), else {@link RunInfo#unknown()}
     * @return the summary, whose {@link Summary#overall()} gives the verdict and exit code
     * @throws IOException if the results file cannot be read at all or a report cannot be written
     */
    public static Summary renderAll(Path resultsJsonl, Path outDir, RunInfo info) throws IOException {
        RunInfo run = info != null ? info : RunInfo.fromReportJson(outDir.resolve(REPORT_JSON));
        ResultsFile results = new ResultsFile(resultsJsonl);
        Summary summary = summarize(results);
        Files.createDirectories(outDir);
        JsonReport.write(outDir.resolve(REPORT_JSON), run, summary, results);
        JUnitXmlReport.write(outDir.resolve(JUNIT_XML), run, summary, results);
        HtmlReport.write(outDir.resolve(REPORT_HTML), run, summary, results);
        return summary;
    }

    /** One streaming pass over a results file. */
    public static Summary summarize(ResultsFile results) throws IOException {
        Summary.Tally tally = new Summary.Tally();
        tally.unreadable(results.read(tally));
        return tally.summary();
    }
}
