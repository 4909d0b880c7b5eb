package org.migcert.vfiouser;

import java.nio.ByteBuffer;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.RegionInfo;

/**
 * The server's side of each device command: checks a request payload against its layout and
 * bounds, calls the {@link DeviceInstance}, and builds the reply payload, which is sent before the
 * next request is handled. A request it will not
 * carry out is a {@link Refusal}; exceptions of the device itself pass through for the session to
 * turn into error replies.
 */
final class DeviceRequests {
    /** The data count this server accepts per message, and announces in VERSION. */
    static final int MAX_XFER = 1 << 20;

    private final DeviceInstance device;
    /** The data count the connected client accepts per reply (its max_data_xfer_size, at most ours). */
    private int replyXfer = MAX_XFER;
    /**
     * The MIG_DATA_READ reply, reused from one read to the next (each is sent before the next
     * request is read): the device writes state straight into what the socket sends. Direct, so
     * that no copy is made on the way to the socket; made at the first read.
     */
    private ByteBuffer dataReply;

    DeviceRequests(DeviceInstance device) {
        this.device = device;
    }

    void limitReplyData(long clientMaxXfer) {
        replyXfer = (int) Math.min(clientMaxXfer, MAX_XFER);
    }

    /** A request refused with an errno; the connection stays up. */
    static final class Refusal extends RuntimeException {
        final int errno;

        Refusal(int errno, String message) {
            super(message, null, false, false);
            this.errno = errno;
        }
    }

    /** Handles every command except VERSION, which belongs to the session. */
    ByteBuffer handle(int command, ByteBuffer p) {
        Command cmd = Command.fromCode(command);
        if (cmd == null) {
            throw invalid("unsupported " + Command.describe(command));
        }
        switch (cmd) {
            case DEVICE_GET_INFO:
                argsz(p, Payloads.DEVICE_INFO);
                return Payloads.deviceInfo(Payloads.DEVICE_INFO, device.deviceInfo());
            case DEVICE_GET_REGION_INFO:
                return regionInfo(p);
            case DEVICE_GET_IRQ_INFO:
                argsz(p, Payloads.IRQ_INFO);
                IrqInfo irq = device.irqInfo(p.getInt(8));
                return Payloads.irqInfo(Payloads.IRQ_INFO, irq);
            case REGION_READ:
                return regionRead(p);
            case REGION_WRITE:
                return regionWrite(p);
            case DEVICE_RESET:
                device.reset();
                return Payloads.allocate(0);
            case DEVICE_FEATURE:
                return feature(p);
            case MIG_DATA_READ:
                return migDataRead(p);
            case MIG_DATA_WRITE:
                return migDataWrite(p);
            default:
                throw invalid(cmd + " is not valid here");
        }
    }

    private ByteBuffer regionInfo(ByteBuffer p) {
        argsz(p, Payloads.REGION_INFO);
        RegionInfo info = device.regionInfo(p.getInt(8));
        // This server sends no capability chain (and no file descriptors), so it never claims one.
        RegionInfo sent = new RegionInfo(info.index(), info.flags() & ~RegionInfo.FLAG_CAPS, info.size(), info.offset());
        return Payloads.regionInfo(Payloads.REGION_INFO, sent, 0);
    }

    private ByteBuffer regionRead(ByteBuffer p) {
        need(p, Payloads.REGION_ACCESS);
        long offset = p.getLong();
        int region = p.getInt();
        int count = count(p.getInt(), replyXfer);
        byte[] data = device.read(region, offset, count);
        if (data.length != count) {
            throw new Refusal(Errno.EIO, "device returned " + data.length + " bytes for a read of " + count);
        }
        return Payloads.regionAccess(offset, region, count, data, 0, count);
    }

    private ByteBuffer regionWrite(ByteBuffer p) {
        need(p, Payloads.REGION_ACCESS);
        long offset = p.getLong();
        int region = p.getInt();
        int count = count(p.getInt(), MAX_XFER);
        if (p.remaining() != count) {
            throw invalid("REGION_WRITE count " + count + " but " + p.remaining() + " data bytes");
        }
        byte[] data = new byte[count];
        p.get(data);
        device.write(region, offset, data);
        return Payloads.regionAccess(offset, region, count, data, 0, 0);
    }

