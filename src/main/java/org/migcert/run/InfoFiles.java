package org.migcert.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.migcert.adapter.Implementation;
import org.migcert.model.MigrationInfoJson;
import org.migcert.report.InfoDirectory;

/**
 * Each implementation's migration info as the run read it, kept beside the results
 * ({@code OUT/info/ID.json}): its SHA-256 is the provenance's info digest, and a certification bundle
 * carries it.
 */
final class InfoFiles {
    private InfoFiles() {
    }

    static void write(Path out, List<Implementation> implementations) throws IOException {
        Path dir = Files.createDirectories(out.resolve(InfoDirectory.DIR));
        for (Implementation i : implementations) {
            Files.writeString(dir.resolve(InfoDirectory.fileName(i.id())), MigrationInfoJson.write(i.info()), StandardCharsets.UTF_8);
        }
    }
}
