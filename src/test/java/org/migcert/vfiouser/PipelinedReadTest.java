package org.migcert.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInfo;

/**
 * MIG_DATA_READs in flight: offered in VERSION and taken only when the server answers the offer;
 * requests sent before earlier replies are in; replies taken in order; a short reply ending the
 * stream with the replies still due taken in (late data kept in order, late errors dropped); an
 * error before the end thrown once the replies due are in; the connection usable afterwards.
 */
@SuppressWarnings("try") // fakes are held open for the duration of a try block
class PipelinedReadTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final Duration HANG = Duration.ofSeconds(10);
    /** Small messages, so that a few hundred bytes take several. */
    private static final int XFER = 100;
    private static final String OFFERS_FOUR = "{\"capabilities\":{\"max_msg_fds\":8,\"max_data_xfer_size\":1048576,"
            + "\"migcert\":{\"mig_data_read_depth\":4}}}";

    @TempDir
    Path dir;

    /** Runs {@code test} against a client (offering depth 4, messages of {@link #XFER}) and a fake following {@code script}. */
    private void against(String serverCaps, ScriptedServer.Script script, Consumer<VfioUserClient> test) {
        assertTimeoutPreemptively(HANG, () -> {
            Path sock = dir.resolve("fake.sock");
            ScriptedServer fake = ScriptedServer.start(sock, peer -> {
                peer.handshake(serverCaps);
                script.run(peer);
            });
            try (fake; VfioUserClient client = VfioUserClient.connect(sock, LIMIT, XFER, 4)) {
                test.accept(client);
            }
            assertNull(fake.failure(), "the script itself ran as written");
        });
    }

    /** {@code n} bytes, each {@code tag}: which reply a byte came in shows in the result. */
    private static byte[] filled(int n, int tag) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) tag);
        return b;
    }

    /** A MIG_DATA_READ reply carrying {@code data}. */
    private static void answer(ScriptedServer.Peer peer, Frames.Msg request, byte[] data) {
        peer.reply(request, Payloads.allocate(Payloads.MIG_DATA + data.length)
                .putInt(Payloads.MIG_DATA + data.length).putInt(data.length).put(data).flip());
    }

    private static void refuse(ScriptedServer.Peer peer, Frames.Msg request, int errno) {
        Frames.send(peer.ch, MessageHeader.errorReply(request.header(), errno), ByteBuffer.allocate(0));
    }

    /** Receives {@code n} MIG_DATA_READ requests before answering any: the client must have sent them all. */
    private static List<Frames.Msg> requests(ScriptedServer.Peer peer, int n) {
        List<Frames.Msg> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Frames.Msg m = peer.receive();
            assertEquals(Command.MIG_DATA_READ.code(), m.header().command(), m.header().toString());
            got.add(m);
        }
        return got;
    }

    private static void answersDeviceInfo(ScriptedServer.Peer peer) {
        peer.reply(peer.receive(), Payloads.deviceInfo(16, new DeviceInfo(DeviceInfo.FLAG_PCI, 9, 5)));
    }

    @Test
    void capabilitiesCarryTheDepthOnlyWhenItIsNotOne() {
        assertFalse(new String(new Capabilities(0, 1 << 20).toVersionData(), StandardCharsets.UTF_8).contains("migcert"));
        byte[] four = new Capabilities(0, 1 << 20, 4).toVersionData();
        assertEquals(new Capabilities(0, 1 << 20, 4), Capabilities.parse(ByteBuffer.wrap(four)));
        assertEquals(1, Capabilities.parse(ByteBuffer.wrap(ScriptedServer.LIBVFIO_USER_CAPS.getBytes(
                StandardCharsets.UTF_8))).migDataReadDepth(), "no offer means one at a time");
        for (String bad : List.of("{\"capabilities\":{\"migcert\":4}}",
                "{\"capabilities\":{\"migcert\":{\"mig_data_read_depth\":0}}}",
                "{\"capabilities\":{\"migcert\":{\"mig_data_read_depth\":\"4\"}}}")) {
            assertThrows(IllegalArgumentException.class,
                    () -> Capabilities.parse(ByteBuffer.wrap(bad.getBytes(StandardCharsets.UTF_8))), bad);
        }
    }

    @Test
    void aServerThatDoesNotTakeUpTheOfferGetsOneReadAtATime() {
        against(ScriptedServer.LIBVFIO_USER_CAPS, peer -> {
            for (int i = 0; i < 3; i++) {
                Frames.Msg m = requests(peer, 1).get(0);
                if (i == 0) {
                    DeviceFailedException nothing = assertThrows(DeviceFailedException.class,
                            () -> peer.ch.readHeader(MessageChannel.deadlineIn(200)), "a second request came unanswered");
                    assertEquals(DeviceFailedException.Kind.HUNG, nothing.kind());
                }
                answer(peer, m, filled(i < 2 ? XFER : 10, i + 1));
            }
            answersDeviceInfo(peer);
        }, c -> {
            assertEquals(1, c.readDepth());
            ByteBuffer dst = ByteBuffer.allocate(3 * XFER);
            assertEquals(2 * XFER + 10, c.migDataReadFully(dst));
            assertEquals(9, c.deviceInfo().numRegions());
        });
    }

    @Test
    void requestsGoOutBeforeRepliesAndRepliesLandInOrder() {
        against(OFFERS_FOUR, peer -> {
            List<Frames.Msg> r = requests(peer, 3);
            assertEquals(50, r.get(2).payload().getInt(4), "the last request asks only for what is left");
            answer(peer, r.get(0), filled(XFER, 1));
            answer(peer, r.get(1), filled(XFER, 2));
            answer(peer, r.get(2), filled(50, 3));
        }, c -> {
            assertEquals(4, c.readDepth());
            ByteBuffer dst = ByteBuffer.allocate(2 * XFER + 50);
            assertEquals(2 * XFER + 50, c.migDataReadFully(dst));
            byte[] expected = new byte[2 * XFER + 50];
            System.arraycopy(filled(XFER, 1), 0, expected, 0, XFER);
            System.arraycopy(filled(XFER, 2), 0, expected, XFER, XFER);
            System.arraycopy(filled(50, 3), 0, expected, 2 * XFER, 50);
            assertArrayEquals(expected, dst.array());
        });
    }

    @Test
    void aShortReplyEndsTheStreamLateDataIsKeptInOrderAndLateErrorsDropped() {
        against(OFFERS_FOUR, peer -> {
            List<Frames.Msg> r = requests(peer, 4);
            answer(peer, r.get(0), filled(XFER, 1));
            r.addAll(requests(peer, 1)); // the first reply was full: a fifth goes out, four in flight again
            answer(peer, r.get(1), filled(30, 2)); // short: the end of the stream
            answer(peer, r.get(2), filled(20, 3)); // more after all: kept behind it
            refuse(peer, r.get(3), Errno.EINVAL); // a read past the end, refused: dropped
            answer(peer, r.get(4), filled(0, 5));
            answersDeviceInfo(peer);
        }, c -> {
            ByteBuffer dst = ByteBuffer.allocate(8 * XFER);
            assertEquals(XFER + 50, c.migDataReadFully(dst), "fewer than asked: the stream ended");
            assertEquals(1, dst.get(XFER - 1));
            assertEquals(2, dst.get(XFER));
            assertEquals(3, dst.get(XFER + 30));
            assertEquals(9, c.deviceInfo().numRegions(), "every reply due was taken in: the connection is usable");
        });
    }

    @Test
    void anErrorBeforeTheEndIsThrownOnceTheRepliesDueAreIn() {
        against(OFFERS_FOUR, peer -> {
            List<Frames.Msg> r = requests(peer, 4);
            answer(peer, r.get(0), filled(XFER, 1));
            r.addAll(requests(peer, 1));
            refuse(peer, r.get(1), Errno.EIO);
            answer(peer, r.get(2), filled(XFER, 3)); // after the error: dropped
            answer(peer, r.get(3), filled(0, 4));
            answer(peer, r.get(4), filled(XFER, 5));
            answersDeviceInfo(peer);
        }, c -> {
            ByteBuffer dst = ByteBuffer.allocate(8 * XFER);
            VfioUserRefusedException e = assertThrows(VfioUserRefusedException.class, () -> c.migDataReadFully(dst));
            assertEquals(Errno.EIO, e.errno());
            assertEquals(XFER, dst.position(), "the data before the error is there, nothing after it");
            assertTrue(e.getMessage().contains("MIG_DATA_READ"), e.getMessage());
            assertEquals(9, c.deviceInfo().numRegions());
        });
    }
}
