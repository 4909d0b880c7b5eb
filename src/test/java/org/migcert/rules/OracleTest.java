package org.migcert.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migcert.model.Configuration;
import org.migcert.model.InfoException;
import org.migcert.model.MigrationInfo;
import org.migcert.model.MigrationInfoJson;
import org.migcert.model.ModelInfo;
import org.migcert.model.Value;

/** COMPAT-1 on the refnic family: 1.0 (mtu), 1.1 (+ rx-filter-size off 0), 1.2 (+ csum-offload, rx-filter-size 0-64). */
class OracleTest {
    static final String MODEL = "example.org/refnic";
    static final String MTU = "\"mtu\":{\"type\":\"int\",\"init_value\":1500,\"allowed_values\":[1500,9000]}";
    static final MigrationInfo V10 = info("{" + MTU + "}");
    static final MigrationInfo V11 = info("{" + MTU
            + ",\"rx-filter-size\":{\"type\":\"int\",\"init_value\":0,\"off_value\":0,\"allowed_values\":[0,16,32]}}");
    static final MigrationInfo V12 = info("{" + MTU
            + ",\"rx-filter-size\":{\"type\":\"int\",\"init_value\":0,\"off_value\":0,\"allowed_values\":[\"0-64\"]}"
            + ",\"csum-offload\":{\"type\":\"bool\",\"init_value\":false,\"off_value\":false}}");

    static MigrationInfo info(String params) {
        try {
            return MigrationInfoJson.parse("{\"models\":{\"" + MODEL + "\":{\"params\":" + params + "}}}", "test");
        } catch (InfoException e) {
            throw new AssertionError(e);
        }
    }

    static ModelInfo m(MigrationInfo i) {
        return i.model(MODEL).orElseThrow();
    }

    static Configuration full(MigrationInfo i, String text) {
        return m(i).complete(Configuration.parse(text, m(i)));
    }

    static Configuration cfg(MigrationInfo i, String text) {
        return Configuration.parse(text, m(i));
    }

    @Test
    void forwardEveryConfigurationOfOlderMigratesToNewer() {
        for (MigrationInfo[] pair : new MigrationInfo[][] {{V10, V11}, {V10, V12}, {V11, V12}}) {
            for (Configuration c : m(pair[0]).exhaustiveConfigurations()) {
                Oracle.Decision d = Oracle.decide(m(pair[0]), c, pair[1]);
                assertTrue(d.possible(), c + ": " + d.reason());
                assertEquals(Expected.MIGRATES, d.expectation().outcome());
                assertEquals(d.reason(), d.expectation().because());
            }
        }
    }

    @Test
    void forwardDestinationTurnsItsNewParametersOff() {
        Oracle.Decision d = Oracle.decide(m(V10), full(V10, "mtu=9000"), V12);
        assertEquals(cfg(V10, "mtu=9000"), d.parameterList());
        assertEquals(cfg(V12, "csum-offload=off,mtu=9000,rx-filter-size=0"), d.destination());
        Oracle.Decision d2 = Oracle.decide(m(V11), full(V11, "rx-filter-size=32"), V12);
        assertTrue(d2.possible(), d2.reason());
        assertEquals(cfg(V12, "mtu=1500,rx-filter-size=32"), d2.parameterList());
        assertEquals(cfg(V12, "csum-offload=off,mtu=1500,rx-filter-size=32"), d2.destination());
    }

    @Test
    void backwardAtOffMigrates() {
        Oracle.Decision d = Oracle.decide(m(V12), full(V12, "mtu=9000"), V10);
        assertTrue(d.possible(), d.reason());
        assertEquals(cfg(V10, "mtu=9000"), d.parameterList(), "rx-filter-size=0 and csum-offload=off are not listed");
        assertEquals(cfg(V10, "mtu=9000"), d.destination());
        assertTrue(Oracle.decide(m(V12), full(V12, "rx-filter-size=16"), V11).possible());
        assertTrue(Oracle.decide(m(V12), full(V12, "rx-filter-size=32,csum-offload=off"), V11).possible());
    }

