package org.migcert.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.migcert.report.ResultsFile;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/** Runs the CLI in-process for tests and keeps what it printed and wrote. */
public final class Cli {

    public final int exit;
    public final String out;
    public final String err;

    private Cli(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    public static Cli run(String... args) {
        return run(Extensions.standard(), args);
    }

    /** Runs with these suites and report formats instead of the bundled ones. */
    static Cli run(Extensions extensions, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.execute(extensions, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), args);
        return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /**
     * Starts the CLI in its own JVM (signals need a process) and returns once it printed
     * {@code lines} progress lines; its output is its stdout and stderr together.
     */
    static Process start(int lines, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int seen = 0;
        String line;
        while (seen < lines && (line = r.readLine()) != null) {
            if (line.startsWith("[")) {
                seen++;
            }
        }
        if (seen != lines) {
            throw new AssertionError("the run printed " + seen + " progress lines before it ended");
        }
        return p;
    }

    /** The cases of a run's results file (its plan and end records left out); every line must read. */
    static List<CaseResult> results(Path outDir) throws IOException {
        ResultsFile.Contents c = ResultsFile.readAll(outDir.resolve("results.jsonl"));
        if (!c.badLines().isEmpty()) {
            throw new AssertionError("unreadable results lines: " + c.badLines());
        }
        return c.cases();
    }

    /** The case with this id in a parsed report.json. */
    static JsonNode caseOf(JsonNode report, String id) {
        for (JsonNode c : report.get("cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no case " + id + " in report.json");
    }

    /** Each case's verdict by case id, sorted; a case id may occur only once. */
    static SortedMap<String, Verdict> verdicts(List<CaseResult> results) {
        return results.stream().collect(Collectors.toMap(CaseResult::id, CaseResult::verdict, (x, y) -> {
            throw new AssertionError("duplicate case id");
        }, TreeMap::new));
    }

    /** Every {@code device.yaml} one level below {@code dir}, sorted; at least {@code atLeast} of them. */
    static java.util.stream.Stream<Path> manifestsUnder(String dir, int atLeast) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of(dir))) {
            List<Path> all = s.map(d -> d.resolve("device.yaml")).filter(Files::isRegularFile).sorted().toList();
            if (all.size() < atLeast) {
                throw new AssertionError("expected at least " + atLeast + " manifests under " + dir + ", found " + all);
            }
            return all.stream();
        }
    }

    /** The rule id on a manifest's {@code breaks:} line. */
    static String breaks(Path manifest) throws IOException {
        return Files.readAllLines(manifest).stream().filter(l -> l.startsWith("breaks:"))
                .map(l -> l.substring("breaks:".length()).replaceAll("#.*", "").trim()).findFirst()
                .orElseThrow(() -> new AssertionError(manifest + " has no breaks: line"));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout (tail) ---\n" + tail(out) + "\n--- stderr ---\n" + tail(err);
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
