package org.migcert.allure;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test cases of a rendered Allure report by Allure's status, as its {@code widgets/summary.json}
 * counts them: what the report shows, read back so the console can say it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportStatistic(int total, int passed, int failed, int broken, int skipped, int unknown) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ReportStatistic of(Path report) throws AllureException {
        Path summary = report.resolve("widgets").resolve("summary.json");
        try {
            JsonNode s = Files.isRegularFile(summary) ? JSON.readTree(summary.toFile()).get("statistic") : null;
            if (s == null) {
                throw new AllureException(AllureException.Kind.FAILED, "the report has no statistic in " + summary);
            }
            return JSON.treeToValue(s, ReportStatistic.class);
        } catch (IOException e) {
            throw new AllureException(AllureException.Kind.FAILED, summary + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return total + " test cases: " + passed + " passed, " + failed + " failed, " + broken + " broken, " + skipped
                + " skipped" + (unknown > 0 ? ", " + unknown + " unknown" : "");
    }
}
