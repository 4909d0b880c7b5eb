package org.migcert.run;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.migcert.rules.CaseResult;

/**
 * The verdict of every case of a fixture's certification run, kept in
 * {@code src/test/resources/verdicts/NAME.tsv} ({@code case-id TAB verdict}, sorted): a refactoring
 * of the harness must give every case the verdict it had. When a change is meant to alter verdicts,
 * rerun the tests with {@code -Dmigcert.golden.update=true} and review the diff of the files.
 */
final class GoldenVerdicts {
    private static final Path DIR = Path.of("src/test/resources/verdicts");

    private GoldenVerdicts() {
    }

    static void assertUnchanged(String name, List<CaseResult> results) throws IOException {
        Map<String, String> now = new TreeMap<>();
        results.forEach(r -> now.put(r.id(), r.verdict().name()));
        Path file = DIR.resolve(name + ".tsv");
        if (Boolean.getBoolean("migcert.golden.update")) {
            StringBuilder sb = new StringBuilder();
            now.forEach((id, v) -> sb.append(id).append('\t').append(v).append('\n'));
            Files.writeString(file, sb);
            return;
        }
        Map<String, String> golden = read(file);
        List<String> diff = new ArrayList<>();
        for (String id : new TreeSet<>(union(golden, now))) {
            if (!String.valueOf(golden.get(id)).equals(String.valueOf(now.get(id)))) {
                diff.add(id + ": was " + golden.get(id) + ", now " + now.get(id));
            }
        }
        if (!diff.isEmpty()) {
            fail(diff.size() + " case verdicts of " + name + " differ from " + file
                    + " (rerun with -Dmigcert.golden.update=true if intended):\n  "
                    + String.join("\n  ", diff.subList(0, Math.min(40, diff.size()))));
        }
    }

    /**
     * A run of part of a fixture's cases ({@code --only}) gave each case the verdict recorded for
     * it in {@code NAME.tsv}, whatever the adapter that ran it.
     */
    static void assertSameAsRecorded(String name, List<CaseResult> results) throws IOException {
        Path file = DIR.resolve(name + ".tsv");
        Map<String, String> golden = read(file);
        List<String> diff = new ArrayList<>();
        for (CaseResult r : results) {
            if (!r.verdict().name().equals(golden.get(r.id()))) {
                diff.add(r.id() + ": recorded " + golden.get(r.id()) + ", now " + r.verdict() + " (" + r.evidence() + ")");
            }
        }
        if (!diff.isEmpty()) {
            fail(diff.size() + " of " + results.size() + " case verdicts differ from " + file + ":\n  "
                    + String.join("\n  ", diff.subList(0, Math.min(20, diff.size()))));
        }
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> golden = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            golden.put(f[0], f[1]);
        }
        return golden;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> ids = new ArrayList<>(a.keySet());
        ids.addAll(b.keySet());
        return ids;
    }
}
