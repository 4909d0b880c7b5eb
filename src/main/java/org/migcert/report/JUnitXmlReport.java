package org.migcert.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * {@code junit.xml} in the Ant/Surefire JUnit XML format that CI servers read: one {@code <testsuite>}
 * per migcert suite, one {@code <testcase classname=suite name=title>} per case; FAIL becomes
 * {@code <failure>}, ERROR {@code <error>}, NOT_APPLICABLE {@code <skipped>}, and BLOCKED
 * {@code <error type="BLOCKED">} naming the finding's case. Times are in seconds.
 *
 * <p>Why BLOCKED is an error: JUnit's {@code <error>} is a test that could not reach its assertion
 * because something unexpected happened first, which is what BLOCKED is; {@code <skipped>} would
 * let a CI server show green a run that is not conformant (exit 1), and {@code <failure>} would
 * count it as the failure of a rule it never checked.
 *
 * <p>FLAKY is a {@code <failure type="FLAKY">} listing every attempt (not Surefire's {@code <flakyFailure>},
 * which CI servers count as a pass); WAIVED is {@code <skipped>} whose message is the waiver (the
 * convention for known failures, like an expected failure): visible, not a pass, and the run's exit
 * code 4 still tells a pipeline that failures were accepted.
 */
public final class JUnitXmlReport implements ReportFormat {
    public static final String FILE = "junit.xml";


    @Override
    public String fileName() {
        return FILE;
    }

