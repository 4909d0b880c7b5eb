package org.migcert.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.DeviceInfo;
import org.migcert.adapter.RegionInfo;

/**
 * The client against a scripted fake server that answers wrongly, partly, or not at all: every
 * case must end in the right typed failure within the client's time limit, never in a hang or a
 * huge allocation.
 */
@SuppressWarnings("try") // fakes are held open for the duration of a try block
class VfioUserClientRobustnessTest {
    /** The client's time limit in these tests. */
    static final Duration LIMIT = Duration.ofMillis(500);
    /** How long any case may take before it counts as a hang. */
    static final Duration HANG = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** Runs {@code test} against a client connected to a fake that handshakes and then follows {@code script}. */
    private void against(ScriptedServer.Script script, Consumer<VfioUserClient> test) {
        assertTimeoutPreemptively(HANG, () -> {
            Path sock = dir.resolve("fake.sock");
            ScriptedServer fake = ScriptedServer.start(sock, peer -> {
                peer.handshake();
                script.run(peer);
            });
            try (fake; VfioUserClient client = VfioUserClient.connect(sock, LIMIT)) {
                test.accept(client);
            }
            assertNull(fake.failure(), "the script itself ran as written");
        });
    }

    /** Asserts that DEVICE_GET_INFO fails with {@code kind}, and so does every later call. */
    private static void failsWith(Kind kind, VfioUserClient c) {
        long start = System.nanoTime();
        DeviceFailedException e = assertThrows(DeviceFailedException.class, c::deviceInfo);
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("DEVICE_GET_INFO"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(LIMIT.multipliedBy(3)) < 0,
                "failed within the time limit");
        DeviceFailedException later = assertThrows(DeviceFailedException.class, () -> c.irqInfo(0));
        assertEquals(kind, later.kind(), "a broken connection stays broken");
    }

    private static ByteBuffer deviceInfoPayload() {
        return Payloads.deviceInfo(16, new DeviceInfo(DeviceInfo.FLAG_PCI, 9, 5));
    }

    @Test
    void acceptsLibvfioUserVersionWithItsOldMigrationCapability() {
        against(peer -> peer.reply(peer.receive(), deviceInfoPayload()), c -> {
            assertEquals("0.2", c.protocolVersion());
            assertEquals(new Capabilities(8, 1 << 20), c.serverCapabilities());
            assertEquals(new DeviceInfo(DeviceInfo.FLAG_PCI, 9, 5), c.deviceInfo());
        });
    }

    @Test
    void wrongMessageIdIsAProtocolFailure() {
        against(peer -> {
            Frames.Msg m = peer.receive();
            MessageHeader h = m.header();
            peer.sendRaw(Frames.header(h.msgId() + 1, h.command(), 32, MessageHeader.TYPE_REPLY, 0));
            peer.awaitClientClose();
        }, c -> failsWith(Kind.PROTOCOL, c));
    }

    @Test
    void wrongCommandIsAProtocolFailure() {
        against(peer -> {
            MessageHeader h = peer.receive().header();
            peer.sendRaw(Frames.header(h.msgId(), Command.DEVICE_GET_IRQ_INFO.code(), 32, MessageHeader.TYPE_REPLY, 0));
            peer.awaitClientClose();
        }, c -> failsWith(Kind.PROTOCOL, c));
    }

    @Test
    void aCommandInsteadOfAReplyIsAProtocolFailure() {
        against(peer -> {
            MessageHeader h = peer.receive().header();
            peer.sendRaw(Frames.header(h.msgId(), h.command(), 32, MessageHeader.TYPE_COMMAND, 0));
            peer.awaitClientClose();
        }, c -> failsWith(Kind.PROTOCOL, c));
    }

    /**
     * A size field beyond the bound (or below the header) is refused from the header alone: the
     * fake sends no payload and stays silent, so a client that tried to read (or allocate) what
     * the size claims would report HUNG instead of PROTOCOL.
     */
    @ParameterizedTest
    @ValueSource(longs = {0x8000_0000L, 0xffff_ffffL, 0x7fff_ffffL, 16 + 17, 15, 0})
    void anOutOfBoundsSizeIsRefusedBeforeReadingOrAllocating(long size) {
        against(peer -> {
            MessageHeader h = peer.receive().header();
            peer.sendRaw(Frames.header(h.msgId(), h.command(), size, MessageHeader.TYPE_REPLY, 0));
            peer.awaitClientClose();
        }, c -> failsWith(Kind.PROTOCOL, c));
    }

    @Test
    void aReplyShorterThanItsFixedPartIsAProtocolFailure() {
        against(peer -> peer.reply(peer.receive(), Payloads.allocate(8).putInt(16).putInt(2).flip()),
                c -> failsWith(Kind.PROTOCOL, c));
    }

    @Test
    void aPayloadShorterThanTheSizeSaysHangsThenTheLimitEndsIt() {
        against(peer -> {
            MessageHeader h = peer.receive().header();
            peer.sendRaw(Frames.header(h.msgId(), h.command(), 32, MessageHeader.TYPE_REPLY, 0));
            peer.sendRaw(new byte[4]);
            peer.awaitClientClose();
        }, c -> failsWith(Kind.HUNG, c));
    }

