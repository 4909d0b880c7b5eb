package org.migcert.vfiouser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.RegionInfo;

/**
 * A vfio-user client over a UNIX socket: negotiates VERSION on connect, then offers one typed
 * method per command migcert uses.
 *
 * <p>Every reply is checked before it is believed: same message id and command, the reply type,
 * a size bounded by what the request allows (so no buffer is ever sized by an unchecked wire
 * length), at least the fixed part of the reply, and fields that must echo the request. An error
 * reply is a {@link VfioUserRefusedException}; the connection stays usable. Anything else that
 * goes wrong is a {@link DeviceFailedException} (HUNG past the time limit, CRASHED on disconnect,
 * PROTOCOL on malformed replies), after which the connection is unusable and every later call
 * fails at once with the same kind.
 *
 * <p>Calls are synchronized: one caller at a time, and a split transfer is never interleaved.
 */
public final class VfioUserClient implements AutoCloseable {
    public static final int PROTOCOL_MAJOR = 0;
    public static final int PROTOCOL_MINOR = 2;
    /** Bound on a region info reply with its capability chain; real chains take a few dozen bytes. */
    static final int MAX_REGION_INFO = 64 * 1024;
    /** Bound on the length of a capability chain, so a looping or absurd chain is refused. */
    static final int MAX_CAPABILITIES = 64;

    private static final byte[] NO_DATA = new byte[0];

    /**
     * MIG_DATA_READs this client offers to keep in flight ({@link #migDataReadFully}); a server
     * that does not take up the offer gets one at a time. Four 1 MiB requests keep a server busy
     * while the client takes a reply in; more only adds reads past the end of the state.
     */
    public static final int DEFAULT_READ_DEPTH = 4;

    private final MessageChannel channel;
    private final long timeoutMillis;
    private final int clientMaxXfer;
    private final int clientReadDepth;
    private int nextMsgId;
    private int serverMinor;
    private Capabilities serverCaps;
    private int xferSize;
    private int readDepth = 1;
    private DeviceFailedException broken;

    private VfioUserClient(MessageChannel channel, Duration timeout, int clientMaxXfer, int clientReadDepth) {
        this.channel = channel;
        this.timeoutMillis = timeout.toMillis();
        this.clientMaxXfer = clientMaxXfer;
        this.clientReadDepth = clientReadDepth;
        this.xferSize = clientMaxXfer;
    }

    /** Connects with the default transfer size (1 MiB); see {@link #connect(Path, Duration, int)}. */
    public static VfioUserClient connect(Path socketPath, Duration timeout) throws IOException {
        return connect(socketPath, timeout, (int) Capabilities.DEFAULT_MAX_DATA_XFER_SIZE);
    }

    /** Connects offering {@link #DEFAULT_READ_DEPTH}; see {@link #connect(Path, Duration, int, int)}. */
    public static VfioUserClient connect(Path socketPath, Duration timeout, int maxDataXferSize) throws IOException {
        return connect(socketPath, timeout, maxDataXferSize, DEFAULT_READ_DEPTH);
    }