    @Override
    public void write(Path target, RunInfo info, Summary summary, CaseSource cases) throws IOException {
        AtomicFile.write(target, out -> {
            try {
                writeXml(out, info, summary, cases);
            } catch (XMLStreamException e) {
                throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        });
    }

    /** Thrown through {@link CaseSource.Sink} (which only allows IOException) to carry an XML error out. */
    private static final class XmlFailure extends IOException {
        private static final long serialVersionUID = 1L;

        XmlFailure(XMLStreamException cause) {
            super(cause);
        }
    }

    private static void writeXml(OutputStream out, RunInfo info, Summary summary, CaseSource cases)
            throws XMLStreamException, IOException {
        // One pass: Surefire wants each suite's cases together, with their counts and time on the element
        // itself, and the runner appends cases in completion order, interleaving suites. Each suite's
        // test cases go to a temporary file of their own, then the files are copied in suite order.
        // (One pass per suite instead took six seconds of ten at 100,000 cases.)
        Map<String, SuitePart> parts = new LinkedHashMap<>();
        try {
            for (String suite : summary.bySuite().keySet()) {
                parts.put(suite, new SuitePart(Files.createTempFile("migcert-junit-", ".xml")));
            }
            try {
                cases.forEach(r -> {
                    SuitePart part = parts.get(Summary.suiteOf(r));
                    if (part != null) {
                        part.millis += r.durationMs();
                        try {
                            writeCase(part.xml, r);
                        } catch (XMLStreamException e) {
                            throw new XmlFailure(e);
                        }
                    }
                });
            } catch (XmlFailure e) {
                throw (XMLStreamException) e.getCause();
            }
            for (SuitePart part : parts.values()) {
                part.finish();
            }
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            attr(x, "name", info.model() == null ? "migcert" : "migcert " + info.model());
            counts(x, summary.total(), summary.count(Verdict.FAIL) + summary.count(Verdict.FLAKY),
                    summary.count(Verdict.ERROR) + summary.count(Verdict.BLOCKED),
                    summary.count(Verdict.NOT_APPLICABLE) + summary.count(Verdict.WAIVED));
            attr(x, "time", Text.seconds(parts.values().stream().mapToLong(p -> p.millis).sum()));
            x.writeCharacters("\n");
            for (Map.Entry<String, Summary.Counts> suite : summary.bySuite().entrySet()) {
                SuitePart part = parts.get(suite.getKey());
                writeSuiteStart(x, info, suite.getKey(), suite.getValue(), part.millis);
                x.flush();
                Files.copy(part.file, out);
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } finally {
            for (SuitePart part : parts.values()) {
                part.delete();
            }
        }
    }

    /** One suite's test cases while the cases stream by: a temporary file and the suite's total time. */
    private static final class SuitePart {
        final Path file;
        final OutputStream stream;
        final XMLStreamWriter xml;
        long millis;

        SuitePart(Path file) throws IOException, XMLStreamException {
            this.file = file;
            this.stream = new BufferedOutputStream(Files.newOutputStream(file), AtomicFile.BUFFER);
            this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
        }

        void finish() throws IOException, XMLStreamException {
            xml.flush();
            xml.close();
            stream.close();
        }

        void delete() throws IOException {
            stream.close();
            Files.deleteIfExists(file);
        }
    }

    private static void writeSuiteStart(XMLStreamWriter x, RunInfo info, String name, Summary.Counts c, long millis)
            throws XMLStreamException {
        x.writeStartElement("testsuite");
        attr(x, "name", name);
        counts(x, c.total(), c.fail() + c.flaky(), c.error() + c.blocked(), c.notApplicable() + c.waived());
        attr(x, "time", Text.seconds(millis));
        if (info.startedAt() != null) {
            attr(x, "timestamp", info.startedAt());
        }
        x.writeCharacters("\n");
        writeProperties(x, info);
    }

    private static void writeProperties(XMLStreamWriter x, RunInfo info) throws XMLStreamException {
        x.writeStartElement("properties");
        property(x, "migcert.device", info.device());
        property(x, "migcert.profile", info.profile());
        property(x, "migcert.model", info.model());
        property(x, "migcert.version", info.migcertVersion());
        property(x, "migcert.shard", info.shard());
        if (info.provenance() != null) {
            property(x, "migcert.commit", info.provenance().harnessCommit());
            property(x, "migcert.profile.digest", info.provenance().profileDigest());
            property(x, "migcert.manifest.digest", info.provenance().manifestDigest());
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value != null) {
            x.writeEmptyElement("property");
            attr(x, "name", name);
            attr(x, "value", value);
        }
    }

    private static void writeCase(XMLStreamWriter x, CaseResult r) throws XMLStreamException {
        x.writeStartElement("testcase");
        attr(x, "classname", Summary.suiteOf(r));
        attr(x, "name", r.title() == null ? r.id() : r.title());
        attr(x, "time", Text.seconds(r.durationMs()));
        switch (r.verdict()) {
            case FAIL -> problem(x, "failure", r);
            case BLOCKED -> blocked(x, r);
            case ERROR -> problem(x, "error", r);
            case NOT_APPLICABLE -> skipped(x, Text.orEmpty(r.because()));
            case FLAKY -> problem(x, "failure", r);
            case WAIVED -> skipped(x, r.waiver().text());
            case PASS -> {
            }
        }
        if (r.rerun() != null) {
            x.writeStartElement("system-out");
            text(x, "case " + r.id() + "\nrerun: " + r.rerun() + "\n");
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void problem(XMLStreamWriter x, String element, CaseResult r) throws XMLStreamException {
        x.writeStartElement(element);
        String message = (r.verdict() == Verdict.FLAKY ? "flaky: attempts disagree; first " : "") + "expected "
                + r.expected() + ", observed " + r.observed();
        String evidence = Text.firstLine(r.evidence());
        attr(x, "message", evidence.isEmpty() ? message : message + ": " + evidence);
        attr(x, "type", r.verdict() == Verdict.FLAKY ? "FLAKY"
                : String.join(",", r.rules() == null ? java.util.List.of() : r.rules()));
        StringBuilder attempts = new StringBuilder();
        r.attempts().forEach(a -> attempts.append("\nattempt ").append(a.attempt()).append(' ').append(a.verdict())
                .append(' ').append(a.observed()).append(": ").append(a.evidence()));
        text(x, message + (r.because() == null ? "" : "\nbecause: " + r.because()) + attempts
                + (r.evidence() == null ? "" : "\n\n" + r.evidence()));
        x.writeEndElement();
    }

    /** A BLOCKED case: an error of type BLOCKED whose message names the case that reports the finding. */
    private static void blocked(XMLStreamWriter x, CaseResult r) throws XMLStreamException {
        x.writeStartElement("error");
        String message = "blocked by " + r.blockedBy() + ": " + Text.firstLine(r.evidence());
        attr(x, "message", message);
        attr(x, "type", "BLOCKED");
        text(x, message + "\nthe rules of this case (" + Text.rules(r) + ") were not checked: a step that prepares"
                + " it failed, and " + r.blockedBy() + " reports that failure" + (r.evidence() == null ? ""
                : "\n\n" + r.evidence()));
        x.writeEndElement();
    }

    private static void skipped(XMLStreamWriter x, String message) throws XMLStreamException {
        x.writeEmptyElement("skipped");
        attr(x, "message", message);
    }

    private static void counts(XMLStreamWriter x, long tests, long failures, long errors, long skipped)
            throws XMLStreamException {
        attr(x, "tests", Long.toString(tests));
        attr(x, "failures", Long.toString(failures));
        attr(x, "errors", Long.toString(errors));
        attr(x, "skipped", Long.toString(skipped));
    }

    /** The XMLStreamWriter escapes markup but not characters XML cannot hold at all: those are replaced. */
    private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeAttribute(name, Text.forXml(value));
    }

    private static void text(XMLStreamWriter x, String value) throws XMLStreamException {
        x.writeCharacters(Text.forXml(value));
    }
}
