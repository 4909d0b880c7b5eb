package org.migcert.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.migcert.report.RunRecord;

/**
 * The files Allure reads beside the test results: {@code environment.properties} (the run's
 * provenance), {@code executor.json} (migcert and its command line) and {@code categories.json}
 * (device failures, flaky cases, harness errors, blocked, waived and not-applicable cases, each its own
 * category, told apart by the status and the message {@code CaseExecutor} ends each test with).
 */
final class AllureFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AllureFiles() {
    }

    static void write(Path dir, RunRecord.Plan plan) throws IOException {
        Properties env = new Properties();
        env.setProperty("model", String.valueOf(plan.model()));
        env.setProperty("device", String.valueOf(plan.device()));
        env.setProperty("profile", String.valueOf(plan.profile()));
        env.setProperty("implementations", String.join(", ", plan.implementations()));
        env.setProperty("migcert", String.valueOf(plan.migcertVersion()));
        if (plan.provenance() != null) {
            env.setProperty("commit", plan.provenance().harnessCommit());
            env.setProperty("host", plan.provenance().host());
            env.setProperty("java", plan.provenance().java());
            env.setProperty("manifest.digest", plan.provenance().manifestDigest());
            env.setProperty("profile.digest", plan.provenance().profileDigest());
        }
        if (plan.shard() != null) {
            env.setProperty("shard", plan.shard());
        }
        // Properties.store escapes keys and values as Allure reads them, and adds the time it stored them
        // at: that line goes and the entries are sorted, so a rebuild writes the same bytes.
        java.io.StringWriter text = new java.io.StringWriter();
        env.store(text, null);
        String entries = text.toString().lines().filter(l -> !l.startsWith("#")).sorted()
                .collect(java.util.stream.Collectors.joining("\n", "#migcert run " + String.valueOf(plan.runId()).replaceAll("[^A-Za-z0-9-]", "?") + "\n", "\n"));
        InPlaceFile.write(dir.resolve("environment.properties"), entries.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("name", "migcert");
        executor.put("type", "migcert");
        executor.put("buildName", "migcert " + plan.migcertVersion() + " run " + plan.runId());
        executor.put("reportName", "migcert: " + plan.model());
        executor.put("buildUrl", plan.commandLine());
        InPlaceFile.write(dir.resolve("executor.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(executor));
        InPlaceFile.write(dir.resolve("categories.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(List.of(
                category("Device failures: a rule is broken", List.of("failed"), "(?!flaky: ).*"),
                category("Flaky: attempts with identical inputs disagree (never a pass)", List.of("failed"), "flaky: .*"),
                category("Blocked: the device failed a step that prepares the case", List.of("broken"), "blocked by .*"),
                category("Harness errors: no verdict on the device", List.of("broken"), "harness error.*"),
                category("Not applicable (never a pass)", List.of("skipped"), "not applicable.*"),
                category("Waived: known failures accepted until their waiver expires (never a pass)",
                        List.of("skipped"), "waived until .*"))));
    }

    private static Map<String, Object> category(String name, List<String> statuses, String messageRegex) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("matchedStatuses", statuses);
        if (messageRegex != null) {
            c.put("messageRegex", "(?s)" + messageRegex);
        }
        return c;
    }
}
