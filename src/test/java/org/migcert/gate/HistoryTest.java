package org.migcert.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.run.Cli;

/**
 * {@code run --history DIR}: one compact line per run, keyed by failing case ids, so a nightly run
 * says what broke and what was fixed since the last one; the file is capped and survives a torn line.
 */
class HistoryTest {
    @Test
    void eachRunSaysWhatChangedSinceTheLast(@TempDir Path dir) {
        Path history = dir.resolve("history");
        Cli first = Cli.run("run", "--only", "PARAM-1", "--out", dir.resolve("1").toString(), "--history", history.toString());
        assertTrue(first.out.contains("history: 1 runs in " + history.resolve(History.FILE)), first.out);
        Cli second = Cli.run("run", "--device", "fixtures/devices/broken/param1-accepts-unknown/device.yaml", "--only",
                "PARAM-1", "--out", dir.resolve("2").toString(), "--history", history.toString());
        assertTrue(second.out.contains("history: 2 runs in") && second.out.contains("; 1 newly failing, 0 fixed since "),
                second.out);
        assertTrue(second.out.contains(" NOT_CONFORMANT 22 pass, 1 fail, 0 blocked, 0 error of 23"), second.out);
        Cli third = Cli.run("run", "--only", "PARAM-1", "--out", dir.resolve("3").toString(), "--history", history.toString());
        assertTrue(third.out.contains("; 0 newly failing, 1 fixed since "), third.out);
    }

    @Test
    void theHistoryIsCappedAndSkipsATornLine(@TempDir Path dir) throws IOException {
        History.Entry e = new History.Entry("r", "2026-12-01T00:00:00Z", "m", "p", "CONFORMANT", 1, Map.of(), List.of(), 0);
        for (int i = 0; i < History.CAP + 5; i++) {
            History.append(dir, e);
        }
        Files.writeString(dir.resolve(History.FILE), "{\"runId\": \"torn", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(History.CAP, History.read(dir).size());
        History.append(dir, e);
        assertEquals(History.CAP, History.read(dir).size());
    }
}
