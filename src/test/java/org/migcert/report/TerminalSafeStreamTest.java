package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Nothing written through the console filter can drive a terminal; text, including non-ASCII, passes unchanged. */
class TerminalSafeStreamTest {
    private static String through(byte[]... writes) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (TerminalSafeStream s = new TerminalSafeStream(sink)) {
            for (byte[] w : writes) {
                s.write(w, 0, w.length);
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapeSequencesAndControlsBecomeVisible() throws IOException {
        assertEquals("clear?[2J bell? del? c1? rtl?x\n\ttab",
                through("clear\u001b[2J bell\u0007 del\u007f c1\u009b rtl\u202ex\n\ttab".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCharacterSplitAcrossWritesSurvives() throws IOException {
        byte[] e = "é中😀".getBytes(StandardCharsets.UTF_8);
        byte[][] oneByteEach = new byte[e.length][];
        for (int i = 0; i < e.length; i++) {
            oneByteEach[i] = new byte[] {e[i]};
        }
        assertEquals("é中😀", through(oneByteEach));
    }
}
