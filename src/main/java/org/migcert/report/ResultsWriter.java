package org.migcert.report;

import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.migcert.rules.CaseResult;

/**
 * Appends case results to {@code results.jsonl}, one JSON line per case, and forces them to disk in
 * groups. Each line is written to the file at once (a JVM that dies keeps it) and made durable by a
 * flusher thread whose one fsync covers every line written before it started, so cases keep running
 * while the disk works. {@link #append(CaseResult)} returns once its line is durable;
 * {@link #append(CaseResult, Runnable)} returns at once and runs its callback when the line is, in
 * line order, so a caller counts a case finished only then; at most {@link #MAX_PENDING} writes wait
 * for the disk at a time. Safe to call from the parallel threads that run cases.
 */
public final class ResultsWriter implements AutoCloseable {
    /** How many writes (a case's lines, or a record) may wait for their fsync before an append blocks: the loss window of a machine crash. */
    public static final int MAX_PENDING = 64;
    private final Path path;
    // A stream, not a FileChannel: a FileChannel is closed for every thread when one writing thread
    // has its interrupt flag set, and cases run on pool threads that may be interrupted (time limits).
    private final FileOutputStream out;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>(); // guarded by lock, in line order
    private long written; // lines written, guarded by lock
    private long synced;  // lines known durable, guarded by lock
    private boolean closed; // guarded by lock
    private IOException failure; // the fsync that failed, guarded by lock
    private Thread flusher; // started by the first append, guarded by lock

    /** A callback waiting for line {@code line} to be durable. */
    private record Pending(long line, Runnable whenDurable) {
    }

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

    /** Writes one result as one line and returns once it is on disk. */
    public void append(CaseResult result) throws IOException {
        awaitDurable(line(encode(result), null));
    }

    /**
     * Writes one result as one line and returns without waiting for the disk; {@code whenDurable}
     * runs on the flusher thread once the line is on disk, after the callbacks of earlier lines; it
     * must not append (it would wait for itself).
     */
    public void append(CaseResult result, Runnable whenDurable) throws IOException {
        line(encode(result), whenDurable);
    }

    /**
     * Writes the attempts of one case as consecutive lines, in one write: cases finishing on other threads
     * never come between them, so readers find a case's attempts together ({@link JudgedCases}). Returns
     * once they are on disk.
     */
    public void append(List<CaseResult> attempts) throws IOException {
        awaitDurable(line(lines(attempts), null));
    }

    /** {@link #append(List)} without waiting for the disk; {@code whenDurable} as for one result. */
    public void append(List<CaseResult> attempts, Runnable whenDurable) throws IOException {
        line(lines(attempts), whenDurable);
    }

    private static byte[] lines(List<CaseResult> attempts) throws IOException {
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < attempts.size(); i++) {
            if (i > 0) {
                lines.write('\n');
            }
            lines.write(encode(attempts.get(i)));
        }
        return lines.toByteArray();
    }

    /** Writes a run record (its {@code record} property first, so readers tell it from a case at once) and forces it. */
    public void append(RunRecord record) throws IOException {
        awaitDurable(line(encode(record), null));
    }

    /** One result as its line of {@code results.jsonl}, without the newline: the one place that says how. */
    static byte[] encode(CaseResult result) throws IOException {
        return Json.MAPPER.writeValueAsBytes(result);
    }

    /** One run record as its line, without the newline. */
    static byte[] encode(RunRecord record) throws IOException {
        return Json.MAPPER.writerFor(RunRecord.class).writeValueAsBytes(record);
    }

    /** Returns once every line written so far is on disk and its callback has run. */
    public void flush() throws IOException {
        long upTo;
        synchronized (lock) {
            upTo = written;
        }
        awaitDurable(upTo);
    }

    /** Writes a line; returns its number. */
    private long line(byte[] json, Runnable whenDurable) throws IOException {
        // Jackson's compact output escapes newlines inside strings, so one result is always one line.
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        synchronized (lock) {
            waitWhile(() -> written - synced >= MAX_PENDING && failure == null && !closed);
            if (closed) {
                throw new IllegalStateException("results writer for " + path + " is closed");
            }
            throwIfFailed();
            out.write(line);
            written++;
            if (whenDurable != null) {
                waiting.add(new Pending(written, whenDurable));
            }
            if (flusher == null) {
                flusher = new Thread(this::flushLoop, "migcert-results-fsync");
                flusher.setDaemon(true);
                flusher.start();
            }
            lock.notifyAll();
            return written;
        }
    }

    /** Waits until line {@code n} is durable and every callback up to it has run. */
    private void awaitDurable(long n) throws IOException {
        synchronized (lock) {
            waitWhile(() -> synced < n && failure == null);
            throwIfFailed();
        }
    }

    /**
     * Waits on the lock, which the caller holds, while {@code busy} holds. Not interruptible: a line
     * must not be dropped, nor a wait for the disk cut short, because the case's thread was
     * interrupted (a time limit); the interrupt is kept for the caller.
     */
    private void waitWhile(BooleanSupplier busy) {
        boolean interrupted = false;
        while (busy.getAsBoolean()) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void throwIfFailed() throws IOException {
        if (failure != null) {
            throw new IOException("results file " + path + ": " + failure.getMessage(), failure);
        }
    }

    /**
     * The flusher: one fsync for every line written before it starts, then the callbacks of those
     * lines in order, and only then are they counted durable (so {@link #flush} also waits for the
     * callbacks).
     */
    private void flushLoop() {
        while (true) {
            long upTo;
            synchronized (lock) {
                while (written == synced && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // Nobody interrupts this thread but the JVM going down; the lines still need forcing.
                    }
                }
                if (written == synced) {
                    return;
                }
                upTo = written;
            }
            List<Runnable> ready = new ArrayList<>();
            try {
                out.getFD().sync();
            } catch (IOException e) {
                synchronized (lock) {
                    failure = new IOException("fsync failed", e);
                    lock.notifyAll();
                }
                return;
            }
            synchronized (lock) {
                while (!waiting.isEmpty() && waiting.peek().line() <= upTo) {
                    ready.add(waiting.poll().whenDurable());
                }
            }
            for (Runnable r : ready) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // Kept and thrown to whoever waits next: a flusher that died here would leave them waiting forever.
                    synchronized (lock) {
                        failure = failure != null ? failure : new IOException("a callback of a durable line failed", e);
                    }
                }
            }
            synchronized (lock) {
                synced = upTo;
                lock.notifyAll();
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
            try {
                // The flusher forces what is still pending, then stops without touching the file again.
                waitWhile(() -> synced < written && failure == null);
                throwIfFailed();
            } finally {
                out.close();
            }
        }
    }
}
