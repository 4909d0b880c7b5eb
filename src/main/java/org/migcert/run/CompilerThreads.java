package org.migcert.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The processor time of this JVM's JIT compiler threads, read from Linux's per-thread accounting
 * ({@code /proc/self/task/N/comm} names them {@code C1 CompilerThre} and {@code C2 CompilerThre};
 * {@code schedstat} gives the nanoseconds each has run): what a bench subtracts to tell the work
 * measured from the compiling it causes.
 */
final class CompilerThreads {
    private static final Path TASKS = Path.of("/proc/self/task");

    private CompilerThreads() {
    }

    /** Nanoseconds the live compiler threads have run, or -1 where this cannot be read. */
    static long cpuNanos() {
        long total = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        total += Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split(" ")[0]);
                    }
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile: its time is no longer counted by anyone
                }
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
