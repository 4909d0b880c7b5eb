package org.migcert.bench;

import java.lang.management.ManagementFactory;

/**
 * What one measurement took: wall time and the whole process's processor time (every thread,
 * kernel work included). On a loaded machine wall time says more about the load than about the
 * code; processor time per byte does not.
 *
 * @param wallNanos elapsed time
 * @param cpuNanos  processor time of the process over the same span; 0 where the JVM does not tell
 */
record Timing(long wallNanos, long cpuNanos) {

    /** A measurement under way: call {@link #stop()} when it ends. */
    static Start start() {
        return new Start(System.nanoTime(), processCpu());
    }

    /** Where a measurement started. */
    record Start(long wall, long cpu) {
        Timing stop() {
            return new Timing(System.nanoTime() - wall, processCpu() - cpu);
        }
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }
}
