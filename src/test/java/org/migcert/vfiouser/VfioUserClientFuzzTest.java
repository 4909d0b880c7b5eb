package org.migcert.vfiouser;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.MigState;
import org.migcert.fuzz.FuzzLoop;
import org.migcert.fuzz.Mutator;

/**
 * Seeded fuzzing of the client against a fake server whose replies are valid ones mutated
 * ({@link Mutator}: bits flipped, bytes and header fields overwritten with random or boundary
 * values, messages cut short or extended). Whatever arrives, each call succeeds or ends in the
 * project's typed exceptions (never another one, never an Error), within its time limit,
 * allocating a bounded amount: sizes are checked before anything is allocated. The same seed
 * gives the same run.
 */
class VfioUserClientFuzzTest {
    /** The client's time limit: short, because some mutations leave the client waiting for bytes that never come. */
    private static final Duration LIMIT = Duration.ofMillis(100);
    /**
     * 2000 sessions; a session allocates a few KiB when it works, an unchecked size would allocate
     * up to 4 GiB; a session takes at most a few time limits (after a hang the connection is not used again).
     */
    private static final FuzzLoop LOOP = new FuzzLoop(0x5eed_f00dL, 2000, 50, 8L << 20, LIMIT.multipliedBy(30),
            Duration.ofMinutes(2));
    /** The header's size, flags and errno words, and the first payload words (argsz, flags, counts, offsets). */
    private static final List<Integer> FIELDS = List.of(4, 8, 12, 16, 20, 24, 28, 32);

    /** The calls of one client session, in order; the fuzzed reply is the answer to one of them (or to VERSION). */
    private static final List<Consumer<VfioUserClient>> SESSION = List.of(
            VfioUserClient::deviceInfo,
            c -> c.regionInfo(0),
            c -> c.regionInfo(7),
            c -> c.irqInfo(0),
            c -> c.regionRead(0, 0, 64),
            c -> c.regionWrite(0, 8, new byte[16]),
            VfioUserClient::migrationFlags,
            VfioUserClient::migDeviceState,
            c -> c.setMigDeviceState(MigState.STOP_COPY.code()),
            c -> c.migDataRead(ByteBuffer.allocate(4096)),
            c -> c.migDataRead(ByteBuffer.allocate(4096)),
            c -> c.featureProbe(DeviceFeature.MIGRATION, DeviceFeature.GET),
            VfioUserClient::reset);

    @TempDir
    Path dir;

    @Test
    void mutatedRepliesEndInTypedFailuresWithinTheLimit() {
        LOOP.run(this::session);
    }

    /** One connection whose reply number {@code k} is mutated; returns what was done, for messages. */
    private String session(int iteration, long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        int mutated = rnd.nextInt(SESSION.size() + 1); // 0: the VERSION reply
        boolean staySilent = rnd.nextInt(100) == 0;    // then wait for the client instead of hanging up
        Mutator mutation = new Mutator(rnd);
        Path sock = dir.resolve("f" + iteration + ".sock");
        ScriptedServer fake = ScriptedServer.start(sock, peer -> serve(peer, mutated, mutation, staySilent));
        try (fake) {
            try (VfioUserClient client = VfioUserClient.connect(sock, LIMIT)) {
                for (Consumer<VfioUserClient> call : SESSION) {
                    call.accept(client);
                }
            } catch (DeviceFailedException | VfioUserRefusedException e) {
                // Typed: what the harness turns into an observation.
            } catch (RuntimeException | Error e) {
                fail("reply " + mutated + " mutated by " + mutation + " (seed " + seed + ") escaped as " + e, e);
            }
        } finally {
            Files.deleteIfExists(sock);
        }
        return "reply " + mutated + " " + mutation;
    }

    /** Answers as a correct server would, except that reply {@code mutated} goes out mutated; then hangs up. */
    private static void serve(ScriptedServer.Peer peer, int mutated, Mutator mutation, boolean staySilent) {
        DeviceRequests device = new DeviceRequests(new FakeDevice(6000));
        for (int n = 0; n <= mutated; n++) {
            Frames.Msg m = peer.receive();
            byte[] reply = n == 0 ? versionReply(m) : reply(device, m);
            peer.sendRaw(n == mutated ? mutation.apply(reply, FIELDS) : reply);
        }
        if (staySilent) {
            peer.awaitClientClose();
        }
    }

    private static byte[] versionReply(Frames.Msg m) {
        byte[] json = (ScriptedServer.LIBVFIO_USER_CAPS + "\0").getBytes(StandardCharsets.UTF_8);
        return message(m.header(), Payloads.allocate(4 + json.length).putShort((short) 0).putShort((short) 2).put(json)
                .flip(), 0);
    }

    private static byte[] reply(DeviceRequests device, Frames.Msg m) {
        try {
            return message(m.header(), device.handle(m.header().command(), m.payload()), 0);
        } catch (RuntimeException refused) {
            return message(m.header(), Payloads.allocate(0), Errno.EINVAL);
        }
    }

    private static byte[] message(MessageHeader request, ByteBuffer payload, int errno) {
        MessageHeader h = errno == 0 ? MessageHeader.reply(request, payload.remaining())
                : MessageHeader.errorReply(request, errno);
        ByteBuffer b = Payloads.allocate(MessageHeader.SIZE + payload.remaining());
        h.writeTo(b);
        return b.put(payload).array();
    }
}
