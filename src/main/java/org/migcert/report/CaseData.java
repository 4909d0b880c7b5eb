package org.migcert.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import org.migcert.rules.CaseResult;

/**
 * The case list of {@code report.html} as data: every case as one JSON array of display strings, the
 * whole a JSON array, gzip'ed and base64'ed, written as the cases stream by. The page's script
 * expands it with the browser's {@code DecompressionStream} when the list is opened.
 *
 * <p>The fields of one case, in order: id, verdict, verdict label, rules (space-separated), suite,
 * title, source and destination, configuration, expected, observed (with where), duration in ms,
 * because, blocked by, evidence, rerun command. The page's script reads them by position.
 */
final class CaseData {
    /** Escapes {@code < > &} as {@code \u003c} and so on, beside what JSON escapes anyway. */
    private static final CharacterEscapes MARKUP_ESCAPES = new CharacterEscapes() {
        private final int[] table = markupEscapes();

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    };

    private CaseData() {
    }

    private static int[] markupEscapes() {
        int[] t = CharacterEscapes.standardAsciiEscapesForJSON();
        t['<'] = CharacterEscapes.ESCAPE_STANDARD;
        t['>'] = CharacterEscapes.ESCAPE_STANDARD;
        t['&'] = CharacterEscapes.ESCAPE_STANDARD;
        return t;
    }

    /** Writes every case of {@code cases} to {@code out} as base64 text (no line breaks). */
    static void write(Writer out, CaseSource cases) throws IOException {
        OutputStream base64 = Base64.getEncoder().wrap(new AsciiOutput(out));
        // The default level: the best one makes the page 4% smaller and takes a third longer.
        GZIPOutputStream gzip = new GZIPOutputStream(base64, 1 << 16);
        // Closing the generator closes the chain down to AsciiOutput, which flushes but leaves out open.
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(new OutputStreamWriter(gzip, StandardCharsets.UTF_8))) {
            g.setCharacterEscapes(MARKUP_ESCAPES);
            g.writeStartArray();
            cases.forEach(r -> writeCase(g, r));
            g.writeEndArray();
        }
    }

    private static void writeCase(JsonGenerator g, CaseResult r) throws IOException {
        g.writeStartArray();
        g.writeString(r.id());
        g.writeString(r.verdict().name());
        g.writeString(Text.label(r.verdict()));
        g.writeString(String.join(" ", r.rules().stream().map(Text::orEmpty).toList()));
        g.writeString(Summary.suiteOf(r));
        g.writeString(r.title() == null ? r.id() : r.title());
        g.writeString(Text.orEmpty(r.source()) + (r.destination() == null ? "" : " \u2192 " + r.destination()));
        g.writeString(Text.orEmpty(r.configuration()));
        g.writeString(r.expected() == null ? "" : r.expected().name());
        g.writeString((r.observed() == null ? "" : r.observed().name()) + (r.phase() == null ? "" : " in " + Text.where(r)));
        g.writeNumber(r.durationMs());
        g.writeString(blankAsEmpty(r.because()));
        g.writeString(Text.orEmpty(r.blockedBy()));
        g.writeString(blankAsEmpty(r.evidence()));
        g.writeString(blankAsEmpty(r.rerun()));
        g.writeEndArray();
    }

    private static String blankAsEmpty(String s) {
        return s == null || s.isBlank() ? "" : s;
    }

    /** Base64's bytes, which are ASCII, as characters of the page; close flushes and leaves the page open. */
    private static final class AsciiOutput extends OutputStream {
        private final Writer page;

        AsciiOutput(Writer page) {
            this.page = page;
        }

        @Override
        public void write(int b) throws IOException {
            page.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            char[] chars = new char[len];
            for (int i = 0; i < len; i++) {
                chars[i] = (char) b[off + i];
            }
            page.write(chars);
        }

        @Override
        public void close() throws IOException {
            page.flush();
        }
    }
}
