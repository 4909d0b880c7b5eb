package org.migcert.adapters.qemu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.RequestRefusedException;

/**
 * A QMP monitor connection (QEMU's {@code docs/interop/qmp-spec}): the greeting, capabilities
 * negotiation, then one command at a time, each with an {@code id} its reply must echo. Every
 * reply line is bounded before it is parsed. Asynchronous events are kept (the last
 * {@value #EVENTS_KEPT}) as evidence; an {@code error} reply is QEMU refusing, in its own words.
 */
final class Qmp implements AutoCloseable {
    /** Bound on one reply line: the largest answers here (device-list-properties, query-pci) are a few KiB. */
    static final int MAX_LINE = 1 << 20;
    private static final int EVENTS_KEPT = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Channel channel;
    private final long timeoutMillis;
    private final Deque<String> events = new ArrayDeque<>();
    private long nextId;

    private Qmp(Channel channel, long timeoutMillis) {
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
    }

    /** Reads the greeting and leaves capabilities negotiation mode. Takes ownership of {@code channel}. */
    static Qmp open(Channel channel, long timeoutMillis) {
        Qmp q = new Qmp(channel, timeoutMillis);
        try {
            JsonNode greeting = q.parse(channel.readLine(MAX_LINE, Channel.deadlineIn(timeoutMillis), "QMP greeting"),
                    "QMP greeting");
            if (!greeting.has("QMP")) {
                throw new DeviceFailedException(Kind.PROTOCOL, "QMP greeting has no \"QMP\" member: " + brief(greeting));
            }
            q.execute("qmp_capabilities", null);
            return q;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Runs one command and returns its {@code return} member.
     *
     * @throws RequestRefusedException with QEMU's error class and description when it refuses
     * @throws DeviceFailedException   when QEMU hangs, closes the monitor, or answers outside QMP
     */
    JsonNode execute(String command, ObjectNode arguments) {
        long id = ++nextId;
        ObjectNode request = JSON.createObjectNode().put("execute", command).put("id", id);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        String what = "QMP " + command;
        long deadline = Channel.deadlineIn(timeoutMillis);
        channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)), deadline, what);
        while (true) {
            JsonNode reply = parse(channel.readLine(MAX_LINE, deadline, what), what);
            if (reply.has("event")) {
                keep(reply);
                continue;
            }
            if (!reply.path("id").canConvertToLong() || reply.path("id").asLong() != id) {
                throw new DeviceFailedException(Kind.PROTOCOL, what + ": expected the reply to id " + id + ", got "
                        + brief(reply));
            }
            if (reply.has("error")) {
                JsonNode e = reply.get("error");
                throw new RequestRefusedException(what + " refused: " + e.path("desc").asText("(no description)")
                        + " [" + e.path("class").asText("?") + "]", 0);
            }
            if (!reply.has("return")) {
                throw new DeviceFailedException(Kind.PROTOCOL, what + ": a reply with neither return nor error: "
                        + brief(reply));
            }
            return reply.get("return");
        }
    }

    /** A new argument object for {@link #execute}. */
    static ObjectNode arguments() {
        return JSON.createObjectNode();
    }

    /** The last events QEMU sent, oldest first, one per line; empty when none. */
    String events() {
        return String.join("\n", events);
    }

    private void keep(JsonNode event) {
        if (events.size() == EVENTS_KEPT) {
            events.removeFirst();
        }
        events.addLast(brief(event));
    }

    private JsonNode parse(String line, String what) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                throw new DeviceFailedException(Kind.PROTOCOL, what + ": not a JSON object: " + cut(line));
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new DeviceFailedException(Kind.PROTOCOL, what + ": not JSON: " + cut(line));
        }
    }

    private static String brief(JsonNode n) {
        return cut(n.toString());
    }

    private static String cut(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    @Override
    public void close() {
        channel.close();
    }
}
