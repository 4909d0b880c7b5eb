package org.migcert.vfiouser;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The capabilities one side of a vfio-user connection announces in VERSION: the JSON
 * {@code {"capabilities": {"max_msg_fds": N, "max_data_xfer_size": N}}} that follows major and
 * minor, NUL-terminated. Parsing is tolerant of keys it does not know (libvfio-user still sends
 * the old {@code migration: {pgsize}}) and strict about the types of the keys it uses.
 *
 * <p>One key is migcert's own, {@code "migcert": {"mig_data_read_depth": N}}: how many
 * MIG_DATA_READs the sender may keep in flight (client) or lets a client keep in flight (server).
 * The spec allows any client to pipeline commands; the key is there because a pipelined read
 * past the end of the state is a read the device would not otherwise see, so migcert pipelines
 * only with a server that says it is fine with that. Servers ignore keys they do not know
 * (libvfio-user does), and a reply without it means 1: one request at a time.
 *
 * <p>It reads and writes the JSON with jackson-core's streaming parser and generator, not with an
 * {@code ObjectMapper}: a device program's server is a JVM of its own per instance, and setting up
 * jackson-databind for these few bytes was about a third of the processor time it took to start.
 * What it accepts, and what it says about what it refuses, is what the tree model said: the whole
 * document is read (a syntax error anywhere is refused), a key given twice counts once, its last.
 *
 * @param maxMsgFds        file descriptors the sender accepts in one message (spec default 1)
 * @param maxDataXferSize  the largest data count the sender accepts in one message (default 1 MiB)
 * @param migDataReadDepth MIG_DATA_READs in flight at once, at least 1 (1 when not announced)
 */
public record Capabilities(long maxMsgFds, long maxDataXferSize, long migDataReadDepth) {
    public static final long DEFAULT_MAX_MSG_FDS = 1;
    public static final long DEFAULT_MAX_DATA_XFER_SIZE = 1 << 20;
    /** One request at a time: what a server that does not announce a depth gets. */
    public static final long SEQUENTIAL = 1;
    private static final String OURS = "migcert";
    private static final String READ_DEPTH = "mig_data_read_depth";
    /** What the JSON may take at most: far beyond any real capability object, small enough to hold. */
    public static final int MAX_JSON_BYTES = 64 * 1024;

    /** Immutable once made; a factory is safe to share between threads. */
    private static final JsonFactory JSON = new JsonFactory();

    public Capabilities {
        if (maxMsgFds < 0) {
            throw new IllegalArgumentException("max_msg_fds must not be negative: " + maxMsgFds);
        }
        if (maxDataXferSize < 1) {
            throw new IllegalArgumentException("max_data_xfer_size must be positive: " + maxDataXferSize);
        }
        if (migDataReadDepth < 1) {
            throw new IllegalArgumentException(READ_DEPTH + " must be positive: " + migDataReadDepth);
        }
    }

    /** Capabilities without a read depth: one MIG_DATA_READ at a time. */
    public Capabilities(long maxMsgFds, long maxDataXferSize) {
        this(maxMsgFds, maxDataXferSize, SEQUENTIAL);
    }