    private ByteBuffer feature(ByteBuffer p) {
        need(p, Payloads.FEATURE);
        long argsz = Integer.toUnsignedLong(p.getInt());
        int flags = p.getInt();
        int feature = flags & DeviceFeature.INDEX_MASK;
        int ops = flags & ~DeviceFeature.INDEX_MASK;
        int supported = supportedOps(feature);
        if (supported == 0 || (ops & ~supported) != 0) {
            throw invalid("unsupported " + DeviceFeature.describe(flags));
        }
        if ((ops & DeviceFeature.PROBE) != 0) {
            return p.rewind();
        }
        if (ops == DeviceFeature.GET) {
            int replySize = Payloads.FEATURE + DeviceFeature.DATA_SIZE;
            if (argsz < replySize) {
                throw invalid("feature GET argsz " + argsz + " < " + replySize);
            }
            ByteBuffer r = Payloads.allocate(replySize).putInt(replySize).putInt(flags);
            if (feature == DeviceFeature.MIGRATION) {
                r.putLong(device.migrationFlags());
            } else {
                r.putInt(device.state().code()).putInt(0);
            }
            return r.flip();
        }
        if (ops == DeviceFeature.SET) {
            need(p, Payloads.FEATURE + Integer.BYTES);
            device.setRawState(p.getInt());
            return p.rewind();
        }
        throw invalid("feature request needs exactly one of GET, SET, or PROBE: " + DeviceFeature.describe(flags));
    }

    /** The operations a feature supports; nothing when the device cannot migrate at all. */
    private int supportedOps(int feature) {
        if (device.migrationFlags() == 0) {
            return 0;
        }
        switch (feature) {
            case DeviceFeature.MIGRATION:
                return DeviceFeature.GET | DeviceFeature.PROBE;
            case DeviceFeature.MIG_DEVICE_STATE:
                return DeviceFeature.GET | DeviceFeature.SET | DeviceFeature.PROBE;
            default:
                return 0;
        }
    }

    private ByteBuffer migDataRead(ByteBuffer p) {
        need(p, Payloads.MIG_DATA);
        long argsz = Integer.toUnsignedLong(p.getInt());
        int size = count(p.getInt(), replyXfer);
        if (argsz < Payloads.MIG_DATA + size) {
            throw invalid("MIG_DATA_READ argsz " + argsz + " cannot hold " + size + " bytes");
        }
        if (dataReply == null) {
            dataReply = ByteBuffer.allocateDirect(Payloads.MIG_DATA + MAX_XFER).order(Payloads.ORDER);
        }
        ByteBuffer r = dataReply.clear().limit(Payloads.MIG_DATA + size);
        int n = device.readData(r.position(Payloads.MIG_DATA).slice());
        if (n < 0 || n > size) {
            throw new Refusal(Errno.EIO, "device returned " + n + " bytes for a read of " + size);
        }
        r.putInt(0, Payloads.MIG_DATA + n).putInt(4, n);
        return r.position(0).limit(Payloads.MIG_DATA + n);
    }

    private ByteBuffer migDataWrite(ByteBuffer p) {
        need(p, Payloads.MIG_DATA);
        p.getInt();
        int size = count(p.getInt(), MAX_XFER);
        if (p.remaining() != size) {
            throw invalid("MIG_DATA_WRITE size " + size + " but " + p.remaining() + " data bytes");
        }
        device.writeData(p);
        return Payloads.allocate(0);
    }

    /** Checks the fixed part of an info request and that its argsz leaves room for the reply. */
    private static void argsz(ByteBuffer p, int fixed) {
        need(p, fixed);
        long argsz = Integer.toUnsignedLong(p.getInt(0));
        if (argsz < fixed) {
            throw invalid("argsz " + argsz + " < " + fixed);
        }
    }

    /** Checks the whole payload (not what is left of it) holds at least {@code fixed} bytes. */
    private static void need(ByteBuffer p, int fixed) {
        if (p.limit() < fixed) {
            throw invalid("payload of " + p.limit() + " bytes, at least " + fixed + " needed");
        }
    }

    private static int count(int wireCount, int max) {
        if (Integer.toUnsignedLong(wireCount) > max) {
            throw invalid("data count " + Integer.toUnsignedString(wireCount) + " exceeds " + max);
        }
        return wireCount;
    }

    private static Refusal invalid(String message) {
        return new Refusal(Errno.EINVAL, message);
    }
}