    @Test
    void noReplyAtAllIsHung() {
        against(peer -> {
            peer.receive();
            peer.awaitClientClose();
        }, c -> failsWith(Kind.HUNG, c));
    }

    /** A caller the harness gave up on (interrupted) stops waiting at once instead of spinning until the limit. */
    @Test
    void anInterruptedCallerStopsWaitingAtOnce() {
        assertTimeoutPreemptively(HANG, () -> {
            Path sock = dir.resolve("fake.sock");
            try (ScriptedServer fake = ScriptedServer.start(sock, peer -> {
                peer.handshake();
                peer.receive();
                peer.awaitClientClose();
            }); VfioUserClient c = VfioUserClient.connect(sock, HANG)) {
                long start = System.nanoTime();
                Thread.currentThread().interrupt();
                DeviceFailedException e = assertThrows(DeviceFailedException.class, c::deviceInfo);
                assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
                assertTrue(e.getMessage().contains("gave up"), e.getMessage());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(LIMIT) < 0, "stopped at once");
            }
        });
    }

    @Test
    void disconnectBeforeTheReplyIsACrash() {
        against(peer -> peer.receive(), c -> failsWith(Kind.CRASHED, c));
    }

    @Test
    void disconnectMidStreamIsACrash() {
        against(peer -> {
            Frames.Msg m = peer.receive();
            MessageHeader h = m.header();
            peer.sendRaw(Frames.header(h.msgId(), h.command(), 16 + 8 + 1000, MessageHeader.TYPE_REPLY, 0));
            peer.sendRaw(Payloads.allocate(8 + 100).putInt(8 + 1000).putInt(1000).array());
        }, c -> {
            DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> c.migDataRead(ByteBuffer.allocate(1000)));
            assertEquals(Kind.CRASHED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("MIG_DATA_READ"), e.getMessage());
        });
    }

    @Test
    void anErrorReplyIsARefusalWithCommandAndErrnoAndTheConnectionGoesOn() {
        against(peer -> {
            MessageHeader h = peer.receive().header();
            Frames.send(peer.ch, MessageHeader.errorReply(h, 1), Payloads.allocate(0));
            peer.reply(peer.receive(), deviceInfoPayload());
        }, c -> {
            VfioUserRefusedException e = assertThrows(VfioUserRefusedException.class, c::deviceInfo);
            assertEquals(Command.DEVICE_GET_INFO, e.command());
            assertEquals(1, e.errno());
            assertEquals(9, c.deviceInfo().numRegions());
        });
    }

    @Test
    void migDataReadAcceptsLibvfioUsersPaddedShortReply() {
        // libvfio-user sizes the reply for the whole request and says in "size" how much is real.
        against(peer -> {
            Frames.Msg m = peer.receive();
            ByteBuffer r = Payloads.allocate(8 + 1000).putInt(8 + 100).putInt(100);
            for (int i = 0; i < 100; i++) {
                r.put(8 + i, (byte) i);
            }
            peer.reply(m, r.position(0));
        }, c -> {
            ByteBuffer dst = ByteBuffer.allocate(1000);
            assertEquals(100, c.migDataRead(dst));
            assertEquals(100, dst.position());
            assertEquals(99, dst.get(99));
        });
    }

    @Test
    void migDataReadClaimingMoreThanAskedIsAProtocolFailure() {
        against(peer -> peer.reply(peer.receive(), Payloads.allocate(8 + 10).putInt(8 + 10).putInt(11).flip()),
                c -> {
                    DeviceFailedException e = assertThrows(DeviceFailedException.class,
                            () -> c.migDataRead(ByteBuffer.allocate(10)));
                    assertEquals(Kind.PROTOCOL, e.kind());
                });
    }

    @Test
    void aRegionReadReplyForAnotherAccessIsAProtocolFailure() {
        against(peer -> {
            Frames.Msg m = peer.receive();
            peer.reply(m, Payloads.regionAccess(0x40, 0, 4, new byte[4], 0, 4));
        }, c -> {
            DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> c.regionRead(0, 0x10, 4));
            assertEquals(Kind.PROTOCOL, e.kind());
        });
    }

    @Test
    void regionReadsSplitAtTheServersSmallerTransferSize() {
        int xfer = 4096;
        byte[] region = new byte[10_000];
        for (int i = 0; i < region.length; i++) {
            region[i] = (byte) (i / 7);
        }
        Path sock = dir.resolve("fake.sock");
        assertTimeoutPreemptively(HANG, () -> {
            try (ScriptedServer fake = ScriptedServer.start(sock, peer -> {
                peer.handshake("{\"capabilities\":{\"max_data_xfer_size\":" + xfer + "}}");
                for (int i = 0; i < 3; i++) {
                    Frames.Msg m = peer.receive();
                    long offset = m.payload().getLong();
                    int reg = m.payload().getInt();
                    int count = m.payload().getInt();
                    if (count > xfer) {
                        throw new AssertionError("client sent count " + count);
                    }
                    peer.reply(m, Payloads.regionAccess(offset, reg, count, region, (int) offset, count));
                }
            });
                 VfioUserClient c = VfioUserClient.connect(sock, LIMIT)) {
                assertEquals(xfer, c.maxDataXferSize());
                assertEquals(1, c.serverCapabilities().maxMsgFds(), "the spec's default when absent");
                assertArrayEquals(region, c.regionRead(0, 0, region.length));
                assertNull(fake.failure());
            }
        });
    }

    @Test
    void regionInfoAsksAgainForCapabilitiesThatDidNotFit() {
        int full = Payloads.REGION_INFO + Payloads.CAP_HEADER + 8 + 16;
        against(peer -> {
            Frames.Msg first = peer.receive();
            // As libvfio-user: the needed argsz, no CAPS flag, nothing beyond the fixed part.
            peer.reply(first, Payloads.regionInfo(full, new RegionInfo(1, RegionInfo.FLAG_READ | RegionInfo.FLAG_MMAP, 0x1000, 0), 0));
            Frames.Msg second = peer.receive();
            if (second.payload().getInt(0) != full) {
                throw new AssertionError("second request argsz " + second.payload().getInt(0));
            }
            ByteBuffer r = Payloads.allocate(full)
                    .put(Payloads.regionInfo(full, new RegionInfo(1, RegionInfo.FLAG_READ | RegionInfo.FLAG_MMAP
                            | RegionInfo.FLAG_CAPS, 0x1000, 0), Payloads.REGION_INFO))
                    .putShort((short) 1).putShort((short) 1).putInt(0) // sparse mmap, version 1, last
                    .putInt(1).putInt(0).putLong(0).putLong(0x1000);
            peer.reply(second, r.flip());
        }, c -> {
            VfioRegionInfo info = c.regionInfo(1);
            assertEquals(0x1000, info.info().size());
            assertEquals(1, info.capabilities().size());
            VfioRegionInfo.Capability cap = info.capabilities().get(0);
            assertEquals(List.of(1, 1, 24), List.of(cap.id(), cap.version(), cap.body().length));
        });
    }

    @Test
    void aLoopingCapabilityChainIsAProtocolFailure() {
        int full = Payloads.REGION_INFO + 2 * Payloads.CAP_HEADER;
        against(peer -> {
            Frames.Msg m = peer.receive();
            ByteBuffer r = Payloads.allocate(full)
                    .put(Payloads.regionInfo(full, new RegionInfo(1, RegionInfo.FLAG_CAPS, 0x1000, 0), Payloads.REGION_INFO))
                    .putShort((short) 1).putShort((short) 1).putInt(Payloads.REGION_INFO + Payloads.CAP_HEADER)
                    .putShort((short) 2).putShort((short) 1).putInt(Payloads.REGION_INFO);
            peer.reply(m, r.flip());
        }, c -> {
            DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> c.regionInfo(1));
            assertEquals(Kind.PROTOCOL, e.kind(), e.getMessage());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"capabilities\":{\"max_data_xfer_size\":\"big\"}}", "not json", "[1]",
            "{\"capabilities\":{\"max_data_xfer_size\":0}}"})
    void badVersionCapabilitiesFailTheConnect(String json) {
        connectFailsAgainst(peer -> peer.handshake(json), Kind.PROTOCOL);
    }

    @Test
    void anotherMajorVersionFailsTheConnect() {
        connectFailsAgainst(peer -> {
            Frames.Msg m = peer.receive();
            peer.reply(m, Payloads.allocate(4).putShort((short) 1).putShort((short) 0).flip());
        }, Kind.PROTOCOL);
    }

    @Test
    void aServerThatNeverAnswersVersionFailsTheConnectInTime() {
        connectFailsAgainst(peer -> {
            peer.receive();
            peer.awaitClientClose();
        }, Kind.HUNG);
    }

    @Test
    void aRefusedVersionIsARefusal() {
        assertTimeoutPreemptively(HANG, () -> {
            Path sock = dir.resolve("fake.sock");
            try (ScriptedServer fake = ScriptedServer.start(sock,
                    peer -> Frames.send(peer.ch, MessageHeader.errorReply(peer.receive().header(), 95), Payloads.allocate(0)))) {
                VfioUserRefusedException e = assertThrows(VfioUserRefusedException.class,
                        () -> VfioUserClient.connect(sock, LIMIT));
                assertEquals(Command.VERSION, e.command());
                assertEquals(95, e.errno());
            }
        });
    }

    private void connectFailsAgainst(ScriptedServer.Script script, Kind kind) {
        assertTimeoutPreemptively(HANG, () -> {
            Path sock = dir.resolve("fake.sock");
            try (ScriptedServer fake = ScriptedServer.start(sock, script)) {
                DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> VfioUserClient.connect(sock, LIMIT));
                assertEquals(kind, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("VERSION"), e.getMessage());
            }
        });
    }
}
