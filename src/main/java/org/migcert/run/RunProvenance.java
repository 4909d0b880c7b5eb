package org.migcert.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.Sha256;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.Profile;
import org.migcert.model.MigrationInfoJson;
import org.migcert.report.Provenance;

/** Builds a run's {@link Provenance} from what it opened, and finds the harness's own git commit. */
final class RunProvenance {
    private static final String UNKNOWN = "unknown";

    private RunProvenance() {
    }

    static Provenance of(DeviceManifest manifest, Profile profile, OpenedDevice device) {
        List<Provenance.Implementation> impls = device.implementations().stream().map(i -> implementation(manifest, i))
                .toList();
        return new Provenance(Version.get(), commit(Home.directory()), profile.name(),
                Sha256.ofFile(profile.file()).orElse(UNKNOWN), Sha256.of(manifest.yaml().root().toString()), impls,
                profile.configurations().tWay().map(t -> t.seed()).orElse(null), host(), System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
    }

    private static Provenance.Implementation implementation(DeviceManifest manifest, Implementation impl) {
        String adapter = manifest.implementations().stream().filter(s -> s.id().equals(impl.id())).findFirst()
                .map(s -> s.adapter()).orElse(UNKNOWN);
        return new Provenance.Implementation(impl.id(), adapter, impl.codeDigest().orElse(null),
                Sha256.of(MigrationInfoJson.write(impl.info())));
    }

    /**
     * The commit checked out in {@code dir} (a clone or a worktree), read from git's files so that no
     * git program is needed; {@code unknown} outside a checkout.
     */
    static String commit(Path dir) {
        try {
            Path git = dir.resolve(".git");
            Path gitDir = git;
            if (Files.isRegularFile(git)) { // a worktree: "gitdir: PATH"
                gitDir = dir.resolve(firstLine(git).replaceFirst("^gitdir:\\s*", ""));
            }
            String head = firstLine(gitDir.resolve("HEAD"));
            if (!head.startsWith("ref:")) {
                return head;
            }
            String ref = head.substring(4).strip();
            Path common = Files.isRegularFile(gitDir.resolve("commondir"))
                    ? gitDir.resolve(firstLine(gitDir.resolve("commondir"))).normalize() : gitDir;
            for (Path d : List.of(gitDir, common)) {
                if (Files.isRegularFile(d.resolve(ref))) {
                    return firstLine(d.resolve(ref));
                }
            }
            return packedRef(common.resolve("packed-refs"), ref).orElse(UNKNOWN);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static Optional<String> packedRef(Path packed, String ref) throws IOException {
        if (!Files.isRegularFile(packed)) {
            return Optional.empty();
        }
        return Files.readAllLines(packed, StandardCharsets.UTF_8).stream().filter(l -> l.endsWith(" " + ref))
                .map(l -> l.substring(0, l.indexOf(' '))).findFirst();
    }

    private static String firstLine(Path f) throws IOException {
        String s = Files.readString(f, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String host() {
        try {
            return firstLine(Path.of("/proc/sys/kernel/hostname"));
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
