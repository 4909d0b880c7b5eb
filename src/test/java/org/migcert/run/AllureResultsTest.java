package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Allure results of a run: each case labelled by suite, rule and implementations, described by
 * its rules' text, with its evidence attached and its stable case id as history id; beside them the
 * run's environment, executor and categories.
 */
class AllureResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void casesCarryLabelsEvidenceAndAStableHistoryId(@TempDir Path out) throws IOException {
        Path allure = runParam1(out);
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> s = Files.list(allure)) {
            for (Path f : s.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                results.add(JSON.readTree(f.toFile()));
            }
        }
        assertEquals(Cli.results(out).size(), results.size());
        String failing = "Info/PARAM-1/1.2/migcert-unknown-param=1/unknown-name";
        JsonNode r = results.stream().filter(n -> n.toString().contains(failing)).findFirst().orElseThrow();
        assertEquals("failed", r.get("status").asText());
        assertEquals(UUID.nameUUIDFromBytes(failing.getBytes(StandardCharsets.UTF_8)).toString(), r.get("historyId").asText());
        String labels = r.get("labels").toString();
        assertTrue(labels.contains("{\"name\":\"epic\",\"value\":\"Info\"}") && labels.contains("\"value\":\"PARAM-1\"")
                && labels.contains("{\"name\":\"source\",\"value\":\"1.2\"}"), labels);
        assertTrue(r.get("description").asText().startsWith("PARAM-1: "), r.get("description").asText());
        assertTrue(r.get("attachments").toString().contains("\"name\":\"evidence\""), r.get("attachments").toString());
        for (String f : List.of("environment.properties", "executor.json", "categories.json")) {
            assertTrue(Files.isRegularFile(allure.resolve(f)), f);
        }
        assertTrue(Files.readString(allure.resolve("environment.properties")).contains("model=example.org/refnic"));
        assertTrue(Files.readString(allure.resolve("categories.json")).contains("Device failures"));
        // The message Allure's categories match on is the one the case's JUnit test failed with.
        assertTrue(r.get("statusDetails").get("message").asText().contains("\nrerun: "), r.toString());
    }

    @Test
    void reportFromRebuildsTheSameAllureResults(@TempDir Path out) throws IOException {
        Path allure = runParam1(out);
        Map<String, String> written = contents(allure);
        Files.createDirectories(allure.resolve("history")); // carried over from the last Allure report: kept
        Files.writeString(allure.resolve("stale-result.json"), "{}");
        Cli report = Cli.run("report", "--from", out.resolve("results.jsonl").toString());
        assertEquals(1, report.exit, report::toString);
        Map<String, String> rebuilt = contents(allure);
        assertEquals(written.keySet(), rebuilt.keySet(), "the same files, the stale one gone");
        written.forEach((name, text) -> assertEquals(text, rebuilt.get(name), name));
        assertTrue(Files.isDirectory(allure.resolve("history")));
    }

    @Test
    void reportFromWithoutAllureLeavesNoStaleAllureResults(@TempDir Path out) throws IOException {
        Path allure = runParam1(out);
        String json = Files.readString(out.resolve("report.json"));
        Cli report = Cli.run("report", "--from", out.resolve("results.jsonl").toString(), "--no-allure");
        assertEquals(1, report.exit, report::toString);
        assertFalse(Files.exists(allure), "an allure-results not rebuilt is removed, never left to look current");
        assertEquals(json, Files.readString(out.resolve("report.json")), "the other reports are rebuilt as ever");
    }

    /** The PARAM-1 cases of a device that accepts an unknown parameter (one fails); its Allure results directory. */
    private static Path runParam1(Path out) {
        Cli run = Cli.run("run", "--device", "fixtures/devices/broken/param1-accepts-unknown/device.yaml", "--only",
                "PARAM-1", "--out", out.toString());
        assertEquals(1, run.exit, run::toString);
        return out.resolve("allure-results");
    }

    /** Every file of a directory by name, with its content. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                files.put(name, Files.readString(f));
            }
        }
        return files;
    }
}
