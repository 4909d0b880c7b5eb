package org.migcert.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.migcert.rules.CaseResult;

/**
 * A {@code results.jsonl} file read as a stream of {@link CaseResult}s, one JSON object per line,
 * between the {@link RunRecord.Plan} it starts with and the {@link RunRecord.End} it finishes with.
 * Lines that cannot be read (a torn last line after a crash, a garbled line) are reported with their
 * line number and skipped: one lost line must not cost the rest of the run.
 */
public final class ResultsFile implements CaseSource {
    /** How a run record's line starts. */
    private static final String RECORD = "{\"record\"";

    /**
     * A line that could not be read as a case.
     *
     * @param line    1-based line number
     * @param problem what is wrong with it
     * @param torn    whether it is the last line and the file does not end with a newline, i.e. the
     *                writer most likely died while writing it
     */
    public record BadLine(long line, String problem, boolean torn) {
        @Override
        public String toString() {
            return "line " + line + ": " + (torn ? "torn last line (the run probably stopped while writing it): " : "")
                    + problem;
        }
    }

    /** The run records of a file: its plan and its end, each absent when the file lacks it. */
    public record Records(java.util.Optional<RunRecord.Plan> plan, java.util.Optional<RunRecord.End> end) {
        /** Whether the run finished and says every planned case ran. */
        public boolean complete() {
            return end.map(RunRecord.End::complete).orElse(false) && plan.isPresent();
        }
    }

    /** Everything in a results file, for callers that do want it in memory. */
    public record Contents(List<CaseResult> cases, List<BadLine> badLines) {
        public Contents {
            cases = List.copyOf(cases);
            badLines = List.copyOf(badLines);
        }
    }

    /** What a file held when it was read once: its cases and run records in file order, and its bad lines. */
    private record Loaded(List<Object> entries, List<BadLine> bad) {
    }

    private final Path path;
    private final Loaded loaded; // null: the file is read again on every walk

    public ResultsFile(Path path) {
        this(path, null);
    }

    private ResultsFile(Path path, Loaded loaded) {
        this.path = path;
        this.loaded = loaded;
    }

    /**
     * This file parsed once and walked from memory after that, when it is at most {@code maxBytes}
     * long (reports walk a run's results many times, and parsing dominates their cost); a larger
     * file is returned as it is, read again on each walk, so memory stays bounded. The copy does not
     * see lines appended later.
     */
    public ResultsFile loaded(long maxBytes) throws IOException {
        if (loaded != null || Files.size(path) > maxBytes) {
            return this;
        }
        List<Object> entries = new ArrayList<>();
        List<BadLine> bad = scan(entries::add, entries::add, true);
        return new ResultsFile(path, new Loaded(List.copyOf(entries), List.copyOf(bad)));
    }

    public Path path() {
        return path;
    }

    /** Reads the whole file into memory. */
    public static Contents readAll(Path path) throws IOException {
        List<CaseResult> cases = new ArrayList<>();
        List<BadLine> bad = new ResultsFile(path).read(cases::add);
        return new Contents(cases, bad);
    }

    /**
     * Streams every readable case to {@code sink} in file order.
     *
     * @return the lines that could not be read, in order
     */
    public List<BadLine> read(Sink sink) throws IOException {
        return scan(sink, r -> { }, true);
    }

    /** The plan and end records, read in one pass (case lines are not even parsed). */
    public Records records() throws IOException {
        RunRecord[] found = new RunRecord[2];
        scan(c -> { }, r -> found[r instanceof RunRecord.Plan ? 0 : 1] = r, false);
        return new Records(java.util.Optional.ofNullable((RunRecord.Plan) found[0]),
                java.util.Optional.ofNullable((RunRecord.End) found[1]));
    }

