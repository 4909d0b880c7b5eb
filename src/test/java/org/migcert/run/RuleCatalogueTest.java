package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.migcert.manifest.Profile;
import org.migcert.manifest.ProfileLoader;
import org.migcert.rules.Rule;
import org.migcert.suites.SuiteCatalogue;

/**
 * The suites found by ServiceLoader are the one source of which suite checks which rule: every
 * rule has exactly one bundled suite, and {@code migcert rules}, the bundled profiles, the rules
 * document and the README table all say the same.
 */
class RuleCatalogueTest {
    private final SuiteCatalogue catalogue = SuiteCatalogue.load(getClass().getClassLoader());

    /** The one suite of each rule, as the catalogue says. */
    private Map<Rule, String> suiteOfEachRule() {
        Map<Rule, String> out = new LinkedHashMap<>();
        catalogue.suitesByRule().forEach((rule, suites) -> {
            assertEquals(1, suites.size(), rule.id() + " must be checked by exactly one bundled suite: " + suites);
            out.put(rule, suites.get(0));
        });
        return out;
    }

    @Test
    void everyRuleHasExactlyOneSuite() {
        assertEquals(Rule.values().length, suiteOfEachRule().size());
    }

    @Test
    void rulesCommandPrintsEachRuleWithItsSuite() {
        Cli r = Cli.run("rules");
        assertEquals(0, r.exit);
        suiteOfEachRule().forEach((rule, suite) -> assertTrue(r.out.lines().anyMatch(l ->
                l.matches(Pattern.quote(rule.id()) + "\\s+" + suite + "\\s+" + Pattern.quote(rule.text()))),
                rule.id() + " " + suite + " in:\n" + r.out));
    }

    @Test
    void bundledProfilesRunEverySuiteAndCoverEveryRule() throws Exception {
        for (String name : List.of("certification", "strict")) {
            Profile p = ProfileLoader.load(Path.of("suites", name + ".yaml"), catalogue.rulesBySuite());
            assertEquals(List.copyOf(catalogue.rulesBySuite().keySet()), p.suites(), name);
            Set<Rule> expected = new TreeSet<>(Set.of(Rule.values()));
            if (!p.strict()) {
                expected.remove(Rule.DEFAULT_3);
            }
            assertEquals(expected, new TreeSet<>(p.rules()), name);
        }
    }

    @Test
    void rulesDocumentStatesEveryRuleWithItsSummaryAndSuite() throws IOException {
        String doc = Files.readString(Path.of("docs/rules.md"));
        Matcher m = Pattern.compile("^### (\\S+)\\s*$", Pattern.MULTILINE).matcher(doc);
        List<String> headings = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            headings.add(m.group(1));
            starts.add(m.start());
        }
        assertEquals(List.of(Rule.values()).stream().map(Rule::id).toList(), headings,
                "one section per rule, in catalogue order");
        Map<Rule, String> suites = suiteOfEachRule();
        for (int i = 0; i < headings.size(); i++) {
            Rule rule = Rule.byId(headings.get(i));
            String section = doc.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : doc.length());
            assertTrue(section.contains("**Summary.** " + rule.text() + "\n"), rule.id() + ": summary must be\n"
                    + rule.text() + "\nin:\n" + section);
            assertTrue(section.contains("**Checked by.** `" + suites.get(rule) + "`"), rule.id() + " is checked by "
                    + suites.get(rule) + "; section:\n" + section);
            assertTrue(section.contains("**Rule.** ") && section.contains("**Why.** "), rule.id() + ": rule and why");
        }
    }

    @Test
    void readmeTableListsEachSuiteWithItsRules() throws IOException {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length > 3 && catalogue.byName(cells[1].trim()).isPresent()) {
                Set<String> ids = new TreeSet<>();
                for (String id : cells[2].split(",")) {
                    ids.add(id.replaceAll("\\(.*\\)", "").trim());
                }
                table.put(cells[1].trim(), ids);
            }
        }
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        catalogue.rulesBySuite().forEach((suite, rules) ->
                expected.put(suite, new TreeSet<>(rules.stream().map(Rule::id).toList())));
        assertEquals(expected, table, "README's suite table (suite | rule ids | what it does)");
    }
}
