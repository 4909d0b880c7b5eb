package org.migcert.allure;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child program (Maven, Allure's command line) run to completion under a deadline. Its argv goes
 * to the operating system as it is, never through a shell; its standard input is closed; its output
 * (standard output and error together) goes to a log file, so a chatty child can never block on a
 * full pipe, and the last few kilobytes of that log explain a failure.
 */
final class ChildProcess {
    /** How much of the log a failure message quotes: enough for a stack trace's head or Maven's error. */
    static final int TAIL_BYTES = 8 * 1024;
    /** How long a killed child (and its children) may take to go. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    /** How the child ended: its exit status, or that it was killed at the deadline; and the tail of its output. */
    record Ended(int exit, boolean timedOut, String tail) {
        boolean succeeded() {
            return !timedOut && exit == 0;
        }
    }

    private ChildProcess() {
    }

    /**
     * Runs {@code argv} in {@code dir} with {@code env} added to this process's environment, and waits
     * at most {@code timeout}; on the deadline or an interrupt the child and its descendants are killed.
     *
     * @throws IOException when the program cannot be started (not found, not executable)
     */
    static Ended run(List<String> argv, Path dir, Map<String, String> env, Duration timeout, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
        if (!finished) {
            kill(p);
        }
        return new Ended(finished ? p.exitValue() : -1, !finished, tail(log));
    }

    private static void kill(Process p) throws InterruptedException {
        // Maven's launcher script starts a JVM of its own: the descendants go first, or they would outlive it.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last {@link #TAIL_BYTES} of the log, as text (a cut multi-byte character becomes a replacement character). */
    static String tail(Path log) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - TAIL_BYTES);
            byte[] b = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(b);
            return (from > 0 ? "..." : "") + new String(b, StandardCharsets.UTF_8).strip();
        }
    }
}
