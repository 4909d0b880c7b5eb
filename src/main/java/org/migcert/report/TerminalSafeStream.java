package org.migcert.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The console as migcert writes to it: UTF-8 text in which every control character or escape
 * sequence (from a device's stderr, a manifest value, a case id) is shown as '?', so nothing a
 * device prints can clear the screen, move the cursor or reorder a line. Bytes are decoded as they
 * come; a character split across two writes is kept until its last byte arrives.
 */
public final class TerminalSafeStream extends OutputStream {
    private final OutputStream out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    public TerminalSafeStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int at = off;
        int end = off + len;
        while (at < end) {
            int n = Math.min(pending.remaining(), end - at);
            pending.put(b, at, n);
            at += n;
            drain(false);
        }
    }

    private void drain(boolean endOfInput) throws IOException {
        pending.flip();
        while (true) {
            chars.clear();
            boolean more = decoder.decode(pending, chars, endOfInput).isOverflow();
            chars.flip();
            StringBuilder safe = new StringBuilder(chars.length());
            chars.toString().codePoints().forEach(cp -> safe.appendCodePoint(Text.terminalSafe(cp)));
            out.write(safe.toString().getBytes(StandardCharsets.UTF_8));
            if (!more) {
                break;
            }
        }
        pending.compact(); // keeps the first bytes of a character not complete yet
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        drain(true);
        out.close();
    }
}
