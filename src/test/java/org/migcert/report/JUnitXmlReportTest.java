package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlReportTest {
    @TempDir
    Path dir;

    private Document render(List<CaseResult> cases) throws Exception {
        Path xml = dir.resolve("junit.xml");
        new JUnitXmlReport().write(xml, Cases.runInfo(), Summary.of(cases), CaseSource.of(cases));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(xml.toFile());
    }

    @Test
    void parsesWithTheRightCounts() throws Exception {
        Document doc = render(Cases.mixed());
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("6", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        assertEquals("1", root.getAttribute("skipped"), "NOT_APPLICABLE is skipped");
        assertEquals(6, doc.getElementsByTagName("testcase").getLength());
        assertEquals(1, doc.getElementsByTagName("failure").getLength());
        assertEquals(1, doc.getElementsByTagName("error").getLength());
        assertEquals(1, doc.getElementsByTagName("skipped").getLength());

        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(4, suites.getLength());
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            NodeList tcs = suite.getElementsByTagName("testcase");
            assertEquals(suite.getAttribute("tests"), Integer.toString(tcs.getLength()));
            for (int j = 0; j < tcs.getLength(); j++) {
                assertEquals(suite.getAttribute("name"), ((Element) tcs.item(j)).getAttribute("classname"));
            }
        }
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        Element failing = (Element) failure.getParentNode();
        assertEquals("MigrationMatrix COMPAT-2 m2", failing.getAttribute("name"));
        assertEquals("0.023", failing.getAttribute("time"));
        assertTrue(failure.getAttribute("message").startsWith("expected MIGRATES, observed DIVERGED: region 0"));
        assertTrue(failure.getTextContent().contains("second line"));
        NodeList skipped = doc.getElementsByTagName("skipped");
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < skipped.getLength(); i++) {
            messages.add(((Element) skipped.item(i)).getAttribute("message"));
        }
        assertEquals(List.of("COMPAT-1 says possible"), messages, "the reason of the NOT_APPLICABLE case");
    }

    @Test
    void blockedIsAnErrorOfTypeBlockedNamingTheFinding() throws Exception {
        Document doc = render(Cases.mixedAndBlocked());
        Element root = doc.getDocumentElement();
        assertEquals("1", root.getAttribute("failures"), "never the failure of a rule it did not check");
        assertEquals("3", root.getAttribute("errors"), "one ERROR and two BLOCKED");
        NodeList errors = doc.getElementsByTagName("error");
        List<String> blocked = new ArrayList<>();
        for (int i = 0; i < errors.getLength(); i++) {
            Element e = (Element) errors.item(i);
            if (e.getAttribute("type").equals("BLOCKED")) {
                blocked.add(e.getAttribute("message"));
            }
        }
        assertEquals(2, blocked.size(), blocked::toString);
        assertTrue(blocked.stream().allMatch(m -> m.startsWith("blocked by " + Cases.FINDING)), blocked::toString);
    }

    @Test
    void hostileTextSurvivesTheRoundTrip() throws Exception {
        String title = "<script>alert(\"1\")</script> & 'q' ]]> \u0001\u0000 \ud800 end";
        String evidence = "stderr: <b>&amp;</b> ]]> \u001b[31mred\u001b[0m";
        List<CaseResult> cases = new ArrayList<>();
        cases.add(Cases.withTitleAndEvidence(Cases.of("h", "Info", Verdict.FAIL, "INFO-1"), title, evidence));
        Document doc = render(cases);
        Element tc = (Element) doc.getElementsByTagName("testcase").item(0);
        assertTrue(tc.getAttribute("name").startsWith("<script>alert(\"1\")</script> & 'q' ]]> "), tc.getAttribute("name"));
        assertTrue(tc.getAttribute("name").endsWith(" end"));
        assertTrue(doc.getElementsByTagName("failure").item(0).getTextContent().contains("<b>&amp;</b> ]]>"));
    }
}
