package org.migcert.bundle;

import java.io.BufferedInputStream;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.migcert.adapter.PrivateTemp;
import org.migcert.adapter.Sha256;
import org.migcert.manifest.ManifestException;
import org.migcert.manifest.Profile;
import org.migcert.manifest.ProfileLoader;
import org.migcert.report.CaseListDigest;
import org.migcert.report.CaseSource;
import org.migcert.report.InfoDirectory;
import org.migcert.report.JudgedCases;
import org.migcert.report.Provenance;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunRecord;
import org.migcert.report.Waivers;
import org.migcert.rules.Rule;
import org.migcert.rules.Verdict;

/**
 * Checks a certification bundle: every file listed in {@code SHA256SUMS} present and unaltered and
 * nothing unlisted; the results complete, of the whole certification profile (no selection, no
 * shard, no waivers), with exactly the cases the plan record promised and none flaky, not run or in error; the
 * profile, migration infos and manifest present with the digests the provenance records. The bundle
 * is untrusted: entry names, counts and sizes are bounded and it is unpacked into a private directory.
 */
public final class BundleVerifier {
    /** More entries than this is not a run's bundle. */
    static final int MAX_ENTRIES = 1_000_000;
    /** Any one file larger than this is not a run's file. */
    static final long MAX_ENTRY_BYTES = 4L << 30;

    private BundleVerifier() {
    }

    /** What is wrong with the bundle, each problem naming its file; empty when it verifies. */
    public static List<String> verify(Path bundle, Path certificationProfile, Map<String, Set<Rule>> suites)
            throws IOException {
        try (PrivateTemp work = PrivateTemp.create("migcert-bundle-")) {
            Path dir = work.dir();
            List<String> problems = new ArrayList<>();
            Map<String, String> digests = unpack(bundle, dir, problems);
            if (!problems.isEmpty()) {
                return problems;
            }
            sums(dir, digests, problems);
            contents(dir, digests.keySet(), certificationProfile, suites, problems);
            return problems;
        }
    }