    /**
     * Connects and negotiates VERSION.
     *
     * @param timeout         the time limit of each request/reply round trip
     * @param maxDataXferSize the largest data count this client announces and accepts per message
     * @param readDepth       the MIG_DATA_READs this client offers to keep in flight (1: one at a time)
     * @throws IOException when nothing listens on the socket (callers may retry)
     * @throws DeviceFailedException when the server hangs, disconnects or answers VERSION with nonsense
     * @throws VfioUserRefusedException when the server refuses the VERSION proposal
     */
    public static VfioUserClient connect(Path socketPath, Duration timeout, int maxDataXferSize, int readDepth)
            throws IOException {
        if (maxDataXferSize < 1 || readDepth < 1) {
            throw new IllegalArgumentException("maxDataXferSize and readDepth must be positive: " + maxDataXferSize
                    + ", " + readDepth);
        }
        MessageChannel channel = MessageChannel.connect(socketPath, MessageChannel.deadlineIn(timeout.toMillis()));
        VfioUserClient client = new VfioUserClient(channel, timeout, maxDataXferSize, readDepth);
        try {
            client.negotiate();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void negotiate() {
        // Announce no file descriptors: a Java SocketChannel cannot receive SCM_RIGHTS.
        byte[] json = new Capabilities(0, clientMaxXfer, clientReadDepth).toVersionData();
        ByteBuffer req = Payloads.allocate(Payloads.VERSION_FIXED + json.length)
                .putShort((short) PROTOCOL_MAJOR).putShort((short) PROTOCOL_MINOR).put(json).flip();
        ByteBuffer r = call(Command.VERSION, req, Payloads.VERSION_FIXED,
                Payloads.VERSION_FIXED + Capabilities.MAX_JSON_BYTES, "VERSION");
        int major = Short.toUnsignedInt(r.getShort());
        serverMinor = Short.toUnsignedInt(r.getShort());
        if (major != PROTOCOL_MAJOR) {
            throw fail(Command.VERSION, "server speaks protocol " + major + "." + serverMinor + ", not 0.x");
        }
        try {
            serverCaps = Capabilities.parse(r);
        } catch (IllegalArgumentException e) {
            throw fail(Command.VERSION, "bad capabilities: " + e.getMessage());
        }
        xferSize = (int) Math.min(serverCaps.maxDataXferSize(), clientMaxXfer);
        // A depth the client did not offer is not taken (the reply's capabilities are a subset of the proposal's).
        readDepth = (int) Math.min(serverCaps.migDataReadDepth(), clientReadDepth);
    }

    /** The protocol version the server answered, "0.minor". */
    public String protocolVersion() {
        return PROTOCOL_MAJOR + "." + serverMinor;
    }

    public Capabilities serverCapabilities() {
        return serverCaps;
    }

    /** The data count of one message: the smaller of what the server and this client accept. */
    public int maxDataXferSize() {
        return xferSize;
    }

    /** The MIG_DATA_READs {@link #migDataReadFully} keeps in flight: 1 unless the server took up the offer. */
    public int readDepth() {
        return readDepth;
    }

    public synchronized DeviceInfo deviceInfo() {
        ByteBuffer r = call(Command.DEVICE_GET_INFO, Payloads.deviceInfo(Payloads.DEVICE_INFO, new DeviceInfo(0, 0, 0)),
                Payloads.DEVICE_INFO, Payloads.DEVICE_INFO, "DEVICE_GET_INFO");
        return Payloads.readDeviceInfo(r);
    }

    /** Region info with its capability chain, asking again with a larger argsz when the chain did not fit. */
    public synchronized VfioRegionInfo regionInfo(int index) {
        ByteBuffer r = regionInfoCall(index, Payloads.REGION_INFO);
        long needed = Integer.toUnsignedLong(r.getInt(0));
        if (needed > r.limit()) {
            if (needed > MAX_REGION_INFO) {
                throw fail(Command.DEVICE_GET_REGION_INFO, "region " + index + " info claims " + needed + " bytes");
            }
            r = regionInfoCall(index, (int) needed);
        }
        return parseRegionInfo(index, r);
    }

    private ByteBuffer regionInfoCall(int index, int argsz) {
        return call(Command.DEVICE_GET_REGION_INFO, Payloads.regionInfo(argsz, new RegionInfo(index, 0, 0, 0), 0),
                Payloads.REGION_INFO, argsz, "GET_REGION_INFO " + index);
    }

    private VfioRegionInfo parseRegionInfo(int index, ByteBuffer r) {
        r.getInt();
        int flags = r.getInt();
        int gotIndex = r.getInt();
        int capOffset = r.getInt();
        long size = r.getLong();
        long offset = r.getLong();
        if (gotIndex != index) {
            throw fail(Command.DEVICE_GET_REGION_INFO, "asked region " + index + ", got " + gotIndex);
        }
        List<VfioRegionInfo.Capability> caps = new ArrayList<>();
        if ((flags & RegionInfo.FLAG_CAPS) != 0) {
            for (int at = capOffset; at != 0; ) {
                if (at < Payloads.REGION_INFO || at > r.limit() - Payloads.CAP_HEADER || caps.size() == MAX_CAPABILITIES) {
                    throw fail(Command.DEVICE_GET_REGION_INFO, "region " + index + " capability at " + at + " is out of bounds");
                }
                int next = r.getInt(at + 4);
                // Offsets must grow, which also rules out loops.
                if (next != 0 && (next < at + Payloads.CAP_HEADER || next > r.limit())) {
                    throw fail(Command.DEVICE_GET_REGION_INFO, "region " + index + " capability chain goes to " + next);
                }
                byte[] body = new byte[(next == 0 ? r.limit() : next) - at - Payloads.CAP_HEADER];
                r.get(at + Payloads.CAP_HEADER, body);
                caps.add(new VfioRegionInfo.Capability(Short.toUnsignedInt(r.getShort(at)),
                        Short.toUnsignedInt(r.getShort(at + 2)), body));
                at = next;
            }
        }
        return new VfioRegionInfo(new RegionInfo(index, flags, size, offset), caps);
    }

    public synchronized IrqInfo irqInfo(int index) {
        ByteBuffer r = call(Command.DEVICE_GET_IRQ_INFO, Payloads.irqInfo(Payloads.IRQ_INFO, new IrqInfo(index, 0, 0)),
                Payloads.IRQ_INFO, Payloads.IRQ_INFO, "GET_IRQ_INFO " + index);
        IrqInfo info = Payloads.readIrqInfo(r);
        if (info.index() != index) {
            throw fail(Command.DEVICE_GET_IRQ_INFO, "asked irq index " + index + ", got " + info.index());
        }
        return info;
    }

    /** Reads {@code length} bytes, in messages of at most {@link #maxDataXferSize()}. */
    public synchronized byte[] regionRead(int region, long offset, int length) {
        byte[] out = new byte[length];
        for (int done = 0; done < length; ) {
            int n = Math.min(xferSize, length - done);
            long at = offset + done;
            ByteBuffer r = call(Command.REGION_READ, Payloads.regionAccess(at, region, n, NO_DATA, 0, 0),
                    Payloads.REGION_ACCESS + n, Payloads.REGION_ACCESS + n, access("REGION_READ", region, at, n));
            checkEcho(Command.REGION_READ, r, region, at, n);
            r.get(out, done, n);
            done += n;
        }
        return out;
    }

    /** Writes all of {@code data}, in messages of at most {@link #maxDataXferSize()}. */
    public synchronized void regionWrite(int region, long offset, byte[] data) {
        for (int done = 0; done < data.length; ) {
            int n = Math.min(xferSize, data.length - done);
            long at = offset + done;
            ByteBuffer r = call(Command.REGION_WRITE, Payloads.regionAccess(at, region, n, data, done, n),
                    Payloads.REGION_ACCESS, Payloads.REGION_ACCESS, access("REGION_WRITE", region, at, n));
            checkEcho(Command.REGION_WRITE, r, region, at, n);
            done += n;
        }
    }

    private static String access(String what, int region, long offset, int count) {
        return what + " region " + region + " offset 0x" + Long.toHexString(offset) + " count " + count;
    }

    private void checkEcho(Command cmd, ByteBuffer r, int region, long offset, int count) {
        long gotOffset = r.getLong();
        int gotRegion = r.getInt();
        int gotCount = r.getInt();
        if (gotOffset != offset || gotRegion != region || gotCount != count) {
            throw fail(cmd, "reply is for region " + gotRegion + " offset 0x" + Long.toHexString(gotOffset)
                    + " count " + Integer.toUnsignedString(gotCount) + ", asked " + access("", region, offset, count));
        }
    }

    public synchronized void reset() {
        call(Command.DEVICE_RESET, Payloads.allocate(0), 0, 0, "DEVICE_RESET");
    }

    /** DEVICE_FEATURE GET: the feature's {@code dataLength} bytes of data. */
    public synchronized byte[] featureGet(int feature, int dataLength) {
        int argsz = Payloads.FEATURE + dataLength;
        int flags = DeviceFeature.GET | feature;
        ByteBuffer r = call(Command.DEVICE_FEATURE, Payloads.feature(argsz, flags, NO_DATA), argsz, argsz,
                DeviceFeature.describe(flags));
        r.getInt();
        int gotFeature = r.getInt() & DeviceFeature.INDEX_MASK;
        if (gotFeature != feature) {
            throw fail(Command.DEVICE_FEATURE, "asked feature " + feature + ", got " + gotFeature);
        }
        byte[] data = new byte[dataLength];
        r.get(data);
        return data;
    }

    /** DEVICE_FEATURE SET. The reply should echo the request; its content is not needed, so it is only bounded. */
    public synchronized void featureSet(int feature, byte[] data) {
        int argsz = Payloads.FEATURE + data.length;
        int flags = DeviceFeature.SET | feature;
        call(Command.DEVICE_FEATURE, Payloads.feature(argsz, flags, data), 0, argsz, DeviceFeature.describe(flags));
    }

    /** DEVICE_FEATURE PROBE together with {@code operations} (GET and/or SET): true when supported. */
    public synchronized boolean featureProbe(int feature, int operations) {
        int flags = DeviceFeature.PROBE | operations | feature;
        try {
            call(Command.DEVICE_FEATURE, Payloads.feature(Payloads.FEATURE, flags, NO_DATA), 0, Payloads.FEATURE,
                    DeviceFeature.describe(flags));
            return true;
        } catch (VfioUserRefusedException e) {
            return false;
        }
    }

    /** The MIGRATION feature flags (VFIO_MIGRATION_*). */
    public long migrationFlags() {
        return ByteBuffer.wrap(featureGet(DeviceFeature.MIGRATION, DeviceFeature.DATA_SIZE)).order(Payloads.ORDER)
                .getLong();
    }

    /** The raw device_state of the MIG_DEVICE_STATE feature. */
    public int migDeviceState() {
        return ByteBuffer.wrap(featureGet(DeviceFeature.MIG_DEVICE_STATE, DeviceFeature.DATA_SIZE)).order(Payloads.ORDER)
                .getInt();
    }

    /** Requests a raw device_state; data_fd is -1 as libvfio-user's client sends (vfio-user does not use it). */
    public void setMigDeviceState(int state) {
        featureSet(DeviceFeature.MIG_DEVICE_STATE, Payloads.allocate(DeviceFeature.DATA_SIZE).putInt(state).putInt(-1).array());
    }

    /**
     * One MIG_DATA_READ of up to {@code min(dst.remaining(), maxDataXferSize())} bytes. Returns how
     * many arrived; fewer than asked means the stream has ended. The data is read from the socket
     * straight into {@code dst}, once its size is known to lie within what was asked.
     */
    public synchronized int migDataRead(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), xferSize);
        if (n == 0) {
            return 0;
        }
        return receiveRead(sendRead(n), n, dst, true);
    }

