package org.migcert.adapters.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;

/**
 * The device's PCI function as a guest's CPU reaches it through qtest: configuration space, and
 * its BARs through the addresses its BAR registers hold, like any driver. Configuration space goes
 * through the q35 host bridge's MMCONFIG window when there is one (all 4 KiB of a PCI Express
 * function), otherwise through the {@code 0xCF8}/{@code 0xCFC} ports (the first 256 bytes; the
 * i440fx machines have no window). Regions follow VFIO's numbering: BARs 0-5, the expansion ROM 6,
 * configuration space 7.
 */
final class PciFunction {
    static final int CONFIG_SIZE = 256;
    static final int EXPRESS_CONFIG_SIZE = 4096;
    /** The q35 host bridge (MCH), vendor 8086 device 29c0, and its PCIEXBAR register. */
    private static final long Q35_HOST = 0x29c0_8086L;
    private static final int PCIEXBAR = 0x60;
    /** Where q35 firmware puts the MMCONFIG window (256 buses), and its enable bit. */
    private static final long MMCONFIG_BASE = 0xb000_0000L;
    private static final int CAPABILITY_LIST = 0x34;
    private static final int CAP_EXPRESS = 0x10;
    static final int ROM_INDEX = 6;
    private static final long CONFIG_ADDRESS = 0xcf8;
    private static final long CONFIG_DATA = 0xcfc;
    private static final int COMMAND = 0x04;
    private static final int ROM_BAR = 0x30;
    /** Where {@link #assignResources} places memory BARs: inside the PCI hole of both pc and q35, below the IOAPIC. */
    private static final long MEMORY_BASE = 0xe000_0000L;
    private static final long IO_BASE = 0xc000;

    /** One BAR as QEMU's query-pci describes it (its size and kind never change). */
    record Bar(int index, long size, boolean io, boolean is64) {
    }

    private final Qtest qtest;
    private final int bus;
    private final int slot;
    private final int function;
    private final Map<Integer, Bar> bars;
    /** Where this function's configuration space is in the MMCONFIG window; 0 when it is reached through ports. */
    private long mmconfig;
    private int configSize = CONFIG_SIZE;

    private PciFunction(Qtest qtest, int bus, int slot, int function, Map<Integer, Bar> bars) {
        this.qtest = qtest;
        this.bus = bus;
        this.slot = slot;
        this.function = function;
        this.bars = bars;
    }

    /** Finds the device with id {@code dev0} in QEMU's {@code query-pci} answer. */
    static PciFunction find(Qtest qtest, JsonNode queryPci) {
        Optional<JsonNode> dev = find(queryPci);
        if (dev.isEmpty()) {
            throw new DeviceFailedException(Kind.PROTOCOL, "query-pci lists no device with id '" + DeviceOption.ID
                    + "': is the driver a PCI device?");
        }
        JsonNode d = dev.get();
        Map<Integer, Bar> bars = new TreeMap<>();
        for (JsonNode r : d.path("regions")) {
            int index = r.path("bar").asInt(-1);
            long size = r.path("size").asLong(0);
            if (index >= 0 && index <= ROM_INDEX && size > 0 && Long.bitCount(size) == 1) {
                bars.put(index, new Bar(index, size, "io".equals(r.path("type").asText()),
                        r.path("mem_type_64").asBoolean(false)));
            }
        }
        return new PciFunction(qtest, d.path("bus").asInt(), d.path("slot").asInt(), d.path("function").asInt(), bars);
    }

    /**
     * Finds the MMCONFIG window of a q35 host bridge, enabling it at its usual place first when
     * {@code asFirmware} (a destination has the source's, from the stream), and uses it for all of
     * the configuration space of a PCI Express function.
     */
    void useMmconfig(boolean asFirmware) {
        PciFunction host = new PciFunction(qtest, 0, 0, 0, Map.of());
        if (host.configRead(0, 4) != Q35_HOST) {
            return;
        }
        long bar = host.configRead(PCIEXBAR, 4);
        if ((bar & 1) == 0 && asFirmware) {
            host.configWrite(PCIEXBAR + 4, 4, 0);
            host.configWrite(PCIEXBAR, 4, MMCONFIG_BASE | 1);
            bar = host.configRead(PCIEXBAR, 4);
        }
        // Length bits 1-2 are 00 (256 buses) as firmware leaves them, so the base is bits 31-28.
        if ((bar & 0x7) != 1 || !isExpress()) {
            return;
        }
        mmconfig = (bar & 0xf000_0000L) | (long) bus << 20 | (long) slot << 15 | (long) function << 12;
        configSize = EXPRESS_CONFIG_SIZE;
    }

