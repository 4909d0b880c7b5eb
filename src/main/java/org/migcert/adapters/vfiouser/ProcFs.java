package org.migcert.adapters.vfiouser;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Linux's {@code /proc} says about processes, read without starting any: who is alive, in
 * which session and process group, since when, and one variable of its environment. Every read
 * tolerates the process vanishing meanwhile (it then reads as absent); without {@code /proc}
 * there are simply no processes to find.
 */
final class ProcFs {
    /** A process's environment can be large; a label is near its start in practice, but read it all up to this. */
    private static final int MAX_ENVIRON = 1 << 20;
    /** A stat line is a few hundred bytes; its fields up to the start time come well within this. */
    private static final int MAX_STAT = 4096;

    private ProcFs() {
    }

    /**
     * One process's line of {@code /proc/PID/stat}.
     *
     * @param startTicks when it started, in clock ticks since boot: with the pid, it names a process for good
     */
    record Stat(long pid, long pgrp, long session, long startTicks) {
    }

    /** The pids of every process now. */
    static List<Long> pids() {
        List<Long> out = new ArrayList<>();
        String[] names = new File("/proc").list();
        for (String n : names == null ? new String[0] : names) { // null without /proc (not Linux): nothing to find
            if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                out.add(Long.parseLong(n));
            }
        }
        return out;
    }

    static Optional<Stat> stat(long pid) {
        String line;
        // A plain FileInputStream: several times cheaper than NIO here, and this runs for every process.
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            line = new String(in.readNBytes(MAX_STAT), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
        String[] f = line.substring(line.lastIndexOf(')') + 1).trim().split(" ");
        // After the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime
        // stime cutime cstime priority nice num_threads itrealvalue starttime (fields 3 to 22).
        try {
            return f.length < 20 ? Optional.empty()
                    : Optional.of(new Stat(pid, Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty(); // not a stat line this code understands: nothing to act on
        }
    }

    /** The value of {@code name} in the environment the process was started with. */
    static Optional<String> environment(long pid, String name) {
        byte[] env;
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/environ")) {
            env = in.readNBytes(MAX_ENVIRON);
        } catch (IOException e) {
            return Optional.empty();
        }
        String prefix = name + "=";
        for (String entry : new String(env, StandardCharsets.ISO_8859_1).split("\0")) {
            if (entry.startsWith(prefix)) {
                return Optional.of(entry.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }
}
