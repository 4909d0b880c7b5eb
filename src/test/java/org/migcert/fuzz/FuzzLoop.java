package org.migcert.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Runs a seeded fuzzing loop with bounds: the whole loop within {@code total}, each iteration
 * within {@code each}, and each iteration allocating less than {@code maxAllocated} bytes on its
 * thread (after {@code warmUp} iterations, which load and compile classes). A failure names the
 * iteration, its seed and what it did, so {@code new SplittableRandom(seed)} reproduces it.
 */
public record FuzzLoop(long seed, int iterations, int warmUp, long maxAllocated, Duration each, Duration total) {
    /** One iteration: its own random source; returns what it did, for messages. */
    @FunctionalInterface
    public interface Iteration {
        String run(int i, long seed) throws Exception;
    }

    public void run(Iteration body) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SplittableRandom seeds = new SplittableRandom(seed);
        assertTimeoutPreemptively(total, () -> {
            for (int i = 0; i < iterations; i++) {
                long s = seeds.nextLong();
                long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                String what = body.run(i, s);
                long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
                String which = "iteration " + i + " (seed " + s + ", " + what + ")";
                assertTrue(i < warmUp || allocated < maxAllocated, which + " allocated " + allocated + " bytes");
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(each) < 0, which + " took too long");
            }
        });
    }
}