    /** Whether the capability list holds a PCI Express capability. */
    private boolean isExpress() {
        int at = (int) configRead(CAPABILITY_LIST, 1) & 0xfc;
        for (int hops = 0; at >= 0x40 && hops < 48; hops++) {
            if (configRead(at, 1) == CAP_EXPRESS) {
                return true;
            }
            at = (int) configRead(at + 1, 1) & 0xfc;
        }
        return false;
    }

    private static Optional<JsonNode> find(Iterable<JsonNode> buses) {
        for (JsonNode b : buses) {
            for (JsonNode d : b.path("devices")) {
                if (DeviceOption.ID.equals(d.path("qdev_id").asText())) {
                    return Optional.of(d);
                }
                Optional<JsonNode> below = find(d.path("pci_bridge").path("devices").isArray()
                        ? List.of(d.path("pci_bridge")) : List.<JsonNode>of());
                if (below.isPresent()) {
                    return below;
                }
            }
        }
        return Optional.empty();
    }

    /** Where the guest would find it, such as {@code 00:01.0}. */
    String address() {
        return String.format("%02x:%02x.%x", bus, slot, function);
    }

    /** The VFIO-style region info of region {@code index}. */
    RegionInfo region(int index) {
        if (index == RegionInfo.PCI_CONFIG_INDEX) {
            return new RegionInfo(index, RegionInfo.FLAG_READ | RegionInfo.FLAG_WRITE, configSize, 0);
        }
        Bar b = bars.get(index);
        if (b == null) {
            return new RegionInfo(index, 0, 0, 0);
        }
        int flags = index == ROM_INDEX ? RegionInfo.FLAG_READ : RegionInfo.FLAG_READ | RegionInfo.FLAG_WRITE;
        return new RegionInfo(index, flags, b.size(), 0);
    }

    /**
     * What firmware does before a guest runs: gives every BAR and the ROM an address, naturally
     * aligned, and enables I/O and memory decoding. Every instance gets the same addresses, so two
     * instances of one configuration have the same configuration space.
     */
    void assignResources() {
        long mem = MEMORY_BASE;
        long io = IO_BASE;
        int command = 0;
        for (Bar b : bars.values()) {
            if (b.io()) {
                io = align(io, b.size());
                configWrite(barRegister(b.index()), 4, io);
                io += b.size();
                command |= 1;
            } else {
                mem = align(mem, b.size());
                if (b.index() == ROM_INDEX) {
                    configWrite(ROM_BAR, 4, mem | 1);
                } else {
                    configWrite(barRegister(b.index()), 4, mem & 0xffff_ffffL);
                    if (b.is64()) {
                        configWrite(barRegister(b.index()) + 4, 4, mem >>> 32);
                    }
                }
                mem += b.size();
                command |= 2;
            }
        }
        configWrite(COMMAND, 2, configRead(COMMAND, 2) | command);
    }

    byte[] read(int region, long offset, int length) {
        byte[] out = new byte[length];
        if (region == RegionInfo.PCI_CONFIG_INDEX) {
            within(region, offset, length, configSize);
            if (mmconfig != 0 && length > 0) {
                return qtest.read(mmconfig + offset, length);
            }
            for (int i = 0; i < length; ) {
                int at = (int) offset + i;
                int size = length - i >= 4 && (at & 3) == 0 ? 4 : 1;
                put(out, i, configRead(at, size), size);
                i += size;
            }
            return out;
        }
        Bar b = bar(region);
        within(region, offset, length, b.size());
        long base = base(b) + offset;
        if (isAccessSize(length, b.io())) {
            put(out, 0, b.io() ? qtest.in(length, base) : qtest.readMemory(length, base), length);
            return out;
        }
        for (int i = 0; i < length; ) {
            int n = b.io() ? 1 : Math.min(length - i, Qtest.MAX_BLOCK);
            if (b.io()) {
                out[i] = (byte) qtest.in(1, base + i);
            } else {
                System.arraycopy(qtest.read(base + i, n), 0, out, i, n);
            }
            i += n;
        }
        return out;
    }

