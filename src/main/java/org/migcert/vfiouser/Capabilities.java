package org.migcert.vfiouser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode top;
        try {
            top = JSON.readTree(new String(bytes, 0, end, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("version data is not JSON: " + e.getOriginalMessage());
        }
        if (top == null || !top.isObject()) {
            throw new IllegalArgumentException("version data is not a JSON object");
        }
        JsonNode caps = top.get("capabilities");
        if (caps == null) {
            return new Capabilities(DEFAULT_MAX_MSG_FDS, DEFAULT_MAX_DATA_XFER_SIZE, SEQUENTIAL);
        }
        if (!caps.isObject()) {
            throw new IllegalArgumentException("\"capabilities\" is not a JSON object");
        }
        JsonNode ours = caps.get(OURS);
        if (ours != null && !ours.isObject()) {
            throw new IllegalArgumentException("\"" + OURS + "\" is not a JSON object");
        }
        return new Capabilities(number(caps, "max_msg_fds", DEFAULT_MAX_MSG_FDS),
                number(caps, "max_data_xfer_size", DEFAULT_MAX_DATA_XFER_SIZE),
                ours == null ? SEQUENTIAL : number(ours, READ_DEPTH, SEQUENTIAL));
    }

    private static long number(JsonNode caps, String key, long dflt) {
        JsonNode n = caps.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException("\"" + key + "\" is not an integer: " + n);
        }
        return n.longValue();
    }

    /** The version data to send: this JSON and its NUL terminator (no read depth when it is 1). */
    public byte[] toVersionData() {
        ObjectNode top = JSON.createObjectNode();
        ObjectNode caps = top.putObject("capabilities").put("max_msg_fds", maxMsgFds)
                .put("max_data_xfer_size", maxDataXferSize);
        if (migDataReadDepth != SEQUENTIAL) {
            caps.putObject(OURS).put(READ_DEPTH, migDataReadDepth);
        }
        byte[] json = top.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        return out;
    }
}
