package org.migcert.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SHA-256 digests of code files (jars, programs), computed once per file state. A digest is kept in
 * memory for the run and on disk in the user's cache, keyed by the file's real path, size, modification
 * and change times and file key (device and inode): a file written in any way gets a new change time,
 * which no unprivileged user can set back, so it is hashed again. Why: the harness's own jar (34 MB)
 * is the code of every bundled java implementation, and hashing it took most of a short run's start
 * (about 1.5 s of processor time without the C2 compiler's SHA intrinsics). A cache that cannot be
 * read or written costs nothing but the hashing.
 */
public final class FileDigests {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final int MAX_ENTRY = 4096;
    /** Entries kept: every rebuilt jar adds one, so the oldest go past this many. */
    static final int MAX_ENTRIES = 256;
    /**
     * How long after its last change a file's digest is not kept. The kernel stamps files with a coarse
     * clock (a few milliseconds), so a file rewritten just after it was hashed can keep its times and
     * size; a file that settled for this long cannot have been (the "racy git" problem).
     */
    static final Duration SETTLED = Duration.ofSeconds(2);
    private final Path dir;
    private final Duration settled;
    private final Map<Path, Optional<String>> memo = new ConcurrentHashMap<>();

    /**
     * @param dir     the cache directory (created on first write)
     * @param settled how long a file must have been unchanged for its digest to be kept
     */
    FileDigests(Path dir, Duration settled) {
        this.dir = dir;
        this.settled = settled;
    }

    /** Digests cached in this user's cache ({@link UserCache}). */
    public static FileDigests forUser() {
        return new FileDigests(UserCache.dir().resolve("digests"), SETTLED);
    }

    /** The digest of a regular file's content; empty when it cannot be read. */
    public Optional<String> of(Path file) {
        return memo.computeIfAbsent(file, this::lookUp);
    }

    private Optional<String> lookUp(Path file) {
        Instant now = Instant.now();
        Optional<String> key = key(file);
        if (key.isEmpty()) {
            return Sha256.ofFile(file);
        }
        Path entry = dir.resolve(Sha256.of(key.get()).substring("sha256:".length()));
        Optional<String> cached = read(entry, key.get());
        if (cached.isPresent()) {
            return cached;
        }
        Optional<String> digest = Sha256.ofFile(file);
        // Only a digest of the state the key names is kept: the file may have changed while hashed.
        if (digest.isPresent() && key(file).equals(key) && changedBefore(file, now.minus(settled))) {
            write(entry, digest.get() + "\n" + key.get() + "\n");
        }
        return digest;
    }

    /** What identifies a file's content without reading it, or empty when that is not known. */
    static Optional<String> key(Path file) {
        try {
            Path real = file.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            Object ctime = Files.getAttribute(real, "unix:ctime");
            if (!a.isRegularFile() || a.fileKey() == null || !(ctime instanceof FileTime c)) {
                return Optional.empty();
            }
            return Optional.of(real + "|" + a.size() + "|" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "|"
                    + c.to(TimeUnit.NANOSECONDS) + "|" + a.fileKey());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean changedBefore(Path file, Instant limit) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Object ctime = Files.getAttribute(file, "unix:ctime");
            return ctime instanceof FileTime c && a.lastModifiedTime().toInstant().isBefore(limit)
                    && c.toInstant().isBefore(limit);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

    /** Deletes the least recently written entries past {@link #MAX_ENTRIES}. */
    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> all = Files.list(dir)) {
            entries = all.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        Map<Path, Long> written = new java.util.HashMap<>();
        for (Path p : entries) {
            written.put(p, Files.getLastModifiedTime(p).toMillis());
        }
        entries.stream().sorted(Comparator.comparing(written::get)).limit(entries.size() - MAX_ENTRIES)
                .forEach(p -> p.toFile().delete());
    }

    private static Optional<String> read(Path entry, String key) {
        try (InputStream in = Files.newInputStream(entry)) {
            String[] lines = new String(in.readNBytes(MAX_ENTRY), StandardCharsets.UTF_8).split("\n", -1);
            if (lines.length >= 2 && DIGEST.matcher(lines[0]).matches() && lines[1].equals(key)) {
                return Optional.of(lines[0]);
            }
        } catch (IOException | SecurityException e) {
            // absent or unreadable: hash the file
        }
        return Optional.empty();
    }

    private void write(Path entry, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".digest", ".tmp");
            try {
                Files.writeString(tmp, text);
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            prune();
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // a cache that cannot be written only costs the hashing next time
        }
    }
}
