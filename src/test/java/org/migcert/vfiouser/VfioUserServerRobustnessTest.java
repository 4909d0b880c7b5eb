package org.migcert.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigState;
import org.migcert.adapter.RegionInfo;

/**
 * The server given garbage: bad requests get error replies on a connection that goes on,
 * framing it cannot recover from gets an error reply and a dropped connection, and in every case
 * the next client is served.
 */
class VfioUserServerRobustnessTest {
    static final Duration HANG = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Runs {@code test} on a raw connection to a server of a fresh fake device, then checks a real client is still served. */
    private void withServer(RawTest test) {
        assertTimeoutPreemptively(HANG, () -> {
            Path sock = dir.resolve("d.sock");
            FakeDevice dev = new FakeDevice(64);
            try (VfioUserServer server = VfioUserServer.start(dev, sock)) {
                try (MessageChannel raw = MessageChannel.connect(sock, MessageChannel.deadlineIn(Frames.DEADLINE_MS))) {
                    test.run(raw);
                }
                try (VfioUserClient next = VfioUserClient.connect(sock, Duration.ofSeconds(2))) {
                    assertEquals(FakeDevice.NUM_REGIONS, next.deviceInfo().numRegions(), "the next client is served");
                }
            }
        });
    }

    interface RawTest {
        void run(MessageChannel raw) throws Exception;
    }

    private static Frames.Msg request(MessageChannel raw, int id, int command, ByteBuffer payload) {
        Frames.send(raw, new MessageHeader(id, command, MessageHeader.SIZE + payload.remaining(), 0, 0), payload);
        return Frames.receive(raw);
    }

    private static void handshake(MessageChannel raw) {
        byte[] json = new Capabilities(1, 1 << 20).toVersionData();
        Frames.Msg m = request(raw, 1, Command.VERSION.code(),
                Payloads.allocate(4 + json.length).putShort((short) 0).putShort((short) 2).put(json).flip());
        assertEquals(MessageHeader.TYPE_REPLY, m.header().flags(), m.header().toString());
        assertEquals(0, m.payload().getShort());
        assertEquals(2, m.payload().getShort());
        assertEquals(new Capabilities(0, 1 << 20), Capabilities.parse(m.payload()));
    }

    private static void stillServes(MessageChannel raw) {
        Frames.Msg m = request(raw, 77, Command.DEVICE_GET_IRQ_INFO.code(), Payloads.irqInfo(16, new IrqInfo(0, 0, 0)));
        assertEquals(MessageHeader.TYPE_REPLY, m.header().flags(), "the connection goes on");
        assertEquals(new IrqInfo(0, 1, 1), Payloads.readIrqInfo(m.payload()));
    }