    /**
     * MIG_DATA_READs until {@code dst} is full or a reply comes back short (the end of the stream),
     * in messages of at most {@link #maxDataXferSize()}, with up to {@link #readDepth()} requests in
     * flight. Returns how many bytes arrived; fewer than asked means the stream has ended.
     *
     * <p>With requests in flight, some may have gone out past the end of the stream. A short
     * reply stops further requests and the replies still due are taken in: data a device gives
     * after all is kept in order behind the rest (the requests together never ask for more than
     * {@code dst} holds, so nothing is lost), and an error on a read past the end is dropped, since
     * a client reading one at a time would not have made that read. An error reply before the end
     * also stops further requests; once the replies still due are taken in and dropped, it is
     * thrown, with the data before it in {@code dst}, where a client reading one at a time leaves it.
     */
    public synchronized int migDataReadFully(ByteBuffer dst) {
        int start = dst.position();
        long asked = dst.remaining();
        int[] ids = new int[readDepth];
        int[] sizes = new int[readDepth];
        int head = 0;
        int due = 0;
        long requested = 0;
        boolean ended = false;
        VfioUserRefusedException refused = null;
        while (true) {
            while (!ended && refused == null && due < readDepth && requested < asked) {
                int n = (int) Math.min(xferSize, asked - requested);
                int slot = (head + due) % readDepth;
                ids[slot] = sendRead(n);
                sizes[slot] = n;
                due++;
                requested += n;
            }
            if (due == 0) {
                break;
            }
            int id = ids[head];
            int n = sizes[head];
            head = (head + 1) % readDepth;
            due--;
            try {
                if (receiveRead(id, n, dst, refused == null) < n) {
                    ended = true;
                }
            } catch (VfioUserRefusedException e) {
                if (!ended && refused == null) {
                    refused = e;
                }
            }
        }
        if (refused != null) {
            throw refused;
        }
        return dst.position() - start;
    }

