package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    private static final String BROKEN = "fixtures/devices/broken/param1-accepts-unknown/device.yaml";
    /** What changes from run to run, and the placeholder that stands for it. */
    private static final List<String[]> VOLATILE = List.of(
            new String[] {"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME"},
            new String[] {"\\b\\d{4}-\\d\\d-\\d\\d\\b", "DATE"},
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
        Cli run = Cli.run("run", "--device", BROKEN, "--only", "PARAM-1,PARAM-2", "--jobs", "1", "--out", out.toString());
        assertEquals(1, run.exit, run::toString);
        assertGolden(out, "param1-accepts-unknown");
    }

    /** The same failure under a waiver (its expiry a month ahead, recorded as DATE): WAIVED, with the waiver. */
    @Test
    void aWaivedRunIsAsRecorded(@TempDir Path out, @TempDir Path in) throws IOException {
        Path waivers = Files.writeString(in.resolve("waivers.yaml"), "waivers:\n  - rule: PARAM-1\n"
                + "    reason: unknown parameters are ignored until the 1.3 parser lands\n"
                + "    tracking: https://bugs.example.com/42\n    expires: "
                + LocalDate.now(ZoneOffset.UTC).plusDays(30) + "\n    owner: nic-team\n");
        Cli run = Cli.run("run", "--device", BROKEN, "--profile", "suites/nightly.yaml", "--only", "PARAM-1,PARAM-2",
                "--jobs", "1", "--out", out.toString(), "--waivers", waivers.toString());
        assertEquals(4, run.exit, run::toString);
        assertGolden(out, "param1-waived", in);
    }

    /** @param inputs directories the run read from besides the repository, each recorded as IN */
    private static void assertGolden(Path out, String prefix, Path... inputs) throws IOException {
        for (String name : List.of("report.json", "junit.xml")) {
            String text = Files.readString(out.resolve(name));
            for (Path in : inputs) {
                text = text.replace(in.toAbsolutePath().toString(), "IN");
            }
            String now = normalise(text, out);
            Path golden = DIR.resolve(prefix + "." + name);
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