    /** @param cases whether case lines are parsed and handed to {@code sink}, or skipped unread */
    private List<BadLine> scan(Sink sink, java.util.function.Consumer<RunRecord> records, boolean cases)
            throws IOException {
        if (loaded != null) {
            for (Object o : loaded.entries()) {
                if (o instanceof RunRecord r) {
                    records.accept(r);
                } else if (cases) {
                    sink.accept((CaseResult) o);
                }
            }
            return new ArrayList<>(loaded.bad());
        }
        List<BadLine> bad = new ArrayList<>();
        long lineNo = 0;
        // Malformed UTF-8 is replaced, not fatal: a line torn in the middle of a multi-byte character must
        // stay one bad line.
        try (ResultLines in = new ResultLines(Files.newInputStream(path))) {
            while (in.next()) {
                lineNo++;
                if (!cases && !in.startsWith(RECORD)) {
                    continue;
                }
                boolean ascii = in.isAscii();
                String text = ascii ? null : in.text();
                if (ascii ? in.isBlankAscii() : text.isBlank()) {
                    continue;
                }
                Object parsed;
                try {
                    parsed = ascii ? parse(in.bytes(), in.length(), in.startsWith(RECORD)) : parse(text);
                } catch (IllegalArgumentException e) {
                    bad.add(new BadLine(lineNo, e.getMessage(), false));
                    continue;
                }
                if (parsed instanceof RunRecord r) {
                    records.accept(r);
                } else {
                    sink.accept((CaseResult) parsed);
                }
            }
        }
        return markTorn(bad, lineNo);
    }

    @Override
    public void forEach(Sink sink) throws IOException {
        read(sink);
    }

    /** Whether a line is a run record: the writer puts the type first, and a case has no such field. */
    private static boolean isRecord(String line) {
        return line.startsWith(RECORD);
    }

    /** Parses one line into a case or a run record; IllegalArgumentException says why it is neither. */
    static Object parse(String line) {
        Class<?> type = isRecord(line) ? RunRecord.class : CaseResult.class;
        return checked(() -> Json.MAPPER.readValue(line, type));
    }

    /** {@link #parse(String)} of a line of ASCII, from its bytes; {@code record} whether it starts as a run record. */
    private static Object parse(byte[] ascii, int length, boolean record) {
        Class<?> type = record ? RunRecord.class : CaseResult.class;
        try {
            return checked(() -> Json.MAPPER.readValue(ascii, 0, length, type));
        } catch (IllegalArgumentException e) {
            // The text's own parse says what is wrong, in the words every other reader uses.
            return parse(new String(ascii, 0, length, StandardCharsets.US_ASCII));
        }
    }

    /** One parse of a line. */
    @FunctionalInterface
    private interface Parse {
        Object run() throws IOException;
    }

    private static Object checked(Parse parse) {
        Object parsed;
        try {
            parsed = parse.run();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a case result: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("parsing a line held in memory", e);
        }
        if (parsed instanceof RunRecord) {
            return parsed;
        }
        CaseResult r = (CaseResult) parsed;
        if (r == null) {
            throw new IllegalArgumentException("not a case result: null");
        }
        // Without these a case cannot be counted or named; better reported than counted as nothing.
        if (r.id() == null) {
            throw new IllegalArgumentException("case result without an id");
        }
        if (r.verdict() == null) {
            throw new IllegalArgumentException("case " + r.id() + " has no verdict");
        }
        return r;
    }

    private List<BadLine> markTorn(List<BadLine> bad, long lastLine) throws IOException {
        if (bad.isEmpty()) {
            return bad;
        }
        BadLine last = bad.get(bad.size() - 1);
        if (last.line() == lastLine && !endsWithNewline()) {
            bad.set(bad.size() - 1, new BadLine(last.line(), last.problem(), true));
        }
        return bad;
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return lastByteIsNewline(ch);
        }
    }

    /** Whether a channel's content ends with '\n' (an empty one counts as ending cleanly). */
    static boolean lastByteIsNewline(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return true;
        }
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, size - 1);
        return b.get(0) == '\n';
    }
}
