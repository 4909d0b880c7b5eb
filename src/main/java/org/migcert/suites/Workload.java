package org.migcert.suites;

import java.util.ArrayList;
import java.util.List;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.RegionInfo;
import org.migcert.manifest.RegisterAccess;

/** Applies a manifest's workload writes; writes to a region the instance lacks are skipped and reported. */
public final class Workload {
    private Workload() {
    }

    /** @return notes on skipped writes (part of the evidence), empty when every write was applied */
    public static List<String> apply(DeviceInstance d, List<RegisterAccess> writes) {
        List<String> skipped = new ArrayList<>();
        int regions = d.deviceInfo().numRegions();
        for (RegisterAccess w : writes) {
            RegionInfo r = w.region() < regions ? d.regionInfo(w.region()) : null;
            if (r == null || (r.flags() & RegionInfo.FLAG_WRITE) == 0 || w.offset() + w.size() > r.size()) {
                skipped.add("workload write to " + w.label() + " skipped: not in this instance's region layout");
                continue;
            }
            d.write(w.region(), w.offset(), bytes(w.value(), w.size()));
        }
        return skipped;
    }

    static byte[] bytes(long value, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = Math.min(8, b.length) - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
