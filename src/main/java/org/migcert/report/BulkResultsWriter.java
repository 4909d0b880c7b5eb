package org.migcert.report;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.migcert.rules.CaseResult;

/**
 * A {@code results.jsonl} written whole by one thread (a merge of shards), made durable once rather
 * than line by line. Lines go through a buffer unforced; {@link #end} forces them all, then writes the
 * end record and forces it. Readers take a file without an end record as partial, so a writer that
 * dies at any point leaves a file that does not look complete, and the end record is never durable
 * ahead of a line it vouches for. {@link ResultsWriter} stays the writer of a running run, where
 * each case must be durable before it counts as done.
 */
public final class BulkResultsWriter implements AutoCloseable {
    /** Makes a written file durable. Tests record the calls to check their order. */
    @FunctionalInterface
    public interface Force {
        /** The system's fsync. */
        Force FSYNC = (path, fd) -> fd.sync();

        void force(Path path, FileDescriptor fd) throws IOException;
    }

    private final Path path;
    private final FileOutputStream file;
    private final OutputStream out;
    private final Force force;
    private boolean ended;

    private BulkResultsWriter(Path path, FileOutputStream file, Force force) {
        this.path = path;
        this.file = file;
        this.out = new BufferedOutputStream(file, 1 << 16);
        this.force = force;
    }

    /** Starts a new results file, replacing any previous one: from then on it is partial until {@link #end}. */
    public static BulkResultsWriter create(Path path, Force force) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new BulkResultsWriter(path, new FileOutputStream(path.toFile(), false), force);
    }

    public Path path() {
        return path;
    }

    /** Writes the plan record (the file's first line); not forced. */
    public void plan(RunRecord.Plan plan) throws IOException {
        line(ResultsWriter.encode(plan));
    }

    /** Writes one result as one line, as {@link ResultsWriter} does; not forced. */
    public void append(CaseResult result) throws IOException {
        line(ResultsWriter.encode(result));
    }

    /**
     * Forces every line written so far, and only then writes the end record and forces it: the file
     * reads as complete only once everything before the end record is on disk. No line may follow.
     */
    public void end(RunRecord.End end) throws IOException {
        if (ended) {
            throw new IllegalStateException(path + ": the end record is already written");
        }
        out.flush();
        force.force(path, file.getFD());
        line(ResultsWriter.encode(end));
        out.flush();
        force.force(path, file.getFD());
        ended = true;
    }

    private void line(byte[] json) throws IOException {
        if (ended) {
            throw new IllegalStateException(path + ": a line after the end record");
        }
        // Jackson's compact output escapes newlines inside strings, so one result is always one line.
        out.write(json);
        out.write('\n');
    }

    /** Closes the file; without {@link #end} it stays partial (what it holds may not even be on disk). */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
