package org.migcert.suites;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.migcert.manifest.StateFormat;
import org.migcert.rules.Expected;
import org.migcert.state.Mgst;
import org.migcert.state.StateMutation;

/**
 * What FSM-5 and MODEL-1 feed a device is derived from its own real state, so that it is never a
 * legitimate state by accident: another length, a broken MGST structure, or, for an opaque format,
 * same-length data graded like a bit flip. An empty real state leaves nothing incomplete to refuse.
 */
class DerivedStatesTest {
    /** An opaque state of exactly the 64 bytes the suite once fed as garbage. */
    private static final byte[] RAW_64 = filled(64, (byte) 0x11);

    @Test
    void invalidDataHasAnotherLengthForAnOpaqueFormat() {
        byte[] invalid = BadData.INVALID.from(RAW_64, StateFormat.OPAQUE);
        assertEquals(64 + BadData.GARBAGE_BYTES, invalid.length);
        assertArrayEquals(RAW_64, Arrays.copyOf(invalid, 64), "the real state, then garbage");
        assertEquals(Expected.REJECTED, BadData.INVALID.expectation(StateFormat.OPAQUE).outcome());
    }

    @Test
    void sameLengthGarbageIsGradedLikeABitFlipAndOnlyForOpaqueFormats() {
        assertEquals(64, BadData.SAME_LENGTH_GARBAGE.from(RAW_64, StateFormat.OPAQUE).length);
        assertEquals(Expected.SURVIVES, BadData.SAME_LENGTH_GARBAGE.expectation(StateFormat.OPAQUE).outcome());
        assertTrue(BadData.SAME_LENGTH_GARBAGE.appliesTo(StateFormat.OPAQUE));
        assertFalse(BadData.SAME_LENGTH_GARBAGE.appliesTo(StateFormat.MGST));
    }

    @Test
    void invalidDataBreaksTheStructureOfAnMgstState() {
        byte[] real = filled(40, (byte) 0);
        System.arraycopy(Mgst.MAGIC, 0, real, 0, Mgst.MAGIC.length);
        byte[] invalid = BadData.INVALID.from(real, StateFormat.MGST);
        assertEquals(real.length, invalid.length);
        assertFalse(Arrays.equals(Mgst.MAGIC, Arrays.copyOf(invalid, Mgst.MAGIC.length)), "no MGST header");
        assertArrayEquals(Arrays.copyOfRange(real, 4, 40), Arrays.copyOfRange(invalid, 4, 40));
    }

    @Test
    void anEmptyRealStateLeavesNothingIncompleteToRefuse() {
        for (BadData kind : new BadData[] {BadData.INCOMPLETE, BadData.EMPTY, BadData.SAME_LENGTH_GARBAGE}) {
            Check.NotApplicable e = assertThrows(Check.NotApplicable.class, () -> kind.from(new byte[0],
                    StateFormat.OPAQUE), kind.name());
            assertTrue(e.getMessage().startsWith("the real state is empty"), e.getMessage());
        }
        assertEquals(BadData.GARBAGE_BYTES, BadData.INVALID.from(new byte[0], StateFormat.OPAQUE).length,
                "garbage alone is still another length than nothing");
        assertEquals(32, BadData.INCOMPLETE.from(RAW_64, StateFormat.OPAQUE).length);
        assertEquals(0, BadData.EMPTY.from(RAW_64, StateFormat.OPAQUE).length);
    }

    @Test
    void aForeignStateForAnOpaqueFormatHasTheLengthAsked() throws IOException {
        int foreign = fed(ForeignState.state(), 10).length;
        assertEquals(foreign + 1, fed(ForeignState.otherLength(foreign), 10).length, "never the real state's length");
        assertEquals(foreign, fed(ForeignState.otherLength(5000), 10).length);
        byte[] same = fed(ForeignState.sameLength(5000), 10);
        assertEquals(5000, same.length);
        assertArrayEquals(fed(ForeignState.state(), 0), Arrays.copyOf(same, foreign), "the foreign model's state, repeated");
        assertThrows(Check.NotApplicable.class, () -> ForeignState.sameLength(0));
    }

    /** What a mutation gives a destination for a source state of {@code size} bytes. */
    private static byte[] fed(StateMutation m, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.apply(new ByteArrayInputStream(new byte[size]), out);
        return out.toByteArray();
    }

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        Arrays.fill(a, b);
        return a;
    }
}
