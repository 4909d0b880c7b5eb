package org.migcert.report;

import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.migcert.rules.CaseResult;

/**
 * Appends case results to {@code results.jsonl}, one JSON line per case, durable before
 * {@link #append} returns, so that a run that dies loses at most the case being written. Safe to
 * call from the parallel threads that run cases.
 */
public final class ResultsWriter implements AutoCloseable {
    private final Path path;
    // A stream, not a FileChannel: a FileChannel is closed for every thread when one writing thread
    // has its interrupt flag set, and cases run on pool threads that may be interrupted (time limits).
    private final FileOutputStream out;
    // Group commit: lines are written under this object's lock, forced under syncLock. One fsync makes
    // every line written before it started durable, so a thread whose line another thread's fsync has
    // already covered returns without one of its own; append still returns only once its line is durable.
    private final Object syncLock = new Object();
    private long written; // lines written, guarded by this
    private long synced;  // lines known durable, guarded by syncLock
    private boolean closed;

    private ResultsWriter(Path path, FileOutputStream out) {
        this.path = path;
        this.out = out;
    }

    /** Starts a new results file, replacing any previous one (a fresh run). */
    public static ResultsWriter create(Path path) throws IOException {
        return open(path, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Appends to an existing results file, or creates it. */
    public static ResultsWriter append(Path path) throws IOException {
        return open(path, StandardOpenOption.APPEND);
    }

    private static ResultsWriter open(Path path, StandardOpenOption mode) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean append = mode == StandardOpenOption.APPEND;
        boolean torn = append && Files.exists(path) && !endsCleanly(path);
        FileOutputStream out = new FileOutputStream(path.toFile(), append);
        try {
            // A previous run that died mid-line left a torn line without a newline; appending straight
            // after it would glue our first result onto the fragment and lose it too.
            if (torn) {
                out.write('\n');
            }
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new ResultsWriter(path, out);
    }

    private static boolean endsCleanly(Path path) throws IOException {
        try (FileChannel r = FileChannel.open(path, StandardOpenOption.READ)) {
            return ResultsFile.lastByteIsNewline(r);
        }
    }

    public Path path() {
        return path;
    }

    /** Writes one result as one line and forces it to disk. */
    public void append(CaseResult result) throws IOException {
        line(Json.MAPPER.writeValueAsBytes(result));
    }

    /** Writes a run record (its {@code record} property first, so readers tell it from a case at once). */
    public void append(RunRecord record) throws IOException {
        line(Json.MAPPER.writerFor(RunRecord.class).writeValueAsBytes(record));
    }

    private void line(byte[] json) throws IOException {
        // Jackson's compact output escapes newlines inside strings, so one result is always one line.
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        long mine;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("results writer for " + path + " is closed");
            }
            out.write(line);
            mine = ++written;
        }
        synchronized (syncLock) {
            if (synced < mine) {
                sync();
            }
        }
    }

    /** Forces every line written so far; called holding syncLock. */
    private void sync() throws IOException {
        long upTo;
        synchronized (this) {
            upTo = written;
        }
        out.getFD().sync();
        synced = upTo;
    }

    @Override
    public void close() throws IOException {
        synchronized (syncLock) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                // A line written by a thread that has not reached its fsync yet is forced here, before
                // the descriptor goes; that thread then finds it durable.
                if (synced < written) {
                    out.getFD().sync();
                    synced = written;
                }
                out.close();
            }
        }
    }
}
