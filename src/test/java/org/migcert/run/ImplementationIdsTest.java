package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * An implementation's id is a name, never part of a decision: the refnic family with 1.2 broken
 * (it loses SCRATCH on load) gets the same verdict for every case whether its implementations are
 * called 1.0, 1.1, 1.2 or words that once steered the classification (source-2, load-1, save-3).
 */
class ImplementationIdsTest {
    private static final Map<String, String> RENAMED = Map.of("1.0", "source-2", "1.1", "load-1", "1.2", "save-3");
    private static final String BROKEN_12 = "org.migcert.fixtures.broken.Compat2RefNic12";

    @Test
    void renamedImplementationsGetTheSameVerdicts(@TempDir Path dir) throws IOException {
        String refnic = Files.readString(Path.of("fixtures/devices/refnic/device.yaml"));
        String broken = refnic.replace("org.migcert.fixtures.refnic.RefNic12", BROKEN_12);
        String renamed = broken;
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            renamed = renamed.replace("id: \"" + e.getKey() + "\"", "id: \"" + e.getValue() + "\"");
        }
        Map<String, Verdict> plain = verdicts(dir, "plain", broken, Map.of());
        Map<String, Verdict> words = verdicts(dir, "renamed", renamed, RENAMED);
        assertEquals(plain.keySet(), words.keySet(), "the same cases, ids mapped back");
        assertEquals(plain, words);
        assertEquals(true, plain.containsValue(Verdict.FAIL), "the broken 1.2 fails somewhere: " + plain.values());
    }

    /** Runs the manifest (written next to refnic's so its class names resolve) and maps ids back to 1.x. */
    private static Map<String, Verdict> verdicts(Path dir, String name, String manifest, Map<String, String> renamed)
            throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, manifest);
        Path out = dir.resolve(name);
        Cli run = Cli.run("run", "--device", file.toString(), "--out", out.toString(), "--only",
                "MigrationMatrix,DefaultDisables,Robustness");
        assertEquals(1, run.exit, run::toString);
        Map<String, Verdict> out2 = new TreeMap<>();
        for (CaseResult r : Cli.results(out)) {
            String id = r.id();
            for (Map.Entry<String, String> e : renamed.entrySet()) {
                id = id.replace(e.getValue(), e.getKey());
            }
            out2.put(id, r.verdict());
        }
        return out2;
    }

}
