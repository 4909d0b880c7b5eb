package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --list} plans and prints case ids without running a case: it creates a device instance only
 * when the plan depends on what an instance claims, says how many it created and why, and writes nothing.
 */
class ListTest {
    private static final String REFNIC = "fixtures/devices/refnic/device.yaml";

    @Test
    void aPlanThatNeedsNoClaimedFeatureCreatesNoInstance(@TempDir Path out) {
        Cli run = Cli.run("run", "--device", REFNIC, "--list", "--only", "Info,DefaultDisables", "--out", out.toString());
        assertEquals(0, run.exit, run::toString);
        assertTrue(run.out.lines().allMatch(l -> l.startsWith("Info/") || l.startsWith("DefaultDisables/")), run.out);
        assertTrue(run.err.contains("read the migration info of 3 implementations and created no instance"), run.err);
        assertTrue(Files.notExists(out.resolve("results.jsonl")), "--list writes no results");
    }

    @Test
    void aPlanFromClaimedFeaturesSaysWhatItCreatedAndWhy(@TempDir Path out) {
        Cli run = Cli.run("run", "--device", REFNIC, "--list", "--only", "FSM-2", "--out", out.toString());
        assertEquals(0, run.exit, run::toString);
        assertTrue(run.out.lines().allMatch(l -> l.startsWith("StateMachine/FSM-2/")), run.out);
        assertTrue(run.err.contains("created 3 instances, one per implementation, to read the migration features it"
                + " claims (StateMachine arcs and pre-copy migrations are planned from them)"), run.err);
    }
}
