package org.migcert.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import org.migcert.manifest.ManifestException;
import org.migcert.report.ResultsFile;
import org.migcert.report.ResultsWriter;
import org.migcert.report.RunRecord;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Observed;
import org.migcert.rules.Verdict;

/**
 * The run's {@code results.jsonl}: its plan record first, each case as it finishes, its end record
 * last. A fresh run starts a new file; a resumed run keeps the plan and every case that has a
 * result, drops what never ran, and appends the rest.
 */
final class ResultsLog implements AutoCloseable {
    static final String FILE = "results.jsonl";

    private final ResultsWriter writer;
    private final Set<String> done;

    private ResultsLog(ResultsWriter writer, Set<String> done) {
        this.writer = writer;
        this.done = done;
    }

    /** The plan record of an earlier run in {@code dir}, for {@code --resume}. */
    static RunRecord.Plan planOf(Path dir) throws ManifestException {
        Path file = dir.resolve(FILE);
        try {
            return new ResultsFile(file).records().plan().orElseThrow(() -> new ManifestException(
                    "--resume " + dir + ": " + file + " has no plan record; only runs of this migcert version resume"));
        } catch (IOException e) {
            throw new ManifestException("--resume " + dir + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    /** A new results file that starts with {@code plan}. */
    static ResultsLog start(Path dir, RunRecord.Plan plan) throws IOException {
        ResultsWriter w = ResultsWriter.create(dir.resolve(FILE));
        w.append(plan);
        return new ResultsLog(w, Set.of());
    }

    /**
     * Continues the run in {@code dir}: refuses when its plan differs from {@code plan}, rewrites the
     * file without its end record and without the cases that never ran, and appends from there.
     */
    static ResultsLog resume(Path dir, RunRecord.Plan plan) throws IOException, ManifestException {
        Path file = dir.resolve(FILE);
        RunRecord.Plan before = planOf(dir);
        if (!before.planDigest().equals(plan.planDigest()) || before.planned() != plan.planned()) {
            throw new ManifestException("--resume " + dir + ": the plan changed since that run (" + before.planned()
                    + " cases, " + before.planDigest() + "; now " + plan.planned() + " cases, " + plan.planDigest()
                    + "): the manifest, the profile or an implementation's migration info differs; start a new run");
        }
        Path kept = dir.resolve(FILE + ".resume");
        Set<String> done = new HashSet<>();
        try (ResultsWriter w = ResultsWriter.create(kept)) {
            w.append(before);
            String[] last = {null};
            new ResultsFile(file).read(r -> {
                // A case's retries follow its first attempt: kept with it, as the case is.
                if (!neverRan(r) && (done.add(r.id()) || (r.isRetry() && r.id().equals(last[0])))) {
                    w.append(r);
                    last[0] = r.id();
                }
            });
        }
        Files.move(kept, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ResultsLog(ResultsWriter.append(file), done);
    }

    /** A result that stands for a case that never ran (interrupted, or the engine never started it). */
    private static boolean neverRan(CaseResult r) {
        return r.verdict() == Verdict.ERROR && r.observed() == Observed.NOT_RUN;
    }

    /** Ids of the cases that already have a result (a resumed run skips them). */
    Set<String> done() {
        return done;
    }

    void append(CaseResult r) {
        append(java.util.List.of(r));
    }

    /** Every attempt of one case, together. */
    void append(java.util.List<CaseResult> attempts) {
        try {
            writer.append(attempts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every attempt of one case, together, and returns; {@code whenDurable} runs once they are on disk (see {@link ResultsWriter}). */
    void append(java.util.List<CaseResult> attempts, Runnable whenDurable) {
        try {
            writer.append(attempts, whenDurable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns once every result appended so far is on disk and its callback has run. */
    void flush() throws IOException {
        writer.flush();
    }

    void end(RunRecord.End end) throws IOException {
        writer.append(end);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

}
