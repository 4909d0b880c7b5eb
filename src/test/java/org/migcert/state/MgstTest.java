package org.migcert.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MgstTest {
    static final MgstRecord A = new MgstRecord(1, 0, new byte[] {1, 2, 3});
    static final MgstRecord B = new MgstRecord(2, Mgst.FLAG_OPTIONAL, new byte[0]);
    static final MgstRecord C = new MgstRecord(0x7fff, 0, new byte[] {(byte) 0xff, 0, 0x7f, (byte) 0x80, 9});

    static byte[] write(MgstRecord... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MgstWriter w = new MgstWriter(out).header();
        for (MgstRecord r : records) {
            w.record(r);
        }
        w.end();
        return out.toByteArray();
    }

    static List<MgstRecord> read(byte[] bytes) throws IOException {
        MgstReader r = new MgstReader(new ByteArrayInputStream(bytes));
        r.header();
        List<MgstRecord> out = new ArrayList<>();
        MgstRecord rec;
        while ((rec = r.next()) != null) {
            out.add(rec);
        }
        assertNull(r.next(), "stays ended");
        assertEquals(bytes.length, r.offset());
        return out;
    }

    static byte[] mutate(StateMutation m, byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.apply(new ByteArrayInputStream(in), out);
        return out.toByteArray();
    }

    // ---- writer / reader ------------------------------------------------------------------------

    @Test
    void roundTrip() throws IOException {
        byte[] bytes = write(A, B, C);
        assertEquals(List.of(A, B, C), read(bytes));
        assertEquals(List.of(), read(write()));
    }

    @Test
    void layoutIsTheDesignsLittleEndianFormat() throws IOException {
        byte[] bytes = write(new MgstRecord(0x1234, Mgst.FLAG_OPTIONAL, new byte[] {(byte) 0xAB}));
        assertArrayEquals(new byte[] {
            'M', 'G', 'S', 'T', 1, 0, 0, 0,
            0x34, 0x12, 1, 0, 1, 0, 0, 0, (byte) 0xAB,
            0, 0, 0, 0, 0, 0, 0, 0}, bytes);
    }

    @Test
    void writerRejectsTagZeroAndTooLongRecords() {
        MgstWriter w = new MgstWriter(OutputStream.nullOutputStream());
        assertThrows(IllegalArgumentException.class, () -> w.record(0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> w.recordHeader(1, 0, 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> w.recordHeader(0x10000, 0, 0));
    }

    static MalformedStateException refused(byte[] bytes) {
        return assertThrows(MalformedStateException.class, () -> read(bytes));
    }

    @Test
    void badMagic() throws IOException {
        byte[] b = write(A);
        b[0] = 'X';
        assertTrue(refused(b).getMessage().contains("magic"));
        assertTrue(refused("NOPE\1\0\0\0".getBytes()).getMessage().contains("'NOPE'"));
    }

    @Test
    void version2() throws IOException {
        byte[] b = write(A);
        b[4] = 2;
        assertTrue(refused(b).getMessage().contains("version 2"));
    }

    @Test
    void headerFlags() throws IOException {
        byte[] b = write(A);
        b[7] = (byte) 0x80;
        assertTrue(refused(b).getMessage().contains("MGST header flags 0x8000 at offset 6"), refused(b).getMessage());
    }

    /** docs/rules.md: record flag bits 1-15 are reserved, and a loader refuses a record with one set. */
    @Test
    void reservedRecordFlagBitsAreRefusedWithOffsetAndValue() throws IOException {
        for (int bit = 1; bit < 16; bit++) {
            byte[] b = write(A, new MgstRecord(0x22, Mgst.FLAG_OPTIONAL, new byte[] {7}));
            int flagsAt = 8 + 8 + A.payload().length + 2; // header, record A, then the second record's tag
            int flags = Mgst.FLAG_OPTIONAL | 1 << bit;
            b[flagsAt] = (byte) flags;
            b[flagsAt + 1] = (byte) (flags >> 8);
            String m = refused(b).getMessage();
            assertTrue(m.contains("record tag 0x22 at offset " + (flagsAt - 2) + " has reserved flag bits set (flags 0x"
                    + Integer.toHexString(flags) + ";"), m);
        }
        assertEquals(List.of(A, B), read(write(A, B)), "bit 0, OPTIONAL, is no reserved bit");
    }

    @Test
    void endRecordWithFlagsOrLength() throws IOException {
        byte[] b = write(A);
        b[b.length - 5] = 1; // end record length byte 1
        refused(b);
        byte[] c = write(A);
        c[c.length - 6] = 1; // end record flags
        refused(c);
    }

    @Test
    void everyTruncationOfASmallStreamIsRefusedWithMalformedState() throws IOException {
        byte[] full = write(A, B, C);
        for (int n = 0; n < full.length; n++) {
            byte[] prefix = Arrays.copyOf(full, n);
            try {
                read(prefix);
                fail("prefix of " + n + " of " + full.length + " bytes accepted");
            } catch (MalformedStateException expected) {
                // each refusal names an offset
                assertTrue(expected.getMessage().contains("offset"), expected.getMessage());
            } catch (Throwable other) {
                fail("prefix of " + n + " bytes: " + other, other);
            }
        }
    }

    @Provide
    Arbitrary<List<MgstRecord>> records() {
        Arbitrary<MgstRecord> rec = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(1, 0xffff),
                Arbitraries.of(0, Mgst.FLAG_OPTIONAL), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(MgstRecord::new);
        return rec.list().ofMaxSize(6);
    }

    @Property(tries = 200)
    void everyStrictPrefixIsRefusedAndTheWholeRoundTrips(@ForAll("records") List<MgstRecord> recs,
                                                         @ForAll @IntRange(min = 0, max = 10_000) int cut)
            throws IOException {
        byte[] full = write(recs.toArray(MgstRecord[]::new));
        assertEquals(recs, read(full));
        int n = cut % full.length;
        try {
            read(Arrays.copyOf(full, n));
            fail("strict prefix of " + n + "/" + full.length + " accepted");
        } catch (MalformedStateException expected) {
            // the only acceptable failure
        }
    }

    @Property(tries = 200)
    void randomBytesAreEitherValidOrMalformedNeverAnotherException(@ForAll byte[] junk, @ForAll boolean withHeader)
            throws IOException {
        byte[] in = junk;
        if (withHeader) {
            in = new byte[8 + junk.length];
            System.arraycopy(write(), 0, in, 0, 8);
            System.arraycopy(junk, 0, in, 8, junk.length);
        }
        try {
            read(in);
        } catch (MalformedStateException expected) {
            // fine
        }
    }

    /** An input stream that serves {@code prefix} and then endless bytes, counting what was read. */
    static final class Endless extends InputStream {
        final byte[] prefix;
        long served;

        Endless(byte[] prefix) {
            this.prefix = prefix;
        }

        @Override
        public int read() {
            return served < prefix.length ? prefix[(int) served++] & 0xff : (int) (served++ & 0x7f);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    @Test
    void recordLengthAboveTheBoundIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] head = new byte[16];
        System.arraycopy(write(), 0, head, 0, 8);
        head[8] = 1; // tag 1
        head[12] = head[13] = head[14] = head[15] = (byte) 0xff; // length 0xFFFFFFFF
        for (int bound : new int[] {MgstReader.DEFAULT_MAX_RECORD, Integer.MAX_VALUE}) {
            Endless in = new Endless(head);
            MgstReader r = new MgstReader(in, bound);
            r.header();
            MalformedStateException e = assertThrows(MalformedStateException.class, r::next);
            assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
            assertEquals(16, in.served, "nothing read past the record header, so nothing of 4 GiB allocated");
        }
        // just above the default bound
        byte[] over = head.clone();
        long len = MgstReader.DEFAULT_MAX_RECORD + 1L;
        for (int i = 0; i < 4; i++) {
            over[12 + i] = (byte) (len >>> (8 * i));
        }
        Endless in = new Endless(over);
        MgstReader r = new MgstReader(in);
        r.header();
        assertThrows(MalformedStateException.class, r::next);
        assertEquals(16, in.served);
    }

    @Test
    void trailingDataAfterEndIsRefused() throws IOException {
        byte[] ok = write(A);
        byte[] trailing = Arrays.copyOf(ok, ok.length + 1);
        assertTrue(refused(trailing).getMessage().contains("after the end"));
        assertTrue(refused(mutate(Mutations.trailingGarbage(3), ok)).getMessage().contains("after the end"));
    }

    // ---- mutations ------------------------------------------------------------------------------

    static final MgstRecord OPT = Mutations.unknownRecord(true, 24);

    static int indexOf(List<MgstRecord> recs, MgstRecord r) {
        return recs.indexOf(r);
    }

    @ParameterizedTest
    @EnumSource(Mutations.Position.class)
    void insertPutsTheRecordWherePromised(Mutations.Position pos) throws IOException {
        for (MgstRecord[] original : new MgstRecord[][] {{A, B, C}, {A}, {}}) {
            List<MgstRecord> got = read(mutate(Mutations.insert(OPT, pos, 1), write(original)));
            List<MgstRecord> expected = new ArrayList<>(List.of(original));
            int at = switch (pos) {
                case START -> 0;
                case MIDDLE -> Math.min(1, original.length);
                case END -> original.length;
            };
            expected.add(at, OPT);
            assertEquals(expected, got, pos + " into " + original.length + " records");
        }
    }

    @Test
    void repeatedEmptyAndRequiredInsertions() throws IOException {
        byte[] base = write(A, B, C);
        assertEquals(List.of(A, OPT, OPT, OPT, B, C), read(mutate(Mutations.insert(OPT, Mutations.Position.MIDDLE, 3), base)));
        MgstRecord empty = Mutations.unknownRecord(true, 0);
        assertEquals(0, empty.payload().length);
        assertEquals(List.of(A, B, C, empty), read(mutate(Mutations.insert(empty, Mutations.Position.END, 1), base)));
        MgstRecord req = Mutations.unknownRecord(false, 8);
        assertTrue(!req.optional() && req.tag() >= Mgst.FIRST_HARNESS_TAG, req.toString());
        assertTrue(OPT.optional() && OPT.tag() >= Mgst.FIRST_HARNESS_TAG && OPT.tag() != req.tag());
        assertEquals(List.of(req, A, B, C), read(mutate(Mutations.insert(req, Mutations.Position.START, 1), base)));
    }

    @Test
    void optionalPlacementsCoverStartMiddleEndRepeatedAndEmpty() throws IOException {
        byte[] base = write(A, B, C);
        Set<String> names = new TreeSet<>();
        for (Mutations.OptionalPlacement p : Mutations.OptionalPlacement.values()) {
            StateMutation m = p.mutation();
            names.add(m.name());
            List<MgstRecord> got = read(mutate(m, base));
            List<MgstRecord> originals = got.stream().filter(r -> r.tag() < Mgst.FIRST_HARNESS_TAG).toList();
            assertEquals(List.of(A, B, C), originals, m.name() + " keeps the device's records in order");
            assertTrue(got.stream().filter(r -> r.tag() >= Mgst.FIRST_HARNESS_TAG).allMatch(MgstRecord::optional));
        }
        assertEquals(5, names.size(), "distinct names: " + names);
        assertTrue(names.stream().anyMatch(n -> n.contains("x3")) && names.stream().anyMatch(n -> n.contains("empty")));
    }

    @Test
    void truncateKeepsThePrefix() throws IOException {
        byte[] base = write(A, B, C);
        for (int keep : new int[] {0, 5, 8, 17, base.length - 1}) {
            byte[] t = mutate(Mutations.truncate(keep), base);
            assertArrayEquals(Arrays.copyOf(base, keep), t);
            refused(t);
        }
        assertArrayEquals(base, mutate(Mutations.truncate(base.length + 100), base));
    }

    @Test
    void flipBitChangesExactlyOneBit() throws IOException {
        byte[] base = write(A, B, C);
        for (long off : new long[] {0, 9, base.length - 1}) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] f = mutate(Mutations.flipBit(off, bit), base);
                assertEquals(base.length, f.length);
                for (int i = 0; i < base.length; i++) {
                    assertEquals(i == off ? (byte) (base[i] ^ (1 << bit)) : base[i], f[i], "byte " + i);
                }
            }
        }
        assertArrayEquals(base, mutate(Mutations.flipBit(base.length + 5, 0), base), "beyond the end: unchanged");
    }

    @Test
    void emptyAndTrailingGarbage() throws IOException {
        byte[] base = write(A);
        assertEquals(0, mutate(Mutations.empty(), base).length);
        refused(mutate(Mutations.empty(), base));
        byte[] g = mutate(Mutations.trailingGarbage(4), base);
        assertEquals(base.length + 4, g.length);
        assertArrayEquals(base, Arrays.copyOf(g, base.length));
    }

    @Test
    void observingOptionalCollectsOptionalTagsAndPassesThrough() throws IOException {
        MgstRecord opt2 = new MgstRecord(0x30, Mgst.FLAG_OPTIONAL, new byte[] {7});
        byte[] base = write(A, B, C, opt2, B);
        Set<Integer> tags = new TreeSet<>();
        assertArrayEquals(base, mutate(Mutations.observingOptional(tags), base));
        assertEquals(Set.of(B.tag(), 0x30), tags);
    }

    @Test
    void recordMutationsRefuseAStreamWithoutEnd() throws IOException {
        byte[] noEnd = Arrays.copyOf(write(A), 8 + 8 + 3);
        assertThrows(MalformedStateException.class, () -> mutate(Mutations.insert(OPT, Mutations.Position.END, 1), noEnd));
        assertThrows(MalformedStateException.class, () -> mutate(Mutations.insert(OPT, Mutations.Position.END, 1),
                Arrays.copyOf(noEnd, 20)));
    }

    // ---- streaming -----------------------------------------------------------------------------

    /** Header, one record of {@code size} pattern bytes, end: produced on the fly. */
    static class LazyState extends InputStream {
        private final byte[] head;
        private final byte[] tail = new byte[8];
        private final long size;
        private final byte[] pattern = new byte[64 * 1024];
        long pos;
        final long total;

        LazyState(long size) throws IOException {
            this.size = size;
            ByteArrayOutputStream h = new ByteArrayOutputStream();
            new MgstWriter(h).header().recordHeader(1, 0, size);
            head = h.toByteArray();
            total = head.length + size + tail.length;
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (i * 31);
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= total) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n;
            if (pos < head.length) {
                n = (int) Math.min(len, head.length - pos);
                System.arraycopy(head, (int) pos, b, off, n);
            } else if (pos < head.length + size) {
                long p = pos - head.length;
                n = (int) Math.min(Math.min(len, size - p), pattern.length - (p % pattern.length));
                System.arraycopy(pattern, (int) (p % pattern.length), b, off, n);
            } else {
                int t = (int) (pos - head.length - size);
                n = Math.min(len, tail.length - t);
                System.arraycopy(tail, t, b, off, n);
            }
            pos += n;
            onRead();
            return n;
        }

        void onRead() {
        }
    }

    static final class Counting extends OutputStream {
        long count;
        final byte[] first = new byte[64];

        @Override
        public void write(int b) {
            if (count < first.length) {
                first[(int) count] = (byte) b;
            }
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = 0; i < len && count + i < first.length; i++) {
                first[(int) count + i] = b[off + i];
            }
            count += len;
        }
    }

    @Test
    void aMutationStreamsA256MiBRecordWithBoundedBuffering() throws IOException {
        long size = 256L << 20;
        Counting out = new Counting();
        long[] maxLag = {0};
        LazyState in = new LazyState(size) {
            @Override
            void onRead() {
                maxLag[0] = Math.max(maxLag[0], pos - out.count);
            }
        };
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long peakBefore = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        MgstRecord inserted = Mutations.unknownRecord(true, 24);
        Mutations.insert(inserted, Mutations.Position.START, 1).apply(in, out);

        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertEquals(in.total, in.pos, "the whole input was consumed");
        assertEquals(in.total + 8 + 24, out.count, "output = input + one inserted record");
        // the inserted record comes right after the header
        assertEquals(inserted.tag(), (out.first[8] & 0xff) | (out.first[9] & 0xff) << 8);
        assertTrue(maxLag[0] <= (1 << 20), "bytes read but not yet written at most 1 MiB, was " + maxLag[0]);
        assertTrue(peak - peakBefore < size / 2 || peak < size,
                "heap peak grew by " + ((peak - peakBefore) >> 20) + " MiB while streaming 256 MiB");
    }
}
