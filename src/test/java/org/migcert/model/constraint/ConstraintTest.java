package org.migcert.model.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migcert.model.ParamType;
import org.migcert.model.Truth;
import org.migcert.model.Value;

/** The constraint language: what it means, in three-valued logic, and where each mistake is. */
class ConstraintTest {
    static final Map<String, ParamType> TYPES = Map.of("mtu", ParamType.INT, "queues", ParamType.INT, "tso",
            ParamType.BOOL, "csum", ParamType.BOOL, "mode", ParamType.STR, "rx-filter-size", ParamType.INT);

    static Truth eval(String text, Object... nameValue) throws ConstraintException {
        Constraint c = Constraint.parse(text);
        c.check(TYPES);
        Map<String, Value> values = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            Object v = nameValue[i + 1];
            values.put((String) nameValue[i], v instanceof Boolean b ? Value.bool(b) : v instanceof String s
                    ? Value.str(s) : Value.integer(((Number) v).longValue()));
        }
        return c.test(values::get);
    }

    @Test
    void theIssuesExample() throws ConstraintException {
        String k = "not (mtu == 9000 and queues == 4)";
        assertEquals(Truth.FALSE, eval(k, "mtu", 9000, "queues", 4));
        assertEquals(Truth.TRUE, eval(k, "mtu", 9000, "queues", 3));
        assertEquals(Truth.TRUE, eval(k, "mtu", 1500));
        assertEquals(Truth.UNKNOWN, eval(k, "mtu", 9000));
        assertEquals(Truth.UNKNOWN, eval(k));
        assertEquals(Set.of("mtu", "queues"), Constraint.parse(k).names());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mtu != 1500 | TRUE", "mtu < 9000 | FALSE", "mtu <= 9000 | TRUE", "mtu > 1500 | TRUE", "mtu >= 9001 | FALSE",
            "tso | TRUE", "not tso | FALSE", "tso and csum | FALSE", "tso or csum | TRUE", "tso == on | TRUE",
            "csum == false | TRUE", "mode == 'fast' | TRUE", "mode != \"fast\" | FALSE",
            "rx-filter-size >= -1 | TRUE", "not (tso and not csum) | FALSE", "true | TRUE", "(((false))) or tso | TRUE",
            "mtu == queues | FALSE", "not tso or mtu > 100 and queues < 2 | FALSE"})
    void operatorsAndPrecedence(String text, Truth expected) throws ConstraintException {
        assertEquals(expected, eval(text, "mtu", 9000, "queues", 4, "tso", true, "csum", false, "mode", "fast",
                "rx-filter-size", 0));
    }

    @Test
    void unknownMakesAndAndOrWaitOnlyWhenTheyMust() throws ConstraintException {
        assertEquals(Truth.FALSE, eval("tso and mtu == 1", "tso", false));
        assertEquals(Truth.TRUE, eval("tso or mtu == 1", "tso", true));
        assertEquals(Truth.UNKNOWN, eval("tso and mtu == 1", "tso", true));
    }

    /** Each mistake is found at its character, with what to write instead. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mtu = 9000 | 4 | compare with '=='",
            "mtu == 9000 && tso | 12 | write 'and'",
            "not (mtu == 9000 | 16 | expected ')' to close the '(' at character 5",
            "mtu == | 6 | expected a parameter name, a value or '('",
            "mtu 9000 | 4 | expected a comparison",
            "mtu == 9000 tso | 12 | after a complete condition",
            "mode == 'fast | 8 | no closing '",
            "mtu == 9000 # x | 12 | unexpected character '#'",
            "'' | 0 | empty",
            "mtu == 99999999999999999999 | 7 | does not fit a 64-bit int",
            "mtu == 9k | 7 | neither a number nor a parameter name"})
    void syntaxErrors(String text, int offset, String says) {
        ConstraintException e = assertThrows(ConstraintException.class, () -> Constraint.parse(text.equals("''") ? ""
                : text));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mtuu == 9000 | 0 | unknown parameter 'mtuu' | mtuu",
            "mode == fast | 8 | unknown parameter 'fast' | fast",
            "mtu == 'big' | 7 | cannot compare 'mtu' (int) with 'big' (str); mtu takes values like 4 |",
            "tso == 1 | 7 | cannot compare 'tso' (bool) with 1 (int) |",
            "mode < 'b' | 5 | '<' orders ints only |",
            "mtu | 0 | 'mtu' is an int, not a bool: compare it, as in mtu == 4 |"})
    void namesAndTypesAreCheckedAgainstTheModel(String text, int offset, String says, String unknown) {
        ConstraintException e = assertThrows(ConstraintException.class, () -> Constraint.parse(text).check(TYPES));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertEquals(Optional.ofNullable(unknown), e.unknownName());
    }

    @Test
    void deepNestingAndLongTextAreRefusedNotFollowed() {
        String deep = "(".repeat(100) + "tso" + ")".repeat(100);
        ConstraintException e = assertThrows(ConstraintException.class, () -> Constraint.parse(deep));
        assertTrue(e.getMessage().contains("nested more than 64 deep"), e.getMessage());
        String longText = "tso or ".repeat(200) + "tso";
        assertTrue(assertThrows(ConstraintException.class, () -> Constraint.parse(longText)).getMessage()
                .contains("longer than 1000 characters"));
    }
}