    /** Sends a MIG_DATA_READ request for {@code n} bytes and returns its message id. */
    private int sendRead(int n) {
        int argsz = Payloads.MIG_DATA + n;
        ByteBuffer req = Payloads.allocate(Payloads.MIG_DATA).putInt(argsz).putInt(n).flip();
        return io(Command.MIG_DATA_READ, "MIG_DATA_READ of " + n,
                () -> send(Command.MIG_DATA_READ, req, ByteBuffer.allocate(0), MessageChannel.deadlineIn(timeoutMillis)));
    }

    /**
     * Takes in the reply to the MIG_DATA_READ {@code id} of {@code n} bytes, its data read from the
     * socket straight into {@code dst} ({@code keep}) or dropped, once its size is known to lie
     * within what was asked; returns the data's size.
     *
     * @throws VfioUserRefusedException on an error reply (the connection stays usable)
     */
    private int receiveRead(int id, int n, ByteBuffer dst, boolean keep) {
        int argsz = Payloads.MIG_DATA + n;
        String what = "MIG_DATA_READ of " + n;
        long deadline = MessageChannel.deadlineIn(timeoutMillis);
        // libvfio-user sizes the reply for the full request even when it returns less: accept up to argsz.
        MessageHeader h = io(Command.MIG_DATA_READ, what, () -> replyHeader(id, Command.MIG_DATA_READ, argsz, deadline));
        long len = h.payloadLength();
        if (h.isError()) {
            io(Command.MIG_DATA_READ, what, () -> channel.skip(len, deadline));
            throw new VfioUserRefusedException(Command.MIG_DATA_READ, h.errno(), what);
        }
        if (len < Payloads.MIG_DATA) {
            throw fail(Command.MIG_DATA_READ, "reply has " + len + " payload bytes, at least " + Payloads.MIG_DATA
                    + " expected");
        }
        ByteBuffer fixed = io(Command.MIG_DATA_READ, what,
                () -> channel.readPayload(Payloads.MIG_DATA, deadline));
        fixed.getInt();
        long size = Integer.toUnsignedLong(fixed.getInt());
        long carried = len - Payloads.MIG_DATA;
        if (size > n || size > carried) {
            throw fail(Command.MIG_DATA_READ, "reply says " + size + " bytes, asked " + n + ", carries " + carried);
        }
        if (keep) {
            ByteBuffer into = dst.slice().limit((int) size);
            io(Command.MIG_DATA_READ, what, () -> {
                channel.readFully(into, deadline);
                channel.skip(carried - size, deadline);
            });
            dst.position(dst.position() + (int) size);
        } else {
            io(Command.MIG_DATA_READ, what, () -> channel.skip(carried, deadline));
        }
        return (int) size;
    }

