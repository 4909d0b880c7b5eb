package org.migcert.vfiouser;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.RegionInfo;

/**
 * The payload layouts of the vfio-user messages migcert uses, shared by client and server so
 * that each layout is written down once. Offsets follow QEMU docs/interop/vfio-user.rst and
 * linux/vfio.h; every integer is little-endian (the spec says host order; migcert runs on
 * little-endian hosts only, which all supported targets are).
 */
public final class Payloads {
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** struct vfio_user_version without its JSON: u16 major, u16 minor. */
    public static final int VERSION_FIXED = 4;
    /** struct vfio_user_device_info: argsz, flags, num_regions, num_irqs. */
    public static final int DEVICE_INFO = 16;
    /** struct vfio_region_info: argsz, flags, index, cap_offset, u64 size, u64 offset. */
    public static final int REGION_INFO = 32;
    /** struct vfio_info_cap_header: u16 id, u16 version, u32 next. */
    public static final int CAP_HEADER = 8;
    /** struct vfio_irq_info: argsz, flags, index, count. */
    public static final int IRQ_INFO = 16;
    /** struct vfio_user_region_access without data: u64 offset, u32 region, u32 count. */
    public static final int REGION_ACCESS = 16;
    /** struct vfio_user_device_feature without data: argsz, flags. */
    public static final int FEATURE = 8;
    /** struct vfio_user_mig_data without data: argsz, size. */
    public static final int MIG_DATA = 8;
    /** The largest fixed part that precedes bulk data in any message (region access). */
    public static final int MAX_FIXED_OVERHEAD = REGION_ACCESS;

    private Payloads() {
    }

    /** A zeroed little-endian buffer of {@code size} bytes, positioned at 0. */
    public static ByteBuffer allocate(int size) {
        return ByteBuffer.allocate(size).order(ORDER);
    }

    public static ByteBuffer deviceInfo(int argsz, DeviceInfo info) {
        return allocate(DEVICE_INFO).putInt(argsz).putInt(info.flags()).putInt(info.numRegions())
                .putInt(info.numIrqs()).flip();
    }

    /** Reads a device info; the argsz field is skipped. */
    public static DeviceInfo readDeviceInfo(ByteBuffer p) {
        p.getInt();
        return new DeviceInfo(p.getInt(), p.getInt(), p.getInt());
    }

    /** A region info of exactly {@link #REGION_INFO} bytes with the given argsz and cap_offset. */
    public static ByteBuffer regionInfo(int argsz, RegionInfo info, int capOffset) {
        return allocate(REGION_INFO).putInt(argsz).putInt(info.flags()).putInt(info.index()).putInt(capOffset)
                .putLong(info.size()).putLong(info.offset()).flip();
    }

    public static ByteBuffer irqInfo(int argsz, IrqInfo info) {
        return allocate(IRQ_INFO).putInt(argsz).putInt(info.flags()).putInt(info.index()).putInt(info.count())
                .flip();
    }

    /** Reads an irq info; the argsz field is skipped. */
    public static IrqInfo readIrqInfo(ByteBuffer p) {
        p.getInt();
        int flags = p.getInt();
        int index = p.getInt();
        return new IrqInfo(index, flags, p.getInt());
    }

    /** A region access header followed by {@code data} (may be empty). */
    public static ByteBuffer regionAccess(long offset, int region, int count, byte[] data, int dataOffset,
                                          int dataLength) {
        return allocate(REGION_ACCESS + dataLength).putLong(offset).putInt(region).putInt(count)
                .put(data, dataOffset, dataLength).flip();
    }

    /** A device feature header followed by {@code data}. */
    public static ByteBuffer feature(int argsz, int flags, byte[] data) {
        return allocate(FEATURE + data.length).putInt(argsz).putInt(flags).put(data).flip();
    }
}
