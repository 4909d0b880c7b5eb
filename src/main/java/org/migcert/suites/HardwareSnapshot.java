package org.migcert.suites;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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
 * difference is the evidence of DEFAULT-1 and COMPAT-2 failures. Dumped bytes (config space, whole
 * regions) are kept as bytes and compared as bytes: they are written out in hex only where two
 * snapshots differ, since most comparisons find them equal.
 */
public final class HardwareSnapshot {
    /** Bounds on what a device may claim: a device reporting more is misbehaving, not large. */
    static final int MAX_REGIONS = 64;
    static final int MAX_IRQS = 16;
    static final int MAX_CONFIG = 4096;

    private static final String MISSING = "missing";
    private static final HexFormat HEX = HexFormat.of();

    /** Each entry's value: a {@code String}, or the {@code byte[]} of a dump (shown in hex). */
    private final Map<String, Object> entries;

    private HardwareSnapshot(Map<String, Object> entries) {
        this.entries = entries;
    }

    public static HardwareSnapshot capture(DeviceInstance d, List<RegisterAccess> observe) {
        Map<String, Object> e = new LinkedHashMap<>();
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
            e.put("config space", own(d.read(RegionInfo.PCI_CONFIG_INDEX, 0, (int) Math.min(cfg.size(), MAX_CONFIG))));
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
                e.put(o.label(), own(d.read(o.region(), 0, (int) Math.min(o.size(), r.size()))));
            }
        }
        return new HardwareSnapshot(e);
    }

    /** A copy of dumped bytes: a device may hand out an array it changes later, and the snapshot is of this moment. */
    private static byte[] own(byte[] dump) {
        return Arrays.copyOf(dump, dump.length);
    }

    /** Every entry as text, dumps in hex. */
    public Map<String, String> entries() {
        Map<String, String> text = new LinkedHashMap<>();
        entries.forEach((k, v) -> text.put(k, text(v)));
        return text;
    }

    /** How many entries it holds: what a comparison of two snapshots compares. */
    public int size() {
        return entries.size();
    }

    /** Each entry that differs, as {@code name: this -> other}; empty when identical. */
    public List<String> diff(HardwareSnapshot other) {
        List<String> out = new ArrayList<>();
        for (String k : union(other)) {
            Object a = entries.getOrDefault(k, MISSING);
            Object b = other.entries.getOrDefault(k, MISSING);
            if (!same(a, b)) {
                String ta = text(a);
                String tb = text(b);
                out.add(k + ": " + shorten(ta, tb) + " -> " + shorten(tb, ta));
            }
        }
        return out;
    }

    /** Whether two values read the same: as bytes when both are dumps, as text otherwise. */
    private static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(text(a), text(b));
    }

    private static String text(Object value) {
        return value instanceof byte[] b ? hex(b) : (String) value;
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
        return HEX.formatHex(b);
    }

    @Override
    public String toString() {
        return entries().toString();
    }
}
