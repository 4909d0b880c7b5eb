package org.migcert.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
    static final ModelInfo REFNIC = new ModelInfo("example.org/refnic", Map.of(
            "mtu", new ParamSpec("mtu", ParamType.INT, Value.integer(1500), Optional.empty(), Optional.empty(), ""),
            "csum-offload", new ParamSpec("csum-offload", ParamType.BOOL, Value.bool(false), Optional.of(Value.bool(false)),
                    Optional.empty(), ""),
            "mode", new ParamSpec("mode", ParamType.STR, Value.str("fast"), Optional.empty(), Optional.empty(), "")));

    @Test
    void canonicalTextIsSortedByNameWhateverTheInsertionOrder() {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("mtu", Value.integer(9000));
        m.put("csum-offload", Value.bool(true));
        m.put("mode", Value.str("slow"));
        Configuration c = new Configuration(m);
        assertEquals("csum-offload=on,mode=slow,mtu=9000", c.canonical());
        assertEquals(List.of("csum-offload", "mode", "mtu"), List.copyOf(c.asText().keySet()));
        assertEquals(c, Configuration.EMPTY.with("mode", Value.str("slow")).with("mtu", Value.integer(9000))
                .with("csum-offload", Value.bool(true)));
        assertEquals(c.hashCode(), new Configuration(Map.copyOf(m)).hashCode());
        assertEquals("csum-offload=off", Configuration.EMPTY.with("csum-offload", Value.bool(false)).canonical());
    }

    @Test
    void emptyIsDash() {
        assertEquals("-", Configuration.EMPTY.canonical());
        assertEquals("-", new Configuration(Map.of()).toString());
        assertEquals("-", Configuration.EMPTY.with("mtu", Value.integer(1)).without("mtu").canonical());
        assertSame(Configuration.EMPTY, Configuration.parse("-", REFNIC));
        assertEquals(Configuration.EMPTY, Configuration.parse("", REFNIC));
    }

    @Test
    void parseInvertsCanonical() {
        Configuration c = Configuration.EMPTY.with("mtu", Value.integer(9000)).with("csum-offload", Value.bool(true))
                .with("mode", Value.str("a-b.c"));
        assertEquals(c, Configuration.parse(c.canonical(), REFNIC));
        assertEquals(c, Configuration.parse("mtu=9000, csum-offload=true ,mode=a-b.c", REFNIC));
    }

    @Test
    void aStringValueHoldingTheTextsOwnCharactersIsEncodedSoNoTwoConfigurationsShareAText() {
        // Without encoding both would read mode=x,mtu=1: a device's info chooses its string values.
        Configuration hostile = Configuration.EMPTY.with("mode", Value.str("x,mtu=1"));
        Configuration plain = Configuration.EMPTY.with("mode", Value.str("x")).with("mtu", Value.integer(1));
        assertEquals("mode=x%2Cmtu%3D1", hostile.canonical());
        assertNotEquals(plain.canonical(), hostile.canonical());
        for (String s : List.of("x,mtu=1", "100%", " padded ", "a (version=1)", "tab\tnew\nline\u007f", "ünï", "")) {
            Configuration c = Configuration.EMPTY.with("mode", Value.str(s));
            assertEquals(c, Configuration.parse(c.canonical(), REFNIC), s);
        }
        assertEquals("mode=a-b.c_d/e:f", Configuration.EMPTY.with("mode", Value.str("a-b.c_d/e:f")).canonical());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Configuration.parse("mode=50%", REFNIC));
        assertTrue(e.getMessage().contains("'%' at 2"), e.getMessage());
    }

    @Test
    void immutable() {
        Configuration c = Configuration.EMPTY.with("mtu", Value.integer(1));
        assertThrows(UnsupportedOperationException.class, () -> c.values().put("x", Value.integer(2)));
        Configuration d = c.with("mtu", Value.integer(2));
        assertEquals(Value.integer(1), c.get("mtu"));
        assertNotEquals(c, d);
    }

    private static void assertParseError(String text, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Configuration.parse(text, REFNIC));
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "'" + m + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void parseErrorsNameTheOffendingPair() {
        assertParseError("mtu=1500,csum-offload", "'csum-offload'", "name=value");
        assertParseError("mtu=1500,=on", "'=on'");
        assertParseError("mtu=1500,colour=red", "'colour=red'", "unknown parameter 'colour'", "example.org/refnic",
                "csum-offload, mode, mtu");
        assertParseError("mtu=big", "'mtu=big'", "'big' is not an int");
        assertParseError("csum-offload=2,mtu=1500", "'csum-offload=2'", "not a bool");
    }
}
