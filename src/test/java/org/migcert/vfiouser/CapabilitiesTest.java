package org.migcert.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Capabilities read with the streaming parser accept and refuse what the JSON tree model did, with
 * the same words: the tree-model reading it replaced is kept here as the oracle.
 */
class CapabilitiesTest {
    private static final ObjectMapper TREE = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"capabilities\":{\"max_msg_fds\":8,\"max_data_xfer_size\":1048576}}",
        "{\"capabilities\":{}}", "{}", " ", "\t\n", "null", "true", "5", "\"text\"", "[1]", "[1, }", "not json",
        "{\"capabilities\":{\"max_data_xfer_size\":\"big\"}}",
        "{\"capabilities\":{\"max_msg_fds\":1.5}}", "{\"capabilities\":{\"max_msg_fds\":1e3}}",
        "{\"capabilities\":{\"max_msg_fds\":1.0}}", "{\"capabilities\":{\"max_msg_fds\":-1}}",
        "{\"capabilities\":{\"max_msg_fds\":true}}", "{\"capabilities\":{\"max_msg_fds\":null}}",
        "{\"capabilities\":{\"max_msg_fds\":[1, 2]}}", "{\"capabilities\":{\"max_msg_fds\":{\"a\" : [1, \"x\\u0001\"]}}}",
        "{\"capabilities\":{\"max_msg_fds\":\"tab\\tquote\\\"\"}}",
        "{\"capabilities\":{\"max_data_xfer_size\":0}}",
        "{\"capabilities\":{\"max_data_xfer_size\":9223372036854775807}}",
        "{\"capabilities\":{\"max_data_xfer_size\":9223372036854775808}}",
        "{\"capabilities\":{\"max_msg_fds\":-9223372036854775809}}",
        "{\"capabilities\":{\"max_msg_fds\":\"x\",\"max_data_xfer_size\":\"y\"}}",
        "{\"capabilities\":{\"max_msg_fds\":\"x\",\"max_msg_fds\":3}}",
        "{\"capabilities\":{\"max_msg_fds\":3,\"max_msg_fds\":\"x\"}}",
        "{\"capabilities\":5}", "{\"capabilities\":[]}", "{\"capabilities\":null}",
        "{\"capabilities\":5,\"capabilities\":{\"max_msg_fds\":2}}",
        "{\"capabilities\":{\"max_msg_fds\":2},\"capabilities\":\"no\"}",
        "{\"capabilities\":{\"max_msg_fds\":2,\"migration\":{\"pgsize\":4096}},\"other\":[{}]}",
        "{\"capabilities\":{\"max_msg_fds\":2}} trailing", "{\"capabilities\":{\"max_msg_fds\":2}}}",
        "{\"capabilities\":{\"max_msg_fds\":2}", "{\"capabilities\":{\"max_msg_fds\":2},", "{\"a\":1,}",
        "{\"capabilities\":{\"max_msg_fds\":2}, \"late\": [1, 2}", "{'capabilities':{}}", "{capabilities:{}}",
        "{\"capabilities\":{\"max_msg_fds\":01}}", "{\"capabilities\":{\"max_msg_fds\":+1}}",
        "{\"capabilities\":{\"max_msg_fds\":NaN}}", "\"unterminated", "{\"capabilities\":{\"max_msg_fds\":2}} \u00e9",
        "{\"capabilities\":{\"migcert\":{\"mig_data_read_depth\":4}}}", "{\"capabilities\":{\"migcert\":{}}}",
        "{\"capabilities\":{\"migcert\":{\"mig_data_read_depth\":0}}}",
        "{\"capabilities\":{\"migcert\":{\"mig_data_read_depth\":\"4\",\"other\":[1]}}}",
        "{\"capabilities\":{\"migcert\":4}}", "{\"capabilities\":{\"migcert\":null,\"max_msg_fds\":\"x\"}}",
        "{\"capabilities\":{\"migcert\":{\"mig_data_read_depth\":4},\"migcert\":{}}}",
        "{\"capabilities\":{\"migcert\":{\"mig_data_read_depth\":4},\"migcert\":7}}",
        "{\"capabilities\":{\"migcert\":7,\"migcert\":{\"mig_data_read_depth\":2}}}",
        "{\"capabilities\":{\"max_msg_fds\":\"x\",\"migcert\":{\"mig_data_read_depth\":\"y\"}}}"})
    void readsAsTheTreeModelDid(String json) {
        assertEquals(treeModel(json), streaming(json));
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 1", "1, 1048576, 1", "8, 9223372036854775807, 1", "1, 1048576, 4"})
    void writesWhatTheTreeModelWrote(long fds, long xfer, long depth) throws JsonProcessingException {
        com.fasterxml.jackson.databind.node.ObjectNode top = TREE.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode caps0 = top.putObject("capabilities").put("max_msg_fds", fds)
                .put("max_data_xfer_size", xfer);
        if (depth != Capabilities.SEQUENTIAL) {
            caps0.putObject("migcert").put("mig_data_read_depth", depth);
        }
        byte[] json = TREE.writeValueAsBytes(top);
        byte[] expected = new byte[json.length + 1];
        System.arraycopy(json, 0, expected, 0, json.length);
        Capabilities caps = new Capabilities(fds, xfer, depth);
        assertArrayEquals(expected, caps.toVersionData());
        assertEquals(caps, Capabilities.parse(ByteBuffer.wrap(caps.toVersionData())));
    }

    /** Invalid UTF-8, and what follows a NUL terminator, are read as before too. */
    @ParameterizedTest
    @ValueSource(strings = {"7b22ff223a317d", "7b7d00ff", "00", ""})
    void readsBytesAsTheTreeModelDid(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        String expected = end == 0 ? new Capabilities(Capabilities.DEFAULT_MAX_MSG_FDS,
                Capabilities.DEFAULT_MAX_DATA_XFER_SIZE).toString() : treeModel(text);
        assertEquals(expected, outcome(() -> Capabilities.parse(ByteBuffer.wrap(bytes))));
    }

    private static String streaming(String json) {
        return outcome(() -> Capabilities.parse(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8))));
    }

    private static String outcome(java.util.function.Supplier<Capabilities> parse) {
        try {
            return parse.get().toString();
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    /** The reading this class had before it streamed, as its outcome. */
    private static String treeModel(String json) {
        try {
            JsonNode top;
            try {
                top = TREE.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("version data is not JSON: " + e.getOriginalMessage());
            }
            if (top == null || !top.isObject()) {
                throw new IllegalArgumentException("version data is not a JSON object");
            }
            JsonNode caps = top.get("capabilities");
            if (caps == null) {
                return new Capabilities(Capabilities.DEFAULT_MAX_MSG_FDS, Capabilities.DEFAULT_MAX_DATA_XFER_SIZE)
                        .toString();
            }
            if (!caps.isObject()) {
                throw new IllegalArgumentException("\"capabilities\" is not a JSON object");
            }
            JsonNode ours = caps.get("migcert");
            if (ours != null && !ours.isObject()) {
                throw new IllegalArgumentException("\"migcert\" is not a JSON object");
            }
            return new Capabilities(number(caps, "max_msg_fds", Capabilities.DEFAULT_MAX_MSG_FDS),
                    number(caps, "max_data_xfer_size", Capabilities.DEFAULT_MAX_DATA_XFER_SIZE),
                    ours == null ? Capabilities.SEQUENTIAL : number(ours, "mig_data_read_depth",
                            Capabilities.SEQUENTIAL)).toString();
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
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
}
