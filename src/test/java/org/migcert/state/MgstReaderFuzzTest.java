package org.migcert.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.migcert.fuzz.FuzzLoop;
import org.migcert.fuzz.Mutator;

/**
 * Seeded fuzzing of {@link MgstReader} with valid MGST streams mutated ({@link Mutator}), record
 * lengths aimed at in particular: every stream reads to its end or is refused with a
 * {@link MalformedStateException}, nothing else escapes, and reading allocates in proportion to
 * the bytes really there, never to what a length field claims. The same seed gives the same run.
 */
class MgstReaderFuzzTest {
    /**
     * 5000 streams of at most a few KiB each; a length believed before reading could allocate 16 MiB
     * (the reader's bound) or 4 GiB.
     */
    private static final FuzzLoop LOOP = new FuzzLoop(0x4d475354L, 5000, 100, 1L << 20, Duration.ofSeconds(5),
            Duration.ofMinutes(1));

    /** A valid stream and where its record length fields are. */
    private record Stream(byte[] bytes, List<Integer> lengthFields, int records) {
    }

    @Test
    void mutatedStreamsAreReadOrRefusedAndNothingElse() {
        LOOP.run((i, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            Stream valid = valid(rnd);
            assertEquals(valid.records(), read(valid.bytes()), "the unmutated stream reads whole");
            Mutator mutation = new Mutator(rnd);
            byte[] mutated = mutation.apply(valid.bytes(), valid.lengthFields());
            try {
                read(mutated);
            } catch (MalformedStateException e) {
                // Refused, with a message: what a device or the harness reports.
            } catch (IOException | RuntimeException | Error e) {
                fail("stream mutated by " + mutation + " (seed " + seed + ") escaped as " + e, e);
            }
            return mutation.toString();
        });
    }

    /** Reads a whole stream and returns how many records it had. */
    private static int read(byte[] stream) throws IOException {
        MgstReader r = new MgstReader(new ByteArrayInputStream(stream));
        r.header();
        int n = 0;
        while (r.next() != null) {
            n++;
        }
        return n;
    }

    private static Stream valid(SplittableRandom rnd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MgstWriter w = new MgstWriter(out).header();
        List<Integer> lengths = new ArrayList<>();
        int records = rnd.nextInt(6);
        for (int i = 0; i < records; i++) {
            byte[] payload = new byte[rnd.nextInt(200)];
            rnd.nextBytes(payload);
            lengths.add(out.size() + 4); // tag u16, flags u16, then the length
            w.record(1 + rnd.nextInt(0xfffe), rnd.nextInt(2), payload);
        }
        lengths.add(out.size() + 4); // the end record's
        w.end();
        return new Stream(out.toByteArray(), lengths, records);
    }
}
