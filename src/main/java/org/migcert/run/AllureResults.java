package org.migcert.run;

import io.qameta.allure.internal.Allure2ModelJackson;
import io.qameta.allure.internal.shadowed.jackson.databind.ObjectWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.migcert.report.JudgedCases;
import org.migcert.report.ResultsFile;
import org.migcert.report.RunRecord;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Rule;
import org.migcert.suites.Suite;
import org.migcert.suites.SuiteCatalogue;

/**
 * A run's {@code allure-results} directory, written from its {@code results.jsonl} alone with
 * Allure's own model and writer, so {@code run}, {@code merge} and {@code report --from} all produce
 * it the same way. Each case becomes one test result: its suite, rules and implementations as labels
 * (so Allure groups by rule and pair), the rules' text as description, the expectation, evidence and
 * rerun command as attachments, its stable case id as history and test-case id (a name-based UUID,
 * so Allure's history follows a case from one nightly run to the next whatever its title), and the
 * message its JUnit test ended with, which {@code categories.json} matches on. Beside them
 * {@link AllureFiles}: environment, executor and categories.
 */
final class AllureResults {
    /** The directory, inside a run's output directory. */
    static final String DIR = "allure-results";
    private static final String TEST_METHOD = "cases";
    /** Each case's attachments, in the order Allure shows them. */
    private static final List<String> ATTACHMENTS = List.of("expectation", "evidence", "rerun");
    private static final String WAIVER = "waiver";
    private static final String ATTEMPTS = "attempts";
    private static final String RESULT_SUFFIX = "-result.json";
    private static final String ATTACHMENT_SUFFIX = "-attachment.txt";

    private final SuiteCatalogue suites;
    /** Allure's own mapper, as its {@code FileSystemResultsWriter} writes with: the files keep Allure's format. */
    private final ObjectWriter json = Allure2ModelJackson.createMapper().writer();

    AllureResults(SuiteCatalogue suites) {
        this.suites = suites;
    }

    /**
     * Makes {@code dir} hold the Allure results of the run in {@code results}: files of an earlier
     * write that this run also has are overwritten in place or kept, the others removed; directories
     * in it (an Allure {@code history/} carried over from the last report) are kept. In place, because
     * creating a file costs far more than rewriting one on a file system that has just freed as many
     * (ext4 scans for an inode not recently deleted: about 1 ms a file on this project's machine), and
     * over the bytes already there ({@link InPlaceFile}).
     */
    void write(ResultsFile results, Path dir) throws IOException {
        RunRecord.Plan plan = results.records().plan().orElse(null);
        Files.createDirectories(dir);
        // By file name: a name is cheaper to hash than a path, and there are thousands of files.
        Set<String> stale = new HashSet<>();
        try (Stream<Path> old = Files.list(dir)) {
            old.filter(Files::isRegularFile).forEach(f -> stale.add(f.getFileName().toString()));
        }
        String host = plan == null || plan.provenance() == null ? null : plan.provenance().host();
        // As every report shows them: the attempts of a case made one case, waivers in force applied.
        JudgedCases.ofRun(results).forEach(r -> {
            List<Attached> attached = attachments(r);
            TestResult t = testResult(r, host, attached);
            for (Attached a : attached) {
                stale.remove(a.source());
                // Named after its content: a whole file of that name already holds it (a write cut short by a
                // crash left a shorter one, replaced here).
                Path file = dir.resolve(a.source());
                if (!InPlaceFile.holds(file, a.text().length)) {
                    InPlaceFile.write(file, a.text());
                }
            }
            String name = t.getUuid() + RESULT_SUFFIX;
            InPlaceFile.write(dir.resolve(name), json.writeValueAsBytes(t));
            stale.remove(name);
        });
        for (String f : stale) {
            Files.deleteIfExists(dir.resolve(f));
        }
        if (plan != null) {
            AllureFiles.write(dir, plan);
        }
    }

    /** One attachment of a case: its name, its text, and the file that holds it, named after both. */
    private record Attached(String name, byte[] text, String source) {
    }