    /**
     * MIG_DATA_WRITE of all remaining bytes of {@code src}, in messages of at most
     * {@link #maxDataXferSize()}; each message's data is sent from {@code src} where it lies.
     */
    public synchronized void migDataWrite(ByteBuffer src) {
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), xferSize);
            // libvfio-user requires argsz >= header + size although the spec calls argsz the reply bound.
            int argsz = Payloads.MIG_DATA + n;
            ByteBuffer fixed = Payloads.allocate(Payloads.MIG_DATA).putInt(argsz).putInt(n).flip();
            call(Command.MIG_DATA_WRITE, fixed, src.slice().limit(n), 0, argsz, "MIG_DATA_WRITE of " + n);
            src.position(src.position() + n);
        }
    }

    private ByteBuffer call(Command cmd, ByteBuffer payload, int minReply, int maxReply, String what) {
        return call(cmd, payload, ByteBuffer.allocate(0), minReply, maxReply, what);
    }

    /**
     * One round trip: sends the command (its payload in two parts), reads and checks the reply
     * header, reads the payload only once its length is known to lie within {@code maxReply}.
     */
    private synchronized ByteBuffer call(Command cmd, ByteBuffer fixed, ByteBuffer data, int minReply, int maxReply,
                                         String what) {
        long deadline = MessageChannel.deadlineIn(timeoutMillis);
        MessageHeader h = io(cmd, what, () -> exchange(cmd, fixed, data, maxReply, deadline));
        ByteBuffer reply = io(cmd, what, () -> channel.readPayload((int) h.payloadLength(), deadline));
        if (h.isError()) {
            throw new VfioUserRefusedException(cmd, h.errno(), what);
        }
        if (reply.remaining() < minReply) {
            throw fail(cmd, "reply has " + reply.remaining() + " payload bytes, at least " + minReply + " expected");
        }
        return reply;
    }

    /**
     * Sends a command and reads its reply's header: the same message id and command, a reply, and a
     * payload length within 0..{@code maxReply}. The payload is left for the caller to read.
     */
    private MessageHeader exchange(Command cmd, ByteBuffer fixed, ByteBuffer data, int maxReply, long deadline) {
        return replyHeader(send(cmd, fixed, data, deadline), cmd, maxReply, deadline);
    }

    /** Sends a command (its payload in two parts) under the next message id, and returns that id. */
    private int send(Command cmd, ByteBuffer fixed, ByteBuffer data, long deadline) {
        int id = nextMsgId;
        nextMsgId = (nextMsgId + 1) & 0xffff;
        channel.send(MessageHeader.command(id, cmd, fixed.remaining() + data.remaining()), fixed, data, deadline);
        return id;
    }

    /**
     * Reads the header of the reply to command {@code id}, which the server sends in the order of the
     * commands: the same message id and command, a reply, and a payload length within
     * 0..{@code maxReply}. The payload is left for the caller to read.
     */
    private MessageHeader replyHeader(int id, Command cmd, int maxReply, long deadline) {
        MessageHeader h = channel.readHeader(deadline);
        if (h.msgId() != id || h.command() != cmd.code() || h.type() != MessageHeader.TYPE_REPLY) {
            throw fail(cmd, "expected the reply to msg " + id + ", got " + h);
        }
        long len = h.payloadLength();
        if (len < 0 || len > maxReply) {
            throw fail(cmd, "reply size " + Integer.toUnsignedString(h.size()) + " is outside 16.."
                    + (MessageHeader.SIZE + maxReply));
        }
        return h;
    }

    /** A step on the wire; it fails at once on a connection an earlier failure made unusable. */
    @FunctionalInterface
    private interface WireStep<T> {
        T run();
    }

    /** A step on the wire that returns nothing. */
    @FunctionalInterface
    private interface WireAction {
        void run();
    }

    private void io(Command cmd, String what, WireAction action) {
        io(cmd, what, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs a step on the wire. A failure there (hang, disconnect, malformed reply) leaves the
     * stream at an unknown point, so it makes the connection unusable: every later call fails at
     * once with the same kind.
     */
    private <T> T io(Command cmd, String what, WireStep<T> step) {
        if (broken != null) {
            throw new DeviceFailedException(broken.kind(), cmd + ": connection unusable after an earlier failure ("
                    + broken.getMessage() + ")", broken);
        }
        try {
            return step.run();
        } catch (DeviceFailedException e) {
            if (broken == null) {
                broken = new DeviceFailedException(e.kind(), what + ": " + e.getMessage() + " (time limit "
                        + timeoutMillis + " ms)", e);
            }
            throw broken;
        }
    }

    /** Marks the connection unusable and returns the PROTOCOL failure to throw. */
    private DeviceFailedException fail(Command cmd, String message) {
        if (broken == null) {
            broken = new DeviceFailedException(Kind.PROTOCOL, cmd + ": " + message);
        }
        return broken;
    }

    @Override
    public void close() {
        channel.close();
    }
}
