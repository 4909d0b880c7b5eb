package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * What device programs of one harness left behind, found the way a hostile tester would: by the
 * label in each process's environment ({@code /proc/PID/environ}, never by program name) and by the
 * harness pid in socket directory names (the container adapter's included, hence public).
 */
public final class Leftovers {
    /** How long processes get to vanish after they were killed. */
    static final Duration VANISH = Duration.ofSeconds(10);

    private Leftovers() {
    }

    /** The pids of live processes labelled by the harness with this pid (a zombie has no environment left to read). */
    public static List<Long> processes(long harnessPid) {
        return ProcFs.pids().stream()
                .filter(pid -> Label.of(pid).filter(l -> l.owner().pid() == harnessPid).isPresent()).toList();
    }

    /** The socket directories of the harness with this pid that still exist (in this JVM's temporary directory). */
    public static List<Path> socketDirectories(long harnessPid) throws IOException {
        return socketDirectories(PrivateDir.parent(), harnessPid);
    }

    /** The socket directories in {@code parent} of the harness with this pid that still exist. */
    public static List<Path> socketDirectories(Path parent, long harnessPid) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> PrivateDir.owner(p).filter(o -> o.pid() == harnessPid).isPresent()).toList();
        }
    }

    /** Waits (bounded) until no process of this harness is left, and fails naming them if some stay. */
    public static void awaitNoProcesses(long harnessPid) {
        Awaitility.await("processes labelled by harness " + harnessPid + " to vanish").atMost(VANISH)
                .pollInterval(Duration.ofMillis(50)).until(() -> processes(harnessPid), List::isEmpty);
    }

    /** This JVM's leftovers: none may remain once a test has closed what it opened. */
    public static void assertNoneOfOurs() throws IOException {
        long self = ProcessHandle.current().pid();
        awaitNoProcesses(self);
        List<Path> dirs = socketDirectories(self);
        if (!dirs.isEmpty()) {
            throw new AssertionError("socket directories left behind: " + dirs);
        }
    }
}
