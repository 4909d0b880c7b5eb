package org.migcert.report;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.migcert.model.InfoException;
import org.migcert.model.MigrationInfo;
import org.migcert.model.MigrationInfoJson;

/**
 * {@code OUT/info/ID.json}: each implementation's migration info as the run read it, beside its
 * results. Its SHA-256 is the provenance's info digest, a certification bundle carries it, and the
 * reports predict the migration grid from it, so {@code migcert report --from} needs no device.
 */
public final class InfoDirectory {
    public static final String DIR = "info";

    private InfoDirectory() {
    }

    /** The file name of an implementation's info: its id, percent-encoded (an id is the manifest's, untrusted). */
    public static String fileName(String id) {
        String safe = URLEncoder.encode(id, StandardCharsets.UTF_8);
        return (safe.equals(".") || safe.equals("..") ? safe.replace(".", "%2E") : safe) + ".json";
    }

    /** Where {@code id}'s info is kept in the output directory {@code out}. */
    public static Path file(Path out, String id) {
        return out.resolve(DIR).resolve(fileName(id));
    }

    /**
     * The info of {@code id} in {@code out}; empty when the run kept none (results of an older
     * version) or the file is not readable info, since the grid it serves is a view, not a verdict.
     */
    public static Optional<MigrationInfo> read(Path out, String id) throws IOException {
        Path f = file(out, id);
        // Bounded before reading: the file is in a directory anyone may have handed over.
        if (!Files.isRegularFile(f) || Files.size(f) > 4L * MigrationInfoJson.MAX_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(MigrationInfoJson.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
        } catch (InfoException e) {
            return Optional.empty();
        }
    }
}