    /** One case as Allure's test result, with its attachments. */
    private TestResult testResult(CaseResult r, String host, List<Attached> attached) {
        // Named after the case alone: a run written again into the same directory rewrites the same files.
        String uuid = uuid("result/" + r.id());
        String stable = uuid(r.id());
        String testClass = suites.byName(r.suite()).map(Suite::testClass).map(Class::getName).orElse(r.suite());
        TestResult t = new TestResult().setUuid(uuid).setHistoryId(stable).setTestCaseId(stable)
                .setTestCaseName(r.title()).setName(r.title()).setFullName(testClass + "." + TEST_METHOD)
                .setTitlePath(titlePath(testClass)).setLabels(labels(r, testClass, host))
                .setStatus(status(r)).setStage(Stage.FINISHED).setDescription(description(r))
                .setParameters(List.of(parameter("rules", String.join(" ", r.rules())), parameter("source", r.source()),
                        parameter("destination", r.destination() == null ? "-" : r.destination()),
                        parameter("configuration", r.configuration()), parameter("case", r.id())));
        if (r.endMessage() != null) {
            // Allure marks flaky cases by this flag (its own icon and filter), not by message or category.
            t.setStatusDetails(new StatusDetails().setMessage(r.endMessage())
                    .setFlaky(r.verdict() == org.migcert.rules.Verdict.FLAKY));
        }
        t.setAttachments(attached.stream().map(a -> new Attachment().setName(a.name()).setType("text/plain")
                .setSource(a.source())).toList());
        Long stop = epochMillis(r.finishedAt());
        if (stop != null) {
            t.setStop(stop).setStart(stop - r.durationMs());
        }
        return t;
    }

    /**
     * The attachments of a case: always expectation, evidence and rerun; the waiver and the attempts when it
     * has them. Each file is named after the attachment's name and text (a name-based UUID of
     * {@code name + "\n" + text}), so equal attachments of many cases are one file.
     */
    private static List<Attached> attachments(CaseResult r) {
        List<String> names = new ArrayList<>(ATTACHMENTS);
        if (r.waiver() != null) {
            names.add(WAIVER);
        }
        if (!r.attempts().isEmpty()) {
            names.add(ATTEMPTS);
        }
        List<Attached> attached = new ArrayList<>(names.size());
        for (String name : names) {
            byte[] text = attachmentText(r, name);
            byte[] head = (name + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] named = Arrays.copyOf(head, head.length + text.length);
            System.arraycopy(text, 0, named, head.length, text.length);
            attached.add(new Attached(name, text, UUID.nameUUIDFromBytes(named) + ATTACHMENT_SUFFIX));
        }
        return attached;
    }

    /** The text of the attachment {@code name} of a case. */
    private static byte[] attachmentText(CaseResult r, String name) {
        String text = switch (name) {
            case "expectation" -> r.expected() + ": " + r.because();
            case "evidence" -> r.observed() + " in " + r.phase() + " (" + r.role() + "): " + r.evidence();
            case WAIVER -> r.waiver().text() + "\n" + r.waiver().names() + " at " + r.waiver().where();
            case ATTEMPTS -> r.attempts().stream().map(a -> "attempt " + a.attempt() + ": " + a.verdict() + " "
                    + a.observed() + ": " + a.evidence()).collect(Collectors.joining("\n"));
            default -> r.rerun();
        };
        return String.valueOf(text).getBytes(StandardCharsets.UTF_8);
    }

    /** The suite class as JUnit reported it: package parts, class, test factory. */
    private static List<String> titlePath(String testClass) {
        List<String> path = new ArrayList<>(List.of(testClass.split("\\.")));
        path.add(TEST_METHOD + "(SuiteRun)");
        return path;
    }

    private static List<Label> labels(CaseResult r, String testClass, String host) {
        List<Label> labels = new ArrayList<>();
        if (host != null) {
            labels.add(label("host", host));
        }
        labels.add(label("framework", "junit-platform"));
        labels.add(label("language", "java"));
        labels.add(label("package", testClass));
        labels.add(label("testClass", testClass));
        labels.add(label("testMethod", TEST_METHOD));
        labels.add(label("suite", testClass));
        labels.add(label("epic", r.suite()));
        r.rules().stream().findFirst().ifPresent(id -> labels.add(label("feature", id)));
        labels.add(label("story", r.destination() == null ? r.source() : r.source() + " -> " + r.destination()));
        r.rules().forEach(id -> labels.add(label("tag", id)));
        labels.add(label("source", r.source()));
        if (r.destination() != null) {
            labels.add(label("destination", r.destination()));
        }
        return labels;
    }

    /** How the case's JUnit test ended: FAIL and FLAKY failed it, BLOCKED and ERROR broke it, NOT_APPLICABLE and WAIVED aborted it. */
    private static Status status(CaseResult r) {
        return switch (r.verdict()) {
            case PASS -> Status.PASSED;
            case FAIL, FLAKY -> Status.FAILED;
            case BLOCKED, ERROR -> Status.BROKEN;
            case NOT_APPLICABLE, WAIVED -> Status.SKIPPED;
        };
    }

    private static String description(CaseResult r) {
        return r.rules().stream().map(Rule::byId).filter(Objects::nonNull).map(rule -> rule.id() + ": " + rule.text())
                .collect(Collectors.joining("\n\n"));
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Long epochMillis(String instant) {
        try {
            return instant == null ? null : IsoInstant.parse(instant).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null; // an older or hand-edited line: Allure shows the case without timing
        }
    }
}
