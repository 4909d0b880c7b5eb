package org.migcert.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.migcert.adapter.Sha256;
import org.migcert.manifest.ManifestException;
import org.migcert.report.BulkResultsWriter;
import org.migcert.report.CaseListDigest;
import org.migcert.report.InfoDirectory;
import org.migcert.report.JudgedCases;
import org.migcert.report.Provenance;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunRecord;
import org.migcert.suites.Shard;

/**
 * Merges the output directories of the shards of one plan into the results of a single run. Refuses,
 * naming the directory, a shard that is missing, given twice, partial, unreadable, or of another plan,
 * profile, manifest or implementation code: a merge never makes an incomplete or mixed run look whole.
 */
final class ShardMerge {
    private ShardMerge() {
    }

    /** One shard's results, checked on its own. */
    private record Part(Path dir, Path file, RunRecord.Plan plan, RunRecord.End end, Shard shard) {
    }

    /**
     * Writes the merged {@code results.jsonl} into {@code out}.
     *
     * @throws ManifestException (exit 2) when the shards do not make one whole plan
     */
    static Path merge(List<Path> dirs, Path out) throws IOException, ManifestException {
        return merge(dirs, out, BulkResultsWriter.Force.FSYNC);
    }

    /** {@link #merge(List, Path)}, with {@code force} making each written file durable. */
    static Path merge(List<Path> dirs, Path out, BulkResultsWriter.Force force) throws IOException, ManifestException {
        List<Part> parts = new ArrayList<>();
        for (Path d : dirs) {
            parts.add(part(d));
        }
        Part first = parts.get(0);
        TreeMap<Integer, Part> byIndex = new TreeMap<>();
        for (Part p : parts) {
            agree(first, p);
            Part twice = byIndex.put(p.shard().index(), p);
            if (twice != null) {
                throw new ManifestException("shard " + p.shard().text() + " is given twice: " + twice.dir() + " and " + p.dir());
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= first.shard().count(); i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i + "/" + first.shard().count());
            }
        }
        if (!missing.isEmpty()) {
            throw new ManifestException("shards " + String.join(", ", missing) + " are missing; give the output directory"
                    + " of every shard of the plan (" + first.shard().count() + " in all)");
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (Part p : byIndex.values()) {
            for (String id : ids(p)) {
                if (!seen.add(id)) {
                    throw new ManifestException(p.dir() + ": case " + id + " is also in another shard");
                }
                total++;
            }
        }
        if (total != first.plan().fullPlanned()) {
            throw new ManifestException("the shards hold " + total + " cases, the plan " + first.plan().fullPlanned());
        }
        CaseListDigest all = CaseListDigest.ofCases();
        for (Part p : byIndex.values()) {
            new ResultsFile(p.file()).read(all::add);
        }
        String caseList = all.finish();
        Files.createDirectories(out);
        Path merged = out.resolve(ResultsLog.FILE);
        RunRecord.Plan p0 = first.plan();
        String started = parts.stream().map(p -> p.plan().startedAt()).min(Comparator.naturalOrder()).orElseThrow();
        String finished = parts.stream().map(p -> p.end().finishedAt()).max(Comparator.naturalOrder()).orElseThrow();
        // One force for every merged line, not one each: the run counts as complete only through its end
        // record, written and forced last, after the lines and the copies it vouches for are on disk.
        try (BulkResultsWriter w = BulkResultsWriter.create(merged, force)) {
            w.plan(new RunRecord.Plan(RunRecord.FORMAT, UUID.randomUUID().toString(), started, p0.fullPlanned(),
                    p0.fullPlanDigest(), p0.device(), p0.profile(), p0.only(), p0.caseId(), p0.model(), p0.implementations(),
                    p0.migcertVersion(), p0.commandLine(), p0.provenance(), null, p0.fullPlanned(), p0.fullPlanDigest(),
                    p0.waiversAllowed(), caseList, p0.configurations(), p0.waiversDigest(), p0.retries()));
            for (Part p : byIndex.values()) {
                new ResultsFile(p.file()).read(w::append);
            }
            copyInfo(first, out, force);
            if (p0.waiversDigest() != null) {
                // Every shard was given the same waivers (agree): the merged reports read one copy.
                copy(first.dir().resolve(JudgedCases.WAIVERS_FILE), out.resolve(JudgedCases.WAIVERS_FILE), force);
            }
            // Each shard started containers of its own: the merged run started all of them.
            long containers = parts.stream().mapToLong(p -> p.end().containerStarts()).sum();
            w.end(new RunRecord.End(finished, true, "merged from " + parts.size() + " shards at " + Instant.now(),
                    containers));
        }
        return merged;
    }

