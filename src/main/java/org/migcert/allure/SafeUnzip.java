package org.migcert.allure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip archive it does not trust. Every entry must land inside the target directory (no
 * absolute names, no {@code ..} escaping it, no entry twice), and the number of entries and the bytes
 * written are bounded as they are actually inflated, not as the archive claims.
 */
final class SafeUnzip {
    /** Allure's command line has 133 entries; an archive with more than this is not it. */
    static final int MAX_ENTRIES = 10_000;
    /** Allure's command line inflates to 27 MB; this leaves room for its growth, not for a zip bomb. */
    static final long MAX_BYTES = 512L << 20;

    private SafeUnzip() {
    }

    /** Unpacks {@code zip} into the existing directory {@code target}; the message of a refusal names the entry. */
    static void unpack(Path zip, Path target) throws IOException {
        unpack(zip, target, MAX_ENTRIES, MAX_BYTES);
    }

    /** As {@link #unpack(Path, Path)}, within the given bounds. */
    static void unpack(Path zip, Path target, int maxEntries, long maxBytes) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        long written = 0;
        int entries = 0;
        byte[] buf = new byte[64 * 1024];
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (++entries > maxEntries) {
                    throw new IOException("more than " + maxEntries + " entries");
                }
                Path dest = inside(root, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                    continue;
                }
                Files.createDirectories(dest.getParent());
                try (InputStream in = z.getInputStream(e);
                     OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        written += n;
                        if (written > maxBytes) {
                            throw new IOException("more than " + maxBytes + " bytes once unpacked (at " + e.getName()
                                    + ")");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
    }

    /** Where an entry goes; refuses a name that would leave {@code root} or is the root itself. */
    private static Path inside(Path root, String name) throws IOException {
        IOException refused = new IOException("entry '" + name + "' would be written outside the directory it is"
                + " unpacked into");
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0) {
            throw refused;
        }
        Path dest = root.resolve(name).normalize();
        if (!dest.startsWith(root) || dest.equals(root)) {
            throw refused;
        }
        return dest;
    }
}