    @Test
    void aCommandBeforeVersionIsRefusedAndDropped() {
        withServer(raw -> {
            Frames.expectError(request(raw, 5, Command.DEVICE_GET_INFO.code(), Payloads.deviceInfo(16,
                    new org.migcert.adapter.DeviceInfo(0, 0, 0))), 5, Errno.EINVAL);
            Frames.expectClosed(raw);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0xffff})
    void anotherMajorVersionIsRefusedAndDropped(int major) {
        withServer(raw -> {
            Frames.expectError(request(raw, 3, Command.VERSION.code(),
                    Payloads.allocate(4).putShort((short) major).putShort((short) 0).flip()), 3, Errno.EINVAL);
            Frames.expectClosed(raw);
        });
    }

    @Test
    void versionWithBrokenJsonIsRefusedAndDropped() {
        withServer(raw -> {
            Frames.expectError(request(raw, 3, Command.VERSION.code(),
                    Payloads.allocate(9).putShort((short) 0).putShort((short) 2).put("{oops".getBytes()).flip()), 3, Errno.EINVAL);
            Frames.expectClosed(raw);
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {0x8000_0000L, 0xffff_ffffL, 16 + (1 << 20) + 17, 15, 0})
    void aSizeOutsideTheBoundGetsAnErrorAndTheConnectionIsDropped(long size) {
        withServer(raw -> {
            handshake(raw);
            Frames.sendRaw(raw, Frames.header(9, Command.REGION_WRITE.code(), size, 0, 0));
            Frames.expectError(Frames.receive(raw), 9, Errno.EINVAL);
            Frames.expectClosed(raw);
        });
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("unknown command", 99, Payloads.allocate(8)),
                Arguments.of("DMA_MAP, which this server does not offer", 2, Payloads.allocate(32)),
                Arguments.of("second VERSION", Command.VERSION.code(), Payloads.allocate(4)),
                Arguments.of("short GET_INFO", Command.DEVICE_GET_INFO.code(), Payloads.allocate(4).putInt(16).flip()),
                Arguments.of("GET_INFO argsz too small", Command.DEVICE_GET_INFO.code(),
                        Payloads.allocate(16).putInt(8).putInt(0).putLong(0).flip()),
                Arguments.of("short GET_REGION_INFO", Command.DEVICE_GET_REGION_INFO.code(), Payloads.allocate(16).putInt(32).flip()),
                Arguments.of("region read count beyond the transfer size", Command.REGION_READ.code(),
                        Payloads.regionAccess(0, 0, (1 << 20) + 1, new byte[0], 0, 0)),
                Arguments.of("region read count 2^32-1", Command.REGION_READ.code(),
                        Payloads.regionAccess(0, 0, -1, new byte[0], 0, 0)),
                Arguments.of("region write with fewer bytes than its count", Command.REGION_WRITE.code(),
                        Payloads.regionAccess(0, 0, 8, new byte[4], 0, 4)),
                Arguments.of("short region access", Command.REGION_READ.code(), Payloads.allocate(12)),
                Arguments.of("feature without an operation", Command.DEVICE_FEATURE.code(),
                        Payloads.feature(16, DeviceFeature.MIGRATION, new byte[0])),
                Arguments.of("feature GET and SET together", Command.DEVICE_FEATURE.code(),
                        Payloads.feature(16, DeviceFeature.GET | DeviceFeature.SET | DeviceFeature.MIG_DEVICE_STATE, new byte[0])),
                Arguments.of("SET of MIGRATION", Command.DEVICE_FEATURE.code(),
                        Payloads.feature(16, DeviceFeature.SET | DeviceFeature.MIGRATION, new byte[8])),
                Arguments.of("GET of an unknown feature", Command.DEVICE_FEATURE.code(),
                        Payloads.feature(16, DeviceFeature.GET | 9, new byte[0])),
                Arguments.of("feature GET argsz too small", Command.DEVICE_FEATURE.code(),
                        Payloads.feature(8, DeviceFeature.GET | DeviceFeature.MIG_DEVICE_STATE, new byte[0])),
                Arguments.of("SET of a state without the state", Command.DEVICE_FEATURE.code(),
                        Payloads.feature(16, DeviceFeature.SET | DeviceFeature.MIG_DEVICE_STATE, new byte[0])),
                Arguments.of("short feature", Command.DEVICE_FEATURE.code(), Payloads.allocate(4)),
                Arguments.of("MIG_DATA_READ beyond the transfer size", Command.MIG_DATA_READ.code(),
                        Payloads.allocate(8).putInt(-1).putInt((1 << 20) + 1).flip()),
                Arguments.of("MIG_DATA_READ argsz too small", Command.MIG_DATA_READ.code(),
                        Payloads.allocate(8).putInt(8).putInt(100).flip()),
                Arguments.of("MIG_DATA_WRITE with fewer bytes than its size", Command.MIG_DATA_WRITE.code(),
                        Payloads.allocate(12).putInt(108).putInt(100).flip()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestGetsEinvalAndTheConnectionGoesOn(String what, int command, ByteBuffer payload) {
        withServer(raw -> {
            handshake(raw);
            Frames.expectError(request(raw, 42, command, payload), 42, Errno.EINVAL);
            stillServes(raw);
        });
    }

    @Test
    void aReplySentToTheServerGetsAnError() {
        withServer(raw -> {
            handshake(raw);
            Frames.send(raw, new MessageHeader(8, Command.DEVICE_GET_INFO.code(), 16, MessageHeader.TYPE_REPLY, 0),
                    Payloads.allocate(0));
            Frames.expectError(Frames.receive(raw), 8, Errno.EINVAL);
            stillServes(raw);
        });
    }

    @Test
    void noReplyFlagSuppressesTheAnswer() {
        withServer(raw -> {
            handshake(raw);
            ByteBuffer write = Payloads.regionAccess(0, 0, 4, new byte[] {1, 2, 3, 4}, 0, 4);
            Frames.send(raw, new MessageHeader(10, Command.REGION_WRITE.code(), 16 + write.remaining(),
                    MessageHeader.NO_REPLY, 0), write);
            Frames.Msg read = request(raw, 11, Command.REGION_READ.code(), Payloads.regionAccess(0, 0, 4, new byte[0], 0, 0));
            assertEquals(11, read.header().msgId(), "the first answer is the read's");
            read.payload().position(Payloads.REGION_ACCESS);
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), read.payload());
        });
    }

    @Test
    void aRefusedStateChangeCarriesTheDevicesErrno() {
        withServer(raw -> {
            handshake(raw);
            ByteBuffer set = Payloads.feature(16, DeviceFeature.SET | DeviceFeature.MIG_DEVICE_STATE,
                    Payloads.allocate(8).putInt(MigState.RESUMING.code()).putInt(-1).array());
            Frames.expectError(request(raw, 12, Command.DEVICE_FEATURE.code(), set), 12, FakeDevice.EPERM);
            stillServes(raw);
        });
    }

    /** Seeded random bytes, before and after a handshake: whatever they frame, the server survives them. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomGarbageNeverKillsTheServer(long seed) {
        Random rnd = new Random(seed);
        withServer(raw -> {
            if (seed % 2 == 0) {
                handshake(raw);
            }
            byte[] junk = new byte[1 + rnd.nextInt(200)];
            rnd.nextBytes(junk);
            Frames.sendRaw(raw, junk);
        });
    }

    @Test
    void regionInfoNeverClaimsCapabilitiesItDoesNotSend() {
        withServer(raw -> {
            handshake(raw);
            Frames.Msg m = request(raw, 13, Command.DEVICE_GET_REGION_INFO.code(),
                    Payloads.regionInfo(4096, new RegionInfo(0, 0, 0, 0), 0));
            assertEquals(Payloads.REGION_INFO, m.payload().remaining());
            assertEquals(Payloads.REGION_INFO, m.payload().getInt(0), "argsz is what the reply needs");
            assertEquals(0, m.payload().getInt(4) & RegionInfo.FLAG_CAPS);
        });
    }
}
