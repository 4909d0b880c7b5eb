package org.migcert.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The state mutations the suites reuse: injected records (OPT-*) and corruptions (ROBUST-1). */
public final class Mutations {
    /** Where an injected record goes. */
    public enum Position { START, MIDDLE, END }

    private Mutations() {
    }

    /** An unknown record with a harness tag, optional or required, with {@code size} payload bytes. */
    public static MgstRecord unknownRecord(boolean optional, int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (0xA5 ^ i);
        }
        return new MgstRecord(Mgst.FIRST_HARNESS_TAG + (optional ? 1 : 2), optional ? Mgst.FLAG_OPTIONAL : 0, payload);
    }

    /**
     * Inserts {@code count} copies of {@code record} at a position: START before the first
     * record, MIDDLE after the first record (before the end if there is only one), END before the
     * end record.
     */
    public static StateMutation insert(MgstRecord record, Position position, int count) {
        String name = (record.optional() ? "optional" : "required") + "-record-" + position.name().toLowerCase()
                + (count > 1 ? "-x" + count : "") + (record.payload().length == 0 ? "-empty" : "");
        return new MgstRewriter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            protected void before(int index, boolean atEnd, MgstWriter out) throws IOException {
                boolean here = switch (position) {
                    case START -> index == 0;
                    case MIDDLE -> index == 1 || (atEnd && index <= 1);
                    case END -> atEnd;
                };
                if (here) {
                    for (int i = 0; i < count; i++) {
                        out.record(record);
                    }
                }
            }
        };
    }

    /** Where the optional-data checks place an unknown OPTIONAL record: anywhere, repeated, empty. */
    public enum OptionalPlacement {
        START(Position.START, 1, 24),
        MIDDLE(Position.MIDDLE, 1, 24),
        END(Position.END, 1, 24),
        REPEATED(Position.MIDDLE, 3, 24),
        EMPTY(Position.MIDDLE, 1, 0);

        private final Position position;
        private final int count;
        private final int payload;

        OptionalPlacement(Position position, int count, int payload) {
            this.position = position;
            this.count = count;
            this.payload = payload;
        }

        /** The mutation that inserts the record(s); its name says where ({@code optional-record-middle-x3}). */
        public StateMutation mutation() {
            return insert(unknownRecord(true, payload), position, count);
        }
    }

    /** Passes the stream through unchanged and adds the tag of every OPTIONAL record in it to {@code optionalTags}. */
    public static StateMutation observingOptional(java.util.Set<Integer> optionalTags) {
        return new MgstRewriter() {
            @Override
            public String name() {
                return "identity";
            }

            @Override
            protected void before(int index, boolean atEnd, MgstWriter out) {
            }

            @Override
            protected void seen(int tag, int flags, long length) {
                if ((flags & Mgst.FLAG_OPTIONAL) != 0) {
                    optionalTags.add(tag);
                }
            }
        };
    }

    /** Keeps only the first {@code keep} bytes. */
    public static StateMutation truncate(long keep) {
        return raw("truncated-to-" + keep, (in, out) -> {
            StateStreams.copyAtMost(in, out, keep);
        });
    }

    /** Flips bit {@code bit} of the byte at {@code offset} (when the stream is that long). */
    public static StateMutation flipBit(long offset, int bit) {
        return raw("bitflip@" + offset + "." + bit, (in, out) -> {
            StateStreams.copyAtMost(in, out, offset);
            int b = in.read();
            if (b >= 0) {
                out.write(b ^ (1 << bit));
                in.transferTo(out);
            }
        });
    }

    /** No bytes at all. */
    public static StateMutation empty() {
        return raw("empty", (in, out) -> { });
    }

    /** The state followed by {@code extra} garbage bytes after its end. */
    public static StateMutation trailingGarbage(int extra) {
        return raw("trailing-garbage-" + extra, (in, out) -> {
            in.transferTo(out);
            for (int i = 0; i < extra; i++) {
                out.write(0x5A);
            }
        });
    }

    /** The length an oversized record claims: far beyond any sane record, just under u32 max. */
    public static final long OVERSIZED_LENGTH = 0xFFFFFFF0L;

    /**
     * The header and the first record pass through, then a required record header (harness tag)
     * claiming {@link #OVERSIZED_LENGTH} bytes, and the stream ends there: the claimed payload
     * never comes. A loader must refuse it without trying to hold what it claims.
     */
    public static StateMutation oversizedRecord() {
        return raw("oversized-record", (in, out) -> {
            byte[] header = in.readNBytes(Mgst.HEADER_SIZE);
            if (header.length != Mgst.HEADER_SIZE) {
                throw new MalformedStateException("source state is shorter than an MGST header: cannot mutate it");
            }
            out.write(header);
            byte[] rh = in.readNBytes(Mgst.RECORD_HEADER_SIZE);
            int tag = rh.length == Mgst.RECORD_HEADER_SIZE ? (rh[0] & 0xff) | (rh[1] & 0xff) << 8 : Mgst.TAG_END;
            if (tag != Mgst.TAG_END) {
                long length = (rh[4] & 0xffL) | (rh[5] & 0xffL) << 8 | (rh[6] & 0xffL) << 16 | (rh[7] & 0xffL) << 24;
                out.write(rh);
                StateStreams.copyAtMost(in, out, length);
            }
            new MgstWriter(out).recordHeader(Mgst.FIRST_HARNESS_TAG + 3, 0, OVERSIZED_LENGTH);
        });
    }

    private interface Body {
        void apply(InputStream in, OutputStream out) throws IOException;
    }

    private static StateMutation raw(String name, Body body) {
        return new StateMutation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void apply(InputStream in, OutputStream out) throws IOException {
                body.apply(in, out);
                out.flush();
            }
        };
    }
}
