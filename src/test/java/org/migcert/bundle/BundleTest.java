package org.migcert.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.report.ResultsFile;
import org.migcert.rules.Verdict;
import org.migcert.run.Cli;

/**
 * A bundle of a certification run verifies; one with a file altered, removed or added fails with that
 * file named, and so does a bundle of a run that selected part of the plan, used another profile, was
 * given waivers or has a flaky case (named).
 */
class BundleTest {
    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void certifyAndBundle() {
        assertEquals(0, cli("run", "--out", dir.resolve("cert").toString()).exit);
        bundle = dir.resolve("cert.tar.gz");
        Cli b = cli("bundle", "--results", dir.resolve("cert").toString(), "--out", bundle.toString());
        assertEquals(0, b.exit, b.err);
    }

    @Test
    void aCertificationRunsBundleVerifies() {
        Cli v = cli("verify-bundle", bundle.toString());
        assertEquals(0, v.exit, v.out);
        assertTrue(v.out.startsWith("VERIFIED"), v.out);
    }

    @Test
    void anAlteredRemovedOrAddedFileIsNamed() throws IOException {
        Map<String, byte[]> files = read(bundle);
        Map<String, byte[]> altered = new LinkedHashMap<>(files);
        altered.put("report.html", "<p>all good</p>".getBytes(StandardCharsets.UTF_8));
        assertNotVerified(altered, "report.html: altered");
        Map<String, byte[]> removed = new LinkedHashMap<>(files);
        removed.remove("info/1.1.json");
        assertNotVerified(removed, "info/1.1.json: removed");
        Map<String, byte[]> added = new LinkedHashMap<>(files);
        added.put("extra/notes.txt", "trust me".getBytes(StandardCharsets.UTF_8));
        assertNotVerified(added, "extra/notes.txt: added");
        // Re-listing an altered results file in SHA256SUMS does not help: the plan record no longer matches.
        Map<String, byte[]> forged = resummed(files, "results.jsonl", text -> text.lines()
                .filter(l -> !l.contains("\"Info/PARAM-2/1.0")).reduce("", (a, l) -> a + l + "\n"));
        assertNotVerified(forged, "results.jsonl: its ");
    }

    @Test
    void aPartialSelectionOrAnotherProfileIsNotACertification() throws IOException {
        Path part = dir.resolve("part");
        cli("run", "--out", part.toString(), "--only", "PARAM-2");
        Path b = dir.resolve("part.tar.gz");
        assertEquals(0, cli("bundle", "--results", part.toString(), "--out", b.toString()).exit);
        Cli v = cli("verify-bundle", b.toString());
        assertEquals(1, v.exit, v.out);
        assertTrue(v.out.contains("the run selected part of the plan"), v.out);

        Path nightly = dir.resolve("nightly");
        cli("run", "--out", nightly.toString(), "--profile", "suites/nightly.yaml");
        Path n = dir.resolve("nightly.tar.gz");
        assertEquals(0, cli("bundle", "--results", nightly.toString(), "--out", n.toString()).exit);
        v = cli("verify-bundle", n.toString());
        assertEquals(1, v.exit, v.out);
        assertTrue(v.out.contains("profile/nightly.yaml: not this migcert's certification profile")
                && v.out.contains("allows waivers"), v.out);
    }

    /**
     * The flaky fixture certified with retries: a bundle of the whole profile, unaltered, yet its cases
     * whose attempts disagree have no verdict to certify; each is named.
     */
    @Test
    void aBundleWithAFlakyCaseIsNotVerifiedAndTheCaseIsNamed() throws IOException {
        Path flaky = dir.resolve("flaky");
        Cli run = cli("run", "--out", flaky.toString(), "--device", "fixtures/devices/flaky/device.yaml",
                "--retries", "2", "--jobs", "1");
        assertEquals(1, run.exit, run::toString);
        List<String> ids = new java.util.ArrayList<>();
        org.migcert.report.JudgedCases.ofRun(new ResultsFile(flaky.resolve("results.jsonl"))).forEach(c -> {
            if (c.verdict() == Verdict.FLAKY) {
                ids.add(c.id());
            }
        });
        assertFalse(ids.isEmpty(), "the fixture is flaky under the certification profile too");
        Path b = dir.resolve("flaky.tar.gz");
        assertEquals(0, cli("bundle", "--results", flaky.toString(), "--out", b.toString()).exit);
        Cli v = cli("verify-bundle", b.toString());
        assertEquals(1, v.exit, v.out);
        assertTrue(v.out.startsWith("NOT VERIFIED: " + b + " (" + ids.size() + " problem"), v.out);
        for (String id : ids) {
            assertTrue(v.out.contains("results.jsonl: case " + id + " is FLAKY (its attempts"), v.out);
        }
    }

    @Test
    void aRunGivenWaiversIsNotACertification() throws IOException {
        Map<String, byte[]> forged = resummed(read(bundle), "results.jsonl",
                text -> text.replaceFirst("\"waiversDigest\":null", "\"waiversDigest\":\"sha256:00\""));
        assertNotVerified(forged, "results.jsonl: the run was given waivers (sha256:00); a certification run takes"
                + " none");
    }

    private static void assertNotVerified(Map<String, byte[]> files, String words) throws IOException {
        Path b = Files.createTempFile(dir, "bundle", ".tar.gz");
        write(b, files);
        Cli v = cli("verify-bundle", b.toString());
        assertEquals(1, v.exit, v.out);
        assertTrue(v.out.contains(words), v.out);
    }

    /** The files with one changed and SHA256SUMS updated to match, as a forger would. */
    private static Map<String, byte[]> resummed(Map<String, byte[]> files, String name, UnaryOperator<String> change) {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        out.put(name, change.apply(new String(files.get(name), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        StringBuilder sums = new StringBuilder();
        out.forEach((k, v) -> {
            if (!k.equals(Bundle.SUMS)) {
                sums.append(hex(v)).append("  ").append(k).append('\n');
            }
        });
        out.put(Bundle.SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static String hex(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> read(Path b) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(b)); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                out.put(e.getName(), tar.readAllBytes());
            }
        }
        return out;
    }

    private static void write(Path b, Map<String, byte[]> files) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(b)); TarArchiveOutputStream tar = new TarArchiveOutputStream(o)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    private static Cli cli(String... args) {
        return Cli.run(args);
    }
}
