package org.migcert.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.migcert.adapter.Sha256;
import org.migcert.manifest.ManifestException;
import org.migcert.manifest.WaiversLoader;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Grader;

/**
 * The cases of a results file as every report shows them: the attempts of a case ({@code run --retries})
 * made one case by {@link Grader#overAttempts} (FLAKY when they disagree), and each failure a waiver in
 * force covers made WAIVED by {@link Waivers#overlay}. Streams: the attempts of a case are written
 * together, in order, so only one case's attempts are held at a time.
 */
public final class JudgedCases implements CaseSource {
    /** The copy of the waivers file a run was given, beside its results. */
    public static final String WAIVERS_FILE = "waivers.yaml";

    private final CaseSource raw;
    private final Waivers waivers;

    public JudgedCases(CaseSource raw, Waivers waivers) {
        this.raw = raw;
        this.waivers = waivers;
    }

    /**
     * The cases of a run with the waivers it was given ({@value #WAIVERS_FILE} beside the results, checked
     * against the digest its plan record holds), judged as of the day it started: rebuilt on any later day,
     * the reports say what they said at the end of the run.
     *
     * @throws IOException when the run had waivers and its copy is missing or is not the file it was given
     */
    public static JudgedCases ofRun(ResultsFile results) throws IOException {
        return ofRun(results, results.records().plan());
    }

    /** The cases of the run with this plan record, whose results are (or will be) in {@code results}. */
    public static JudgedCases ofRun(ResultsFile results, Optional<RunRecord.Plan> plan) throws IOException {
        if (plan.isEmpty() || plan.get().waiversDigest() == null) {
            return new JudgedCases(results, Waivers.none());
        }
        Path file = results.path().toAbsolutePath().resolveSibling(WAIVERS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: the run was given waivers (sha256 " + plan.get().waiversDigest()
                    + "), and its reports cannot be rebuilt without them");
        }
        String digest = Sha256.ofFile(file).orElse("unreadable");
        if (!digest.equals(plan.get().waiversDigest())) {
            throw new IOException(file + " is not the waivers file the run was given (sha256 " + digest + ", the run's "
                    + plan.get().waiversDigest() + ")");
        }
        try {
            return new JudgedCases(results, new Waivers(WaiversLoader.load(file, plan.get().waiversDay()),
                    plan.get().waiversDay(), !Boolean.FALSE.equals(plan.get().waiversAllowed())));
        } catch (ManifestException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Streams the cases of a results file, judged with {@code waivers}, to {@code sink}.
     *
     * @return the lines that could not be read
     */
    public static List<ResultsFile.BadLine> read(ResultsFile results, Waivers waivers, Sink sink) throws IOException {
        List<ResultsFile.BadLine> bad = new ArrayList<>();
        new JudgedCases(s -> bad.addAll(results.read(s)), waivers).forEach(sink);
        return bad;
    }

    public Waivers waivers() {
        return waivers;
    }

    @Override
    public void forEach(Sink sink) throws IOException {
        List<CaseResult> attempts = new ArrayList<>();
        raw.forEach(r -> {
            if (!attempts.isEmpty() && !(r.isRetry() && r.id().equals(attempts.get(0).id()))) {
                sink.accept(judge(attempts));
                attempts.clear();
            }
            attempts.add(r);
        });
        if (!attempts.isEmpty()) {
            sink.accept(judge(attempts));
        }
    }

    /** One case from its attempts, in order. */
    public CaseResult judge(List<CaseResult> attempts) {
        return waivers.overlay(Grader.overAttempts(attempts));
    }
}
