package org.migcert.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a results file as bytes, split where {@link java.io.BufferedReader#readLine} splits
 * ({@code \n}, {@code \r} or {@code \r\n}) so that line numbers are those every other reader gives.
 * A line of ASCII can be parsed from its bytes as it is: decoding it and making a String of it took a
 * third of each pass over 100,000 results. One buffer, reused from line to line.
 */
final class ResultLines implements Closeable {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int end;
    /** The last line ended with {@code \r}: a {@code \n} right after it ends nothing. */
    private boolean afterCr;
    private byte[] line = new byte[4096];
    private int length;

    ResultLines(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of the file. */
    boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                int n = in.read(buffer);
                if (n <= 0) {
                    return any;
                }
                pos = 0;
                end = n;
            }
            if (afterCr) {
                afterCr = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int stop = pos;
            while (stop < end && buffer[stop] != '\n' && buffer[stop] != '\r') {
                stop++;
            }
            append(stop);
            any = true;
            if (stop < end) {
                afterCr = buffer[stop] == '\r';
                pos = stop + 1;
                return true;
            }
        }
    }

    private void append(int stop) {
        int n = stop - pos;
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buffer, pos, line, length, n);
        length += n;
        pos = stop;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** Whether every byte is ASCII: then the bytes are the characters, and nothing needs decoding. */
    boolean isAscii() {
        for (int i = 0; i < length; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the line starts with these ASCII characters. */
    boolean startsWith(String ascii) {
        if (length < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (line[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@link String#isBlank()} of an ASCII line: only the characters {@link Character#isWhitespace} accepts. */
    boolean isBlankAscii() {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(line[i])) {
                return false;
            }
        }
        return true;
    }

    /** The line as text; malformed UTF-8 is replaced, as the readers of results files always did. */
    String text() {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