    @Test
    void backwardWithAParameterTheOlderDoesNotKnowIsRefusedNamingIt() {
        Oracle.Decision d = Oracle.decide(m(V11), full(V11, "rx-filter-size=16"), V10);
        assertFalse(d.possible());
        assertEquals(Expected.REFUSED_AT_CREATE, d.expectation().outcome());
        assertTrue(d.reason().contains("rx-filter-size=16"), d.reason());
        assertTrue(d.reason().contains("unknown"), d.reason());
        assertFalse(d.reason().contains("mtu"), "only the offending parameter: " + d.reason());

        Oracle.Decision c = Oracle.decide(m(V12), full(V12, "csum-offload=on"), V11);
        assertFalse(c.possible());
        assertTrue(c.reason().contains("csum-offload"), c.reason());
    }

    @Test
    void backwardWithAValueTheOlderDoesNotAllowIsRefusedNamingIt() {
        Oracle.Decision d = Oracle.decide(m(V12), full(V12, "rx-filter-size=48"), V11);
        assertFalse(d.possible());
        assertTrue(d.reason().contains("rx-filter-size=48"), d.reason());
        assertTrue(d.reason().contains("not allowed"), d.reason());
        assertTrue(d.reason().contains("[0, 16, 32]"), "says what is allowed: " + d.reason());
        assertEquals(cfg(V11, "mtu=1500,rx-filter-size=48"), d.destination(), "what creation would be tried with");
    }

    @Test
    void everyProblemIsReported() {
        Oracle.Decision d = Oracle.decide(m(V12), full(V12, "rx-filter-size=64,csum-offload=on"), V11);
        assertFalse(d.possible());
        assertTrue(d.reason().contains("rx-filter-size=64") && d.reason().contains("csum-offload"), d.reason());
    }

    @Test
    void disallowedValueOfASharedParameter() {
        MigrationInfo wideMtu = info("{\"mtu\":{\"type\":\"int\",\"init_value\":1500,\"allowed_values\":[\"576-9216\"]}}");
        Oracle.Decision d = Oracle.decide(m(wideMtu), full(wideMtu, "mtu=1234"), V12);
        assertFalse(d.possible());
        assertTrue(d.reason().contains("mtu=1234"), d.reason());
        assertTrue(Oracle.decide(m(wideMtu), full(wideMtu, "mtu=9000"), V12).possible());
    }

    @Test
    void wrongTypeAtTheDestinationIsNotAllowed() {
        MigrationInfo strMtu = info("{\"mtu\":{\"type\":\"str\",\"init_value\":\"1500\"}}");
        Oracle.Decision d = Oracle.decide(m(V10), full(V10, "mtu=1500"), strMtu);
        assertFalse(d.possible(), "int 1500 is not the str \"1500\"");
        assertTrue(d.reason().contains("mtu"), d.reason());
    }

    @Test
    void sameVersionAlwaysMigrates() {
        for (MigrationInfo i : new MigrationInfo[] {V10, V11, V12}) {
            for (Configuration c : m(i).exhaustiveConfigurations()) {
                Oracle.Decision d = Oracle.decide(m(i), c, i);
                assertTrue(d.possible(), c + ": " + d.reason());
                assertEquals(c, d.destination());
            }
        }
    }

    @Test
    void unknownModelIsRefusedNamingBothModels() {
        MigrationInfo other = new MigrationInfo(Map.of("example.org/othernic", m(V12)));
        Oracle.Decision d = Oracle.decide(m(V12), m(V12).initial(), other);
        assertFalse(d.possible());
        assertTrue(d.reason().contains(MODEL) && d.reason().contains("example.org/othernic"), d.reason());
        assertNull(d.destination());
        assertEquals(Expected.REFUSED_AT_CREATE, d.expectation().outcome());
    }

    @Test
    void destinationImplementingSeveralModelsIsMatchedByModelId() {
        MigrationInfo multi = new MigrationInfo(Map.of("example.org/othernic",
                new ModelInfo("example.org/othernic", Map.of()), MODEL, m(V11)));
        assertTrue(Oracle.decide(m(V10), full(V10, "mtu=9000"), multi).possible());
    }

    @Test
    void decisionValuesAreTyped() {
        Oracle.Decision d = Oracle.decide(m(V12), full(V12, "csum-offload=on"), V12);
        assertEquals(Value.bool(true), d.destination().get("csum-offload"));
    }
}
