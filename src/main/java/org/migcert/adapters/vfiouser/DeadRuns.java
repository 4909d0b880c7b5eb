package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What harness runs that died without cleaning up (killed by SIGKILL, a crash, a power cut) left
 * behind: socket directories named after them ({@link PrivateDir}) and device programs carrying
 * their {@link Label} (the watchdog kills a dead harness's programs at once, except those that
 * left its process group and session). Only what belongs to this user and to a harness that no
 * longer runs is touched, so other runs, of this user or another, are safe.
 */
public final class DeadRuns {
    private DeadRuns() {
    }

    /** What was removed for one dead harness. */
    private static final class Removed {
        int directories;
        int processes;
    }

    /**
     * Removes what dead runs left and returns one line per dead run that left anything, such as
     * {@code migcert: removed 3 socket directories and 1 processes left by a dead run (pid 4242)}
     * (none when nothing was left). Cheap when there is nothing to remove; safe to call at every start.
     */
    public static List<String> cleanUp() {
        return cleanUp(PrivateDir.parent());
    }

    /** The same, with socket directories looked for in {@code parent}. */
    static List<String> cleanUp(Path parent) {
        long self = ProcessHandle.current().pid();
        Object me = uid(Path.of("/proc/" + self));
        if (me == null) {
            return List.of(); // no /proc: neither owners nor labels can be told, so nothing is touched
        }
        Map<Long, Removed> byPid = new TreeMap<>();
        for (Path dir : socketDirectories(parent)) {
            Optional<Owner> owner = PrivateDir.owner(dir).filter(o -> me.equals(uid(dir)) && !o.isAlive());
            if (owner.isPresent()) {
                PrivateDir.delete(dir);
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    byPid.computeIfAbsent(owner.get().pid(), p -> new Removed()).directories++;
                }
            }
        }
        for (long pid : ProcFs.pids()) {
            Optional<Owner> owner = Label.of(pid).map(Label::owner)
                    .filter(o -> pid != self && me.equals(uid(Path.of("/proc/" + pid))) && !o.isAlive());
            if (owner.isPresent()) {
                ProcessTree.kill(pid);
                byPid.computeIfAbsent(owner.get().pid(), p -> new Removed()).processes++;
            }
        }
        List<String> lines = new ArrayList<>();
        byPid.forEach((pid, r) -> lines.add("migcert: removed " + r.directories + " socket directories and "
                + r.processes + " processes left by a dead run (pid " + pid + ")"));
        return lines;
    }

    /** The numeric owner of a file, not following a link; null when it cannot be read. */
    private static Object uid(Path p) {
        try {
            return Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static List<Path> socketDirectories(Path parent) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent,
                "{" + PrivateDir.PREFIX + "," + PrivateDir.CONTAINER_PREFIX + "}*")) {
            s.forEach(out::add);
        } catch (IOException e) {
            // No temp directory to look in: nothing was left there.
        }
        return out;
    }
}
