package org.migcert.suites;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.RegionInfo;
import org.migcert.manifest.RegisterAccess;

/**
 * What a guest sees of a device at one moment: device info, region layout, interrupt info, PCI
 * config space and the manifest's observations. Two snapshots are compared entry by entry; the
 * difference is the evidence of DEFAULT-1 and COMPAT-2 failures.
 */
public final class HardwareSnapshot {
    /** Bounds on what a device may claim: a device reporting more is misbehaving, not large. */
    static final int MAX_REGIONS = 64;
    static final int MAX_IRQS = 16;
    static final int MAX_CONFIG = 4096;

    private final Map<String, String> entries;

    private HardwareSnapshot(Map<String, String> entries) {
        this.entries = entries;
    }

    public static HardwareSnapshot capture(DeviceInstance d, List<RegisterAccess> observe) {
        Map<String, String> e = new LinkedHashMap<>();
        DeviceInfo info = d.deviceInfo();
        e.put("device info", "flags=0x" + Integer.toHexString(info.flags()) + " regions=" + info.numRegions()
                + " irqs=" + info.numIrqs());
        Map<Integer, RegionInfo> regions = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(info.numRegions(), MAX_REGIONS); i++) {
            RegionInfo r = d.regionInfo(i);
            regions.put(i, r);
            e.put("region " + i, "size=0x" + Long.toHexString(r.size()) + " flags=0x" + Integer.toHexString(r.flags()));
        }
        for (int i = 0; i < Math.min(info.numIrqs(), MAX_IRQS); i++) {
            IrqInfo q = d.irqInfo(i);
            e.put("irq " + i, "count=" + q.count() + " flags=0x" + Integer.toHexString(q.flags()));
        }
        RegionInfo cfg = regions.get(RegionInfo.PCI_CONFIG_INDEX);
        if (cfg != null && cfg.size() > 0 && (cfg.flags() & RegionInfo.FLAG_READ) != 0) {
            e.put("config space", hex(d.read(RegionInfo.PCI_CONFIG_INDEX, 0, (int) Math.min(cfg.size(), MAX_CONFIG))));
        }
        for (RegisterAccess o : observe) {
            RegionInfo r = regions.get(o.region());
            long avail = r == null ? 0 : r.size() - o.offset();
            if (r == null || (r.flags() & RegionInfo.FLAG_READ) == 0 || avail <= 0
                    || (o.kind() == RegisterAccess.Kind.READ && avail < o.size())) {
                e.put(o.label(), "absent");
            } else if (o.kind() == RegisterAccess.Kind.READ) {
                e.put(o.label(), "0x" + Long.toHexString(Workload.littleEndian(d.read(o.region(), o.offset(), o.size()))));
            } else {
                e.put(o.label(), hex(d.read(o.region(), 0, (int) Math.min(o.size(), r.size()))));
            }
        }
        return new HardwareSnapshot(e);
    }

    public Map<String, String> entries() {
        return entries;
    }

    /** Each entry that differs, as {@code name: this -> other}; empty when identical. */
    public List<String> diff(HardwareSnapshot other) {
        List<String> out = new ArrayList<>();
        for (String k : union(other)) {
            String a = entries.getOrDefault(k, "missing");
            String b = other.entries.getOrDefault(k, "missing");
            if (!Objects.equals(a, b)) {
                out.add(k + ": " + shorten(a, b) + " -> " + shorten(b, a));
            }
        }
        return out;
    }

    private List<String> union(HardwareSnapshot other) {
        List<String> keys = new ArrayList<>(entries.keySet());
        other.entries.keySet().stream().filter(k -> !entries.containsKey(k)).forEach(keys::add);
        return keys;
    }

    /** Long hex dumps are cut to the first difference so evidence stays readable. */
    private static String shorten(String s, String other) {
        if (s.length() <= 40) {
            return s;
        }
        int i = 0;
        while (i < s.length() && i < other.length() && s.charAt(i) == other.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 8) & ~1;
        return "[byte " + (from / 2) + "] " + s.substring(from, Math.min(s.length(), from + 32)) + "...";
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