    void write(int region, long offset, byte[] data) {
        if (region == RegionInfo.PCI_CONFIG_INDEX) {
            within(region, offset, data.length, configSize);
            for (int i = 0; i < data.length; ) {
                int at = (int) offset + i;
                int size = data.length - i >= 4 && (at & 3) == 0 ? 4 : 1;
                configWrite(at, size, get(data, i, size));
                i += size;
            }
            return;
        }
        Bar b = bar(region);
        if (region == ROM_INDEX) {
            throw new RequestRefusedException("region 6 (expansion ROM) is read-only", 0);
        }
        within(region, offset, data.length, b.size());
        long base = base(b) + offset;
        if (isAccessSize(data.length, b.io())) {
            access(b, base, data.length, get(data, 0, data.length));
            return;
        }
        for (int i = 0; i < data.length; i++) {
            access(b, base + i, 1, data[i] & 0xff);
        }
    }

    private void access(Bar b, long address, int size, long value) {
        if (b.io()) {
            qtest.out(size, address, value);
        } else {
            qtest.writeMemory(size, address, value);
        }
    }

    private static boolean isAccessSize(int length, boolean io) {
        return length == 1 || length == 2 || length == 4 || length == 8 && !io;
    }

    private Bar bar(int region) {
        Bar b = bars.get(region);
        if (b == null) {
            throw new RequestRefusedException("region " + region + " does not exist on this device", 0);
        }
        return b;
    }

    /** The address the BAR register holds now, as the guest programmed it (or the firmware did). */
    private long base(Bar b) {
        if (b.index() == ROM_INDEX) {
            long rom = configRead(ROM_BAR, 4);
            if ((rom & 1) == 0) {
                throw new RequestRefusedException("region 6: the expansion ROM is not enabled (ROM BAR 0x"
                        + Long.toHexString(rom) + ")", 0);
            }
            return rom & ~0x7ffL;
        }
        long low = configRead(barRegister(b.index()), 4);
        long base = b.io() ? low & ~0x3L : low & ~0xfL;
        if (b.is64()) {
            base |= configRead(barRegister(b.index()) + 4, 4) << 32;
        }
        if (base == 0) {
            throw new RequestRefusedException("region " + b.index() + ": BAR " + b.index() + " holds no address", 0);
        }
        return base;
    }

    private static int barRegister(int index) {
        return 0x10 + 4 * index;
    }

    long configRead(int offset, int size) {
        if (mmconfig != 0) {
            return qtest.readMemory(size, mmconfig + offset);
        }
        qtest.out(4, CONFIG_ADDRESS, configAddress(offset));
        return qtest.in(size, CONFIG_DATA + (offset & 3));
    }

    void configWrite(int offset, int size, long value) {
        if (mmconfig != 0) {
            qtest.writeMemory(size, mmconfig + offset, value);
            return;
        }
        qtest.out(4, CONFIG_ADDRESS, configAddress(offset));
        qtest.out(size, CONFIG_DATA + (offset & 3), value);
    }

    private long configAddress(int offset) {
        return 0x8000_0000L | (long) bus << 16 | (long) slot << 11 | (long) function << 8 | (offset & 0xfc);
    }

    private static void within(int region, long offset, int length, long size) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new RequestRefusedException("region " + region + ": " + length + " bytes at 0x" + Long.toHexString(offset)
                    + " are outside its 0x" + Long.toHexString(size) + " bytes", 0);
        }
    }

    private static long align(long at, long size) {
        return (at + size - 1) & -size;
    }

    private static void put(byte[] out, int at, long value, int size) {
        for (int i = 0; i < size; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static long get(byte[] in, int at, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (in[at + i] & 0xff);
        }
        return v;
    }
}
