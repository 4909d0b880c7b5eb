package org.migcert.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.migcert.adapter.Sha256;
import org.migcert.manifest.ManifestException;
import org.migcert.manifest.ManifestLoader;
import org.migcert.report.InfoDirectory;
import org.migcert.report.JudgedCases;
import org.migcert.report.Provenance;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunComparison;
import org.migcert.report.RunRecord;

/**
 * A certification bundle: one {@code .tar.gz} with a run's raw results (provenance included, and its
 * comparison when it has one), every report, the manifest and its bases, each implementation's migration info, the profile, and
 * {@code SHA256SUMS} listing every other file. What a vendor submits; {@link BundleVerifier} checks it.
 */
public final class Bundle {
    static final String SUMS = "SHA256SUMS";
    static final String RESULTS = "results.jsonl";
    static final List<String> REPORTS = List.of("report.json", "report.html", "junit.xml");
    static final String INFO = "info/";
    static final String PROFILE = "profile/";
    static final String MANIFEST = "manifest/";

    private Bundle() {
    }

    /**
     * Packs the run in {@code results} (its {@code --out}) into {@code out}.
     *
     * @throws ManifestException when the run's files are missing or its manifest or profile changed since it ran
     */
    public static List<String> pack(Path results, Path out) throws IOException, ManifestException {
        Map<String, Path> files = contents(results);
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        StringBuilder sums = new StringBuilder();
        try (OutputStream o = Files.newOutputStream(tmp); GZIPOutputStream gz = new GZIPOutputStream(o);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, Path> e : files.entrySet()) {
                sums.append(Sha256.ofFile(e.getValue()).orElseThrow(() -> new IOException("cannot read " + e.getValue()))
                        .substring("sha256:".length())).append("  ").append(e.getKey()).append('\n');
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(Files.size(e.getValue()));
                tar.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(e.getValue())) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
            byte[] s = sums.toString().getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(SUMS);
            entry.setSize(s.length);
            tar.putArchiveEntry(entry);
            tar.write(s);
            tar.closeArchiveEntry();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        List<String> names = new ArrayList<>(files.keySet());
        names.add(SUMS);
        return names;
    }

    /** Bundle path to file, in bundle order; checks the manifest and profile are the ones the run used. */
    private static Map<String, Path> contents(Path results) throws IOException, ManifestException {
        Path raw = results.resolve(RESULTS);
        if (!Files.isRegularFile(raw)) {
            throw new ManifestException(results + ": no " + RESULTS + "; give the --out directory of a run");
        }
        RunRecord.Plan plan = new ResultsFile(raw).records().plan().orElseThrow(() -> new ManifestException(raw
                + ": no plan record; only results of this migcert version can be bundled"));
        Provenance pv = plan.provenance();
        if (pv == null) {
            throw new ManifestException(raw + ": no provenance; rerun with this migcert version");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(RESULTS, raw);
        for (String r : REPORTS) {
            files.put(r, required(results.resolve(r), "rebuild it with migcert report --from " + raw));
        }
        // Present only for a run compared with a baseline or a history; the reports show it, so it travels with them.
        Path comparison = results.resolve(RunComparison.FILE);
        if (Files.isRegularFile(comparison)) {
            files.put(RunComparison.FILE, comparison);
        }
        // Present only for a run given waivers (never a certification run): its reports were judged by it.
        if (plan.waiversDigest() != null) {
            files.put(JudgedCases.WAIVERS_FILE, required(results.resolve(JudgedCases.WAIVERS_FILE),
                    "the run was given waivers; rerun it with --waivers"));
        }
        Path profile = Path.of(plan.profile());
        if (!pv.profileDigest().equals(Sha256.ofFile(profile).orElse(""))) {
            throw new ManifestException(profile + " changed since the run (" + pv.profileDigest() + "); bundle a fresh run");
        }
        files.put(PROFILE + profile.getFileName(), profile);
        List<Path> chain = ManifestLoader.files(Path.of(plan.device()));
        if (!pv.manifestDigest().equals(Sha256.of(ManifestLoader.load(chain.get(0)).yaml().root().toString()))) {
            throw new ManifestException(chain.get(0) + " or a base it extends changed since the run; bundle a fresh run");
        }
        for (int i = 0; i < chain.size(); i++) {
            files.put(MANIFEST + i + "-" + chain.get(i).getFileName(), chain.get(i));
        }
        try (Stream<Path> s = Files.list(required(results.resolve(InfoDirectory.DIR), "rerun with this migcert version"))) {
            s.filter(Files::isRegularFile).sorted().forEach(f -> files.put(INFO + f.getFileName(), f));
        }
        Path allure = results.resolve("allure-results");
        if (Files.isDirectory(allure)) {
            try (Stream<Path> s = Files.list(allure)) {
                s.filter(Files::isRegularFile).sorted().forEach(f -> files.put("allure-results/" + f.getFileName(), f));
            }
        }
        return files;
    }

    private static Path required(Path p, String fix) throws ManifestException {
        if (!Files.exists(p)) {
            throw new ManifestException(p + " is missing; " + fix);
        }
        return p;
    }
}