    /** Unpacks every entry, returning its digest by name; refuses names that leave the directory. */
    private static Map<String, String> unpack(Path bundle, Path dir, List<String> problems) throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(bundle)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                Path target = dir.resolve(name).normalize();
                if (!e.isFile() || name.startsWith("/") || !target.startsWith(dir) || target.equals(dir)) {
                    problems.add(name + ": not a plain file inside the bundle");
                    continue;
                }
                if (digests.size() >= MAX_ENTRIES || e.getSize() > MAX_ENTRY_BYTES) {
                    problems.add(name + ": the bundle has too many or too large files");
                    return digests;
                }
                if (digests.containsKey(name)) {
                    problems.add(name + ": twice in the bundle");
                    continue;
                }
                Files.createDirectories(target.getParent());
                Sha256 d = Sha256.start();
                byte[] buf = new byte[64 * 1024];
                try (OutputStream out = Files.newOutputStream(target)) {
                    for (int n; (n = tar.read(buf)) > 0; ) {
                        d.update(buf, 0, n);
                        out.write(buf, 0, n);
                    }
                }
                digests.put(name, d.finish().substring("sha256:".length()));
            }
        } catch (IOException e) {
            problems.add(bundle + ": not a readable .tar.gz (" + e.getMessage() + ")");
        }
        return digests;
    }

    private static void sums(Path dir, Map<String, String> digests, List<String> problems) throws IOException {
        if (!digests.containsKey(Bundle.SUMS)) {
            problems.add(Bundle.SUMS + ": missing");
            return;
        }
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve(Bundle.SUMS), StandardCharsets.UTF_8)) {
            int sep = line.indexOf("  ");
            if (sep != 64) {
                problems.add(Bundle.SUMS + ": malformed line '" + line + "'");
                continue;
            }
            listed.put(line.substring(sep + 2), line.substring(0, sep));
        }
        listed.forEach((name, digest) -> {
            if (!digests.containsKey(name)) {
                problems.add(name + ": removed (listed in " + Bundle.SUMS + ", not in the bundle)");
            } else if (!digests.get(name).equals(digest)) {
                problems.add(name + ": altered (SHA-256 " + digests.get(name) + ", listed " + digest + ")");
            }
        });
        digests.keySet().stream().filter(n -> !n.equals(Bundle.SUMS) && !listed.containsKey(n))
                .forEach(n -> problems.add(n + ": added (not listed in " + Bundle.SUMS + ")"));
    }

    private static void contents(Path dir, Set<String> names, Path certificationProfile, Map<String, Set<Rule>> suites,
                                 List<String> problems) throws IOException {
        for (String r : List.of(Bundle.RESULTS, "report.json", "report.html", "junit.xml")) {
            if (!names.contains(r)) {
                problems.add(r + ": missing");
            }
        }
        if (!names.contains(Bundle.RESULTS)) {
            return;
        }
        ResultsFile results = new ResultsFile(dir.resolve(Bundle.RESULTS));
        ResultsFile.Records records = results.records();
        if (records.plan().isEmpty() || records.plan().get().provenance() == null) {
            problems.add(Bundle.RESULTS + ": no plan record with provenance");
            return;
        }
        RunRecord.Plan plan = records.plan().get();
        if (!records.complete()) {
            problems.add(Bundle.RESULTS + ": the run is partial (" + records.end().map(RunRecord.End::reason)
                    .orElse("no end record") + ")");
        }
        if (!plan.only().isEmpty() || plan.caseId() != null || plan.shard() != null) {
            problems.add(Bundle.RESULTS + ": the run selected part of the plan (--only " + plan.only() + ", --case "
                    + plan.caseId() + ", shard " + plan.shard() + "); certify the whole profile");
        }
        if (plan.waiversDigest() != null) {
            problems.add(Bundle.RESULTS + ": the run was given waivers (" + plan.waiversDigest() + "); a certification"
                    + " run takes none");
        }
        CaseListDigest digest = CaseListDigest.ofCases();
        Set<String> bad = new TreeSet<>();
        Set<String> flaky = new TreeSet<>();
        long[] count = {0};
        List<ResultsFile.BadLine> unreadable = new ArrayList<>();
        CaseSource lines = sink -> unreadable.addAll(results.read(r -> {
            digest.add(r);
            if (!r.isRetry()) { // run --retries: one case, several lines
                count[0]++;
            }
            if (r.verdict() == Verdict.ERROR) {
                bad.add(r.id() + " (" + r.verdict() + ", " + r.observed() + ")");
            }
            sink.accept(r);
        }));
        // Each case's attempts judged as one case, as every report judges them (waivers: none, checked above).
        new JudgedCases(lines, Waivers.none()).forEach(c -> {
            if (c.verdict() == Verdict.FLAKY) {
                flaky.add(c.id());
            }
        });
        unreadable.forEach(b -> problems.add(Bundle.RESULTS + ": unreadable " + b));
        bad.forEach(b -> problems.add(Bundle.RESULTS + ": case " + b + " was not judged: not run or in error"));
        // A certified verdict holds for every run of the same inputs: a case whose attempts disagree has none.
        flaky.forEach(id -> problems.add(Bundle.RESULTS + ": case " + id + " is FLAKY (its attempts with identical"
                + " inputs disagree): a certification needs one verdict a case; fix the device and certify again"));
        if (count[0] != plan.planned() || !digest.finish().equals(plan.caseListDigest())) {
            problems.add(Bundle.RESULTS + ": its " + count[0] + " cases are not the " + plan.planned() + " its plan record"
                    + " promised (case list digest " + plan.caseListDigest() + ")");
        }
        profile(dir, names, plan, certificationProfile, suites, problems);
        infos(dir, names, plan.provenance(), problems);
        if (names.stream().noneMatch(n -> n.startsWith(Bundle.MANIFEST))) {
            problems.add(Bundle.MANIFEST + ": missing (the device manifest and its bases)");
        }
    }

    private static void profile(Path dir, Set<String> names, RunRecord.Plan plan, Path certificationProfile,
                                Map<String, Set<Rule>> suites, List<String> problems) {
        List<String> profiles = names.stream().filter(n -> n.startsWith(Bundle.PROFILE)).toList();
        if (profiles.size() != 1) {
            problems.add(Bundle.PROFILE + ": expected the one profile of the run, found " + profiles);
            return;
        }
        Path p = dir.resolve(profiles.get(0));
        String digest = Sha256.ofFile(p).orElse("");
        if (!digest.equals(plan.provenance().profileDigest())) {
            problems.add(profiles.get(0) + ": not the profile the run used (" + digest + ", the run recorded "
                    + plan.provenance().profileDigest() + ")");
        }
        if (!digest.equals(Sha256.ofFile(certificationProfile).orElse("-"))) {
            problems.add(profiles.get(0) + ": not this migcert's certification profile (" + certificationProfile + ")");
        }
        try {
            Profile loaded = ProfileLoader.load(p, suites);
            if (loaded.waiversAllowed()) {
                problems.add(profiles.get(0) + ": allows waivers; a certification profile forbids them");
            }
        } catch (ManifestException e) {
            problems.add(profiles.get(0) + ": " + e.getMessage());
        }
    }

    private static void infos(Path dir, Set<String> names, Provenance pv, List<String> problems) {
        for (Provenance.Implementation i : pv.implementations()) {
            String name = Bundle.INFO + InfoDirectory.fileName(i.id());
            if (!names.contains(name)) {
                problems.add(name + ": missing (the migration info of implementation " + i.id() + ")");
            } else if (!Sha256.ofFile(dir.resolve(name)).orElse("").equals(i.infoDigest())) {
                problems.add(name + ": not the migration info the run read (" + i.infoDigest() + ")");
            }
        }
    }

}
