package org.migcert.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The most heap a measurement had in use: the heap pools' peaks, reset when it starts, against the
 * heap's limit. A peak counts garbage not yet collected too, so it bounds what was held from above.
 */
final class HeapPeak {
    private static final double MIB = 1 << 20;
    private final List<MemoryPoolMXBean> pools;

    private HeapPeak(List<MemoryPoolMXBean> pools) {
        this.pools = pools;
    }

    /** Collects what came before, then resets the heap pools' peaks. */
    static HeapPeak start() {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        return new HeapPeak(heap);
    }

    /** "peak N MiB used of an M MiB heap". */
    String describe() {
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return String.format("peak %.1f MiB of %.0f MiB", peak / MIB, Runtime.getRuntime().maxMemory() / MIB);
    }
}