    /**
     * Carries the implementations' migration info into the merged directory, so its reports (the
     * grid's forecasts) and its bundle equal a single run's. The shards agree on every info digest
     * ({@link #agree}); the copy is the first shard's, checked against that digest.
     */
    private static void copyInfo(Part first, Path out, BulkResultsWriter.Force force)
            throws IOException, ManifestException {
        for (Provenance.Implementation i : first.plan().provenance().implementations()) {
            Path from = InfoDirectory.file(first.dir(), i.id());
            if (!Sha256.ofFile(from).orElse("").equals(i.infoDigest())) {
                throw new ManifestException(from + ": missing or not the migration info shard " + first.shard().text()
                        + " read (" + i.infoDigest() + ")");
            }
            copy(from, InfoDirectory.file(out, i.id()), force);
        }
    }

    /** Copies {@code from} over {@code to} and forces the copy. */
    private static void copy(Path from, Path to, BulkResultsWriter.Force force) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        Files.deleteIfExists(to); // replaced, as a link would be, never written through
        try (FileOutputStream o = new FileOutputStream(to.toFile(), false)) {
            Files.copy(from, o);
            force.force(to, o.getFD());
        }
    }

    private static Part part(Path dir) throws IOException, ManifestException {
        Path file = dir.resolve(ResultsLog.FILE);
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(dir + ": no " + ResultsLog.FILE + "; give the --out directory of a shard");
        }
        ResultsFile rf = new ResultsFile(file);
        ResultsFile.Records r = rf.records();
        RunRecord.Plan plan = r.plan().orElseThrow(() -> new ManifestException(file + ": no plan record; only results"
                + " of this migcert version merge"));
        if (plan.shard() == null) {
            throw new ManifestException(dir + ": not a shard (run with --shard i/n)");
        }
        if (!r.complete()) {
            throw new ManifestException(dir + ": shard " + plan.shard() + " is partial" + r.end().map(e -> " ("
                    + e.reason() + ")").orElse(" (it has no end record: it was stopped)") + "; complete it with"
                    + " migcert run --resume --out " + dir);
        }
        CaseListDigest cases = CaseListDigest.ofCases();
        List<ResultsFile.BadLine> bad = rf.read(cases::add);
        if (!bad.isEmpty()) {
            throw new ManifestException(file + ": unreadable " + bad.get(0));
        }
        if (!cases.finish().equals(plan.caseListDigest())) {
            throw new ManifestException(file + ": its cases are not the ones its plan record lists (altered?)");
        }
        return new Part(dir, file, plan, r.end().orElseThrow(), Shard.parse(plan.shard()));
    }

    /** Shards merge only when they planned the same cases from the same inputs. */
    private static void agree(Part a, Part b) throws ManifestException {
        String why = null;
        if (a.shard().count() != b.shard().count()) {
            why = "it is shard " + b.shard().text() + ", the first is " + a.shard().text();
        } else if (!a.plan().fullPlanDigest().equals(b.plan().fullPlanDigest())) {
            why = "its plan differs (" + b.plan().fullPlanDigest() + ", the first's " + a.plan().fullPlanDigest() + ")";
        } else if (a.plan().provenance() == null || b.plan().provenance() == null
                || !a.plan().provenance().sameInputs(b.plan().provenance())) {
            why = "its profile, manifest or implementation code differs from the first's (" + a.dir() + ")";
        } else if (!java.util.Objects.equals(a.plan().waiversDigest(), b.plan().waiversDigest())
                || a.plan().retries() != b.plan().retries()) {
            why = "it was given other waivers or retries than the first (" + a.dir() + ")";
        }
        if (why != null) {
            throw new ManifestException(b.dir() + ": not a shard of the same run: " + why);
        }
    }

    private static List<String> ids(Part p) throws IOException {
        List<String> ids = new ArrayList<>();
        new ResultsFile(p.file()).read(c -> {
            if (!c.isRetry()) {
                ids.add(c.id());
            }
        });
        return ids;
    }
}
