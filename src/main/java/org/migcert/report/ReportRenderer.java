package org.migcert.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.migcert.model.MigrationInfo;

/**
 * Renders every file report from one {@code results.jsonl}: at the end of a run, and for
 * {@code migcert report --from OUT/results.jsonl}, which rebuilds reports without rerunning. The
 * formats are the {@link ReportFormat} services found once when it is made.
 */
public final class ReportRenderer {
    /**
     * Results files up to this size are parsed once and walked from memory by every report (about
     * 12,000 cases, some tens of MB of heap); larger ones are read again on each walk.
     */
    public static final long IN_MEMORY_BYTES = 16L << 20;
    private final List<ReportFormat> formats;

    public ReportRenderer(List<ReportFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** Every {@link ReportFormat} registered as a service visible to {@code loader}. */
    public static ReportRenderer load(ClassLoader loader) {
        List<ReportFormat> found = new ArrayList<>();
        ServiceLoader.load(ReportFormat.class, loader).forEach(found::add);
        return new ReportRenderer(found);
    }

    public List<ReportFormat> formats() {
        return formats;
    }

    /** The files {@link #renderAll} writes into {@code outDir}, in format order. */
    public List<Path> files(Path outDir) {
        return formats.stream().map(f -> outDir.resolve(f.fileName())).toList();
    }

    /**
     * Reads {@code resultsJsonl} (unreadable lines are counted in the summary, not fatal) and writes
     * every format into {@code outDir}.
     *
     * @param info what is known about the run; null to take it from the results file's plan record,
     *             else from an existing {@code outDir/report.json}, else {@link RunInfo#unknown()}
     * @return the summary, whose {@link Summary#overall()} is the run's verdict
     * @throws IOException if the results file cannot be read at all or a report cannot be written
     */
    public Summary renderAll(Path resultsJsonl, Path outDir, RunInfo info) throws IOException {
        return renderAll(new ResultsFile(resultsJsonl).loaded(IN_MEMORY_BYTES), outDir, info);
    }

    /** {@link #renderAll(Path, Path, RunInfo)} from a results file the caller walks again afterwards (console, Allure). */
    public Summary renderAll(ResultsFile results, Path outDir, RunInfo info) throws IOException {
        ResultsFile.Records records = results.records();
        RunInfo run = info != null ? info : records.plan().map(p -> RunInfo.of(p, records.end()))
                .orElseGet(() -> RunInfo.fromReportJson(outDir.resolve(JsonReport.FILE)));
        JudgedCases cases = JudgedCases.ofRun(results);
        // The run's comparison, a raw file beside the results.
        Summary summary = summarize(results, records, cases).withComparison(RunComparison.read(raw(results),
                records.plan().map(RunRecord.Plan::runId).orElse(null)).orElse(null));
        Files.createDirectories(outDir);
        for (ReportFormat f : formats) {
            f.write(outDir.resolve(f.fileName()), run, summary, cases);
        }
        return summary;
    }

    /**
     * One streaming pass over a results file, its cases judged with the waivers the run was given and its
     * grid forecast from the migration info kept beside it (without the run's comparison, which
     * {@link #renderAll} adds).
     */
    public static Summary summarize(ResultsFile results) throws IOException {
        return summarize(results, results.records(), JudgedCases.ofRun(results));
    }

    /** {@link #summarize(ResultsFile)} with the run records already read: each pass over 100,000 lines costs a second. */
    private static Summary summarize(ResultsFile results, ResultsFile.Records records, JudgedCases cases)
            throws IOException {
        Summary.Tally tally = new Summary.Tally();
        tally.unreadable(JudgedCases.read(results, cases.waivers(), tally));
        tally.records(records);
        tally.waivers(cases.waivers());
        tally.infos(infos(raw(results), records));
        return tally.summary();
    }

    /** The directory of a results file, where the run's other raw files are. */
    private static Path raw(ResultsFile results) {
        return results.path().toAbsolutePath().getParent();
    }

    /** The migration info kept beside the results for each implementation of the plan that has it. */
    private static Map<String, MigrationInfo> infos(Path raw, ResultsFile.Records records) throws IOException {
        Map<String, MigrationInfo> out = new HashMap<>();
        for (String id : records.plan().map(RunRecord.Plan::implementations).orElse(List.of())) {
            InfoDirectory.read(raw, id).ifPresent(i -> out.put(id, i));
        }
        return out;
    }
}
