package org.migcert.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** SHA-256 digests as migcert records them ({@code sha256:} and 64 hex digits): of text, bytes or a file, streamed. */
public final class Sha256 {
    private final MessageDigest md;

    private Sha256() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A digest to feed piece by piece. */
    public static Sha256 start() {
        return new Sha256();
    }

    public Sha256 update(String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Sha256 update(byte[] bytes, int off, int len) {
        md.update(bytes, off, len);
        return this;
    }

    /** {@code sha256:HEX}; the digest cannot be fed after this. */
    public String finish() {
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    /** The 32 bytes of the digest; it cannot be fed after this. */
    public byte[] finishBytes() {
        return md.digest();
    }

    public static String of(String text) {
        return start().update(text).finish();
    }

    /** The 32 bytes of the digest of a text's UTF-8 bytes. */
    public static byte[] bytesOf(String text) {
        return start().update(text).finishBytes();
    }

    /** The digest of a regular file's content, read in pieces (a program may be large); empty when it cannot be read. */
    public static Optional<String> ofFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Sha256 d = start();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(d.finish());
    }
}
