package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.json} and {@code junit.xml} of a fixed run compared with golden files in
 * {@code src/test/resources/reports/}, after the values that differ from run to run (times,
 * durations, run id, host, Java, commit, absolute paths, digests of the jar) are replaced by fixed
 * placeholders: a change of either format shows as a diff to review. Rerun with
 * {@code -Dmigcert.golden.update=true} when a change is meant, and review the files' diff.
 */
class GoldenReportsTest {
    private static final Path DIR = Path.of("src/test/resources/reports");
    /** What changes from run to run, and the placeholder that stands for it. */
    private static final List<String[]> VOLATILE = List.of(
            new String[] {"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME"},
            new String[] {"\"durationMs\" : \\d+", "\"durationMs\" : 0"},
            new String[] {"time=\"[0-9.]+\"", "time=\"0\""},
            new String[] {"\\(\\d+ ms\\)", "(0 ms)"},
            new String[] {"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID"},
            new String[] {"\"harnessCommit\" : \"[^\"]*\"", "\"harnessCommit\" : \"COMMIT\""},
            new String[] {"\"host\" : \"[^\"]*\"", "\"host\" : \"HOST\""},
            new String[] {"\"java\" : \"[^\"]*\"", "\"java\" : \"JAVA\""},
            new String[] {"\"codeDigest\" : \"[^\"]*\"", "\"codeDigest\" : \"JAR\""},
            new String[] {"name=\"migcert.commit\" value=\"[^\"]*\"", "name=\"migcert.commit\" value=\"COMMIT\""},
            new String[] {"hostname=\"[^\"]*\"", "hostname=\"HOST\""});

    @Test
    void reportJsonAndJunitXmlAreAsRecorded(@TempDir Path out) throws IOException {
        Cli run = Cli.run("run", "--device", "fixtures/devices/broken/param1-accepts-unknown/device.yaml", "--only",
                "PARAM-1,PARAM-2", "--jobs", "1", "--out", out.toString());
        assertEquals(1, run.exit, run::toString);
        for (String name : List.of("report.json", "junit.xml")) {
            String now = normalise(Files.readString(out.resolve(name)), out);
            Path golden = DIR.resolve("param1-accepts-unknown." + name);
            if (Boolean.getBoolean("migcert.golden.update")) {
                Files.writeString(golden, now);
            }
            assertEquals(Files.readString(golden), now, name + " differs from " + golden
                    + " (rerun with -Dmigcert.golden.update=true if intended, and review the diff)");
        }
    }

    private static String normalise(String text, Path out) {
        String s = text.replace(out.toAbsolutePath().toString(), "OUT")
                .replace(Path.of("").toAbsolutePath().toString(), "HOME");
        for (String[] v : VOLATILE) {
            s = Pattern.compile(v[0]).matcher(s).replaceAll(Matcher.quoteReplacement(v[1]));
        }
        return s;
    }
}
