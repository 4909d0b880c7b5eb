package org.migcert.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationInfoJsonTest {
    static final String ORIGIN = "refnic-1.2 --print-migration-info-json";
    static final String MODEL = "example.org/refnic";

    static MigrationInfo sample() {
        Map<String, ParamSpec> p = new LinkedHashMap<>();
        p.put("mtu", new ParamSpec("mtu", ParamType.INT, Value.integer(1500), Optional.empty(),
                Optional.of(new AllowedValues(List.of(Value.integer(1500), Value.integer(9000)), List.of())), "frame size"));
        p.put("rx-filter-size", new ParamSpec("rx-filter-size", ParamType.INT, Value.integer(0),
                Optional.of(Value.integer(0)), Optional.of(new AllowedValues(List.of(Value.integer(128)),
                List.of(new AllowedValues.Range(0, 64), new AllowedValues.Range(-8, -2)))), ""));
        p.put("csum-offload", new ParamSpec("csum-offload", ParamType.BOOL, Value.bool(false),
                Optional.of(Value.bool(false)), Optional.empty(), "checksum offload"));
        p.put("mode", new ParamSpec("mode", ParamType.STR, Value.str("fast"), Optional.of(Value.str("legacy")),
                Optional.of(new AllowedValues(List.of(Value.str("fast"), Value.str("legacy")), List.of())), ""));
        Map<String, ModelInfo> models = new LinkedHashMap<>();
        models.put(MODEL, new ModelInfo(MODEL, p));
        models.put("example.org/other", new ModelInfo("example.org/other", Map.of()));
        return new MigrationInfo(models);
    }

    @Test
    void roundTripWriteThenParseGivesEqualInfo() throws InfoException {
        MigrationInfo info = sample();
        String json = MigrationInfoJson.write(info);
        MigrationInfo back = MigrationInfoJson.parse(json, ORIGIN);
        assertEquals(info, back);
        assertEquals(json, MigrationInfoJson.write(back), "writing is deterministic");
        ParamSpec rx = back.model(MODEL).orElseThrow().param("rx-filter-size").orElseThrow();
        assertEquals(List.of(new AllowedValues.Range(0, 64), new AllowedValues.Range(-8, -2)),
                rx.allowedValues().orElseThrow().ranges());
        assertTrue(rx.allows(Value.integer(-5)));
        assertTrue(rx.allows(Value.integer(128)));
        assertTrue(!rx.allows(Value.integer(65)));
        assertEquals("checksum offload", back.model(MODEL).orElseThrow().param("csum-offload").orElseThrow().description());
        assertEquals(Optional.empty(), back.model(MODEL).orElseThrow().param("mtu").orElseThrow().offValue());
        assertTrue(json.contains("\"0-64\""), json);
        assertTrue(json.contains("\"-8--2\""), json);
    }

    @Test
    void readsOnOffBoolsRangesAndAbsentParams() throws InfoException {
        MigrationInfo info = MigrationInfoJson.parse("""
                {"models":{"example.org/refnic":{"params":{
                  "csum-offload":{"type":"bool","init_value":"off","off_value":false,"allowed_values":["on","off"]},
                  "rx-filter-size":{"type":"int","init_value":0,"off_value":0,"allowed_values":["0-64"]}}},
                  "example.org/bare":{}}}""", ORIGIN);
        ParamSpec c = info.model(MODEL).orElseThrow().param("csum-offload").orElseThrow();
        assertEquals(Value.bool(false), c.initValue());
        assertTrue(c.allows(Value.bool(true)));
        assertEquals(List.of(Value.integer(0), Value.integer(32), Value.integer(64)),
                info.model(MODEL).orElseThrow().param("rx-filter-size").orElseThrow().candidateValues());
        assertTrue(info.model("example.org/bare").orElseThrow().params().isEmpty());
    }

    private static String info(String param, String spec) {
        return "{\"models\":{\"" + MODEL + "\":{\"params\":{\"" + param + "\":" + spec + "}}}}";
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("missing init_value", info("mtu", "{\"type\":\"int\",\"allowed_values\":[1500]}"),
                        List.of(MODEL, "'mtu'", "init_value", "required")),
                Arguments.of("bad type", info("mtu", "{\"type\":\"float\",\"init_value\":1}"),
                        List.of(MODEL, "'mtu'", "\"float\"", "use \"bool\", \"int\" or \"str\"")),
                Arguments.of("missing type", info("mtu", "{\"init_value\":1}"),
                        List.of(MODEL, "'mtu'", "\"type\"")),
                Arguments.of("init not in allowed_values",
                        info("mtu", "{\"type\":\"int\",\"init_value\":1234,\"allowed_values\":[1500,9000]}"),
                        List.of(MODEL, "'mtu'", "1234", "[1500, 9000]")),
                Arguments.of("off not in allowed_values",
                        info("rx", "{\"type\":\"int\",\"init_value\":16,\"off_value\":0,\"allowed_values\":[16,32]}"),
                        List.of(MODEL, "'rx'", "off_value 0")),
                Arguments.of("empty range 5-1",
                        info("rx", "{\"type\":\"int\",\"init_value\":0,\"allowed_values\":[0,\"5-1\"]}"),
                        List.of(MODEL, "'rx'", "5-1", "allowed_values")),
                Arguments.of("abc in an int list",
                        info("rx", "{\"type\":\"int\",\"init_value\":0,\"allowed_values\":[0,\"abc\"]}"),
                        List.of(MODEL, "'rx'", "'abc'", "min-max")),
                Arguments.of("range overflowing 64 bits",
                        info("rx", "{\"type\":\"int\",\"init_value\":0,\"allowed_values\":[\"0-99999999999999999999\"]}"),
                        List.of(MODEL, "'rx'", "0-99999999999999999999")),
                Arguments.of("bool given as 2", info("csum", "{\"type\":\"bool\",\"init_value\":2}"),
                        List.of(MODEL, "'csum'", "init_value", "2 is not a bool")),
                Arguments.of("int given as string", info("mtu", "{\"type\":\"int\",\"init_value\":\"1500\"}"),
                        List.of(MODEL, "'mtu'", "\"1500\"", "not an int")),
                Arguments.of("int given as a fraction", info("mtu", "{\"type\":\"int\",\"init_value\":1.5}"),
                        List.of(MODEL, "'mtu'", "1.5", "not an int")),
                Arguments.of("str given as number", info("mode", "{\"type\":\"str\",\"init_value\":3}"),
                        List.of(MODEL, "'mode'", "3", "not a string")),
                Arguments.of("empty allowed_values", info("mtu", "{\"type\":\"int\",\"init_value\":1,\"allowed_values\":[]}"),
                        List.of(MODEL, "'mtu'", "allowed_values", "[]")),
                Arguments.of("parameter not an object", info("mtu", "[1500]"),
                        List.of(MODEL, "'mtu'", "[1500]")),
                Arguments.of("bad parameter name", info("mtu size", "{\"type\":\"int\",\"init_value\":1}"),
                        List.of(MODEL, "'mtu size'")),
                Arguments.of("model id with scheme",
                        "{\"models\":{\"https://example.org/refnic\":{\"params\":{}}}}",
                        List.of("'https://example.org/refnic'", "scheme", "example.org/refnic")),
                Arguments.of("params not an object", "{\"models\":{\"" + MODEL + "\":{\"params\":[\"mtu\"]}}}",
                        List.of(MODEL, "\"params\"", "[\"mtu\"]")),
                Arguments.of("no models", "{\"model\":{}}", List.of("\"models\"")),
                Arguments.of("not an object", "[1,2]", List.of("JSON object")),
                Arguments.of("not JSON", "{\"models\": {", List.of("not JSON", "line 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInfoIsRefusedNamingOriginModelParameterAndValue(String name, String json, List<String> mentions) {
        InfoException e = assertThrows(InfoException.class, () -> MigrationInfoJson.parse(json, ORIGIN));
        assertTrue(e.getMessage().startsWith(ORIGIN + ": "), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "'" + m + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void tooLargeInputIsRefusedBeforeParsing() {
        String huge = "{\"models\":{\"" + MODEL + "\":{\"params\":{},\"pad\":\"" + "x".repeat(MigrationInfoJson.MAX_CHARS)
                + "\"}}}";
        InfoException e = assertThrows(InfoException.class, () -> MigrationInfoJson.parse(huge, ORIGIN));
        assertTrue(e.getMessage().startsWith(ORIGIN + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(huge.length())), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(MigrationInfoJson.MAX_CHARS)), e.getMessage());
    }

    @Test
    void deeplyNestedInputIsAnInfoExceptionNotAStackOverflow() {
        String deep = "{\"models\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        InfoException e = assertThrows(InfoException.class, () -> MigrationInfoJson.parse(deep, ORIGIN));
        assertTrue(e.getMessage().startsWith(ORIGIN + ": "), e.getMessage());
    }
}