    /**
     * Parses the version data that follows major and minor. Empty data means all defaults; data
     * without a NUL terminator is accepted up to its end.
     *
     * @throws IllegalArgumentException when the JSON is not an object or a known key has the wrong type
     */
    public static Capabilities parse(ByteBuffer versionData) {
        byte[] bytes = new byte[versionData.remaining()];
        versionData.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        if (end == 0) {
            return new Capabilities(DEFAULT_MAX_MSG_FDS, DEFAULT_MAX_DATA_XFER_SIZE, SEQUENTIAL);
        }
        Fields caps;
        try (JsonParser p = JSON.createParser(new String(bytes, 0, end, StandardCharsets.UTF_8))) {
            caps = topLevel(p);
        } catch (StreamReadException e) {
            throw new IllegalArgumentException("version data is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source does no I/O
        }
        if (caps == null) {
            return new Capabilities(DEFAULT_MAX_MSG_FDS, DEFAULT_MAX_DATA_XFER_SIZE, SEQUENTIAL);
        }
        if (caps.notAnObject) {
            throw new IllegalArgumentException("\"capabilities\" is not a JSON object");
        }
        if (caps.ours == Ours.NOT_AN_OBJECT) {
            throw new IllegalArgumentException("\"" + OURS + "\" is not a JSON object");
        }
        return new Capabilities(caps.maxMsgFds.orDefault("max_msg_fds", DEFAULT_MAX_MSG_FDS),
                caps.maxDataXferSize.orDefault("max_data_xfer_size", DEFAULT_MAX_DATA_XFER_SIZE),
                caps.readDepth.orDefault(READ_DEPTH, SEQUENTIAL));
    }

    /** The last {@code "capabilities"} of the document (null when there is none), the whole document read. */
    private static Fields topLevel(JsonParser p) throws IOException {
        JsonToken root = p.nextToken();
        if (root != JsonToken.START_OBJECT) {
            // Read to its end: a malformed array or string is "not JSON", as reading the whole tree found.
            p.skipChildren();
            p.finishToken();
            throw new IllegalArgumentException("version data is not a JSON object");
        }
        Fields caps = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (!key.equals("capabilities")) {
                p.skipChildren();
            } else if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                caps = new Fields(true);
            } else {
                caps = capabilities(p);
            }
        }
        return caps;
    }

    /** The keys it knows of the {@code "capabilities"} object the parser is at the start of. */
    private static Fields capabilities(JsonParser p) throws IOException {
        Fields f = new Fields(false);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (key) {
                case "max_msg_fds" -> f.maxMsgFds = Value.read(p);
                case "max_data_xfer_size" -> f.maxDataXferSize = Value.read(p);
                case OURS -> {
                    // The last "migcert" counts, all of it: its depth, or its absence.
                    f.readDepth = Value.ABSENT;
                    f.ours = value == JsonToken.START_OBJECT ? Ours.OBJECT : Ours.NOT_AN_OBJECT;
                    if (value == JsonToken.START_OBJECT) {
                        f.readDepth = readDepth(p);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return f;
    }

    /** The read depth in the {@code "migcert"} object the parser is at the start of. */
    private static Value readDepth(JsonParser p) throws IOException {
        Value depth = Value.ABSENT;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals(READ_DEPTH)) {
                depth = Value.read(p);
            } else {
                p.skipChildren();
            }
        }
        return depth;
    }

    /** Whether the {@code "migcert"} key was there, and as what. */
    private enum Ours { ABSENT, OBJECT, NOT_AN_OBJECT }

    /** What one {@code "capabilities"} object said about the keys it uses. */
    private static final class Fields {
        final boolean notAnObject;
        Value maxMsgFds = Value.ABSENT;
        Value maxDataXferSize = Value.ABSENT;
        Ours ours = Ours.ABSENT;
        Value readDepth = Value.ABSENT;

        Fields(boolean notAnObject) {
            this.notAnObject = notAnObject;
        }
    }

    /** A key's value: a long, absent, or (as JSON) what it was instead. */
    private record Value(Long value, String notALong) {
        static final Value ABSENT = new Value(null, null);

        /** The value the parser is at: a long when it is an integer that fits, else its JSON, compact. */
        static Value read(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return new Value(p.getLongValue(), null);
            }
            StringWriter json = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(json)) {
                g.copyCurrentStructure(p);
            }
            return new Value(null, json.toString());
        }

        long orDefault(String key, long dflt) {
            if (notALong != null) {
                throw new IllegalArgumentException("\"" + key + "\" is not an integer: " + notALong);
            }
            return value == null ? dflt : value;
        }
    }

    /** The version data to send: this JSON and its NUL terminator (no read depth when it is 1). */
    public byte[] toVersionData() {
        StringWriter json = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(json)) {
            g.writeStartObject();
            g.writeObjectFieldStart("capabilities");
            g.writeNumberField("max_msg_fds", maxMsgFds);
            g.writeNumberField("max_data_xfer_size", maxDataXferSize);
            if (migDataReadDepth != SEQUENTIAL) {
                g.writeObjectFieldStart(OURS);
                g.writeNumberField(READ_DEPTH, migDataReadDepth);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does no I/O
        }
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }
}
