package org.migcert.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestLoader;
import org.migcert.manifest.ProfileLoader;
import org.migcert.rules.Expected;
import org.migcert.rules.Rule;
import org.migcert.run.OpenedDevice;

/**
 * Each suite planned on its own from the refnic manifest, no CLI and nothing run: its cases check
 * only the rules it declares, every rule it declares gets a case, ids are unique, and a case that
 * cannot apply says why and has no body. The selection is applied by the plan, never by a suite.
 */
class SuitePlanningTest {
    private static final SuiteCatalogue CATALOGUE = SuiteCatalogue.load(SuitePlanningTest.class.getClassLoader());
    private static OpenedDevice device;
    private static SuiteContext ctx;

    @BeforeAll
    static void open() throws Exception {
        DeviceManifest m = ManifestLoader.load(Path.of("fixtures/devices/refnic/device.yaml"));
        device = OpenedDevice.open(m, notice -> { });
        ctx = SuiteContext.plan(m, ProfileLoader.load(Path.of("suites/strict.yaml"), CATALOGUE.rulesBySuite()),
                device.implementations(), device.aliases());
    }

    @AfterAll
    static void close() {
        device.close();
    }

    static Stream<String> suites() {
        return CATALOGUE.suites().stream().map(Suite::name);
    }

    private static List<Case> plan(Suite s, CasePlan.Selection selection) {
        CasePlan plan = new CasePlan(selection);
        s.plan(ctx, plan);
        return plan.bySuite().getOrDefault(s.name(), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void plansItsOwnRulesAndEveryOneOfThem(String name) {
        Suite s = CATALOGUE.byName(name).orElseThrow();
        List<Case> cases = plan(s, CasePlan.Selection.all());
        assertFalse(cases.isEmpty());
        Set<Rule> seen = EnumSet.noneOf(Rule.class);
        for (Case c : cases) {
            assertEquals(name, c.suite(), c.id());
            assertTrue(s.rules().containsAll(c.rules()), c.id() + " enforces " + c.rules() + ", not all of " + s.rules());
            assertTrue(c.id().startsWith(name + "/" + c.rules().get(0).id() + "/"), c.id());
            seen.addAll(c.rules());
            boolean notApplicable = c.expectation().outcome() == Expected.NOT_APPLICABLE;
            assertEquals(notApplicable, c.check().isEmpty(), c.id() + ": a body exactly when applicable");
            assertFalse(c.expectation().because().isBlank(), c.id() + " says why");
        }
        assertEquals(Set.copyOf(s.rules()), seen, name + " plans a case for every rule it declares");
        assertEquals(cases.size(), cases.stream().map(Case::id).distinct().count(), "unique ids");
    }

    @Test
    void theSelectionTrimsRulesAndKeepsIds() {
        Suite matrix = CATALOGUE.byName("MigrationMatrix").orElseThrow();
        List<Case> all = plan(matrix, CasePlan.Selection.all());
        List<Case> compat2 = plan(matrix, new CasePlan.Selection(EnumSet.of(Rule.COMPAT_2), Set.of(), Set.of(),
                Optional.empty()));
        assertFalse(compat2.isEmpty());
        assertTrue(compat2.stream().allMatch(c -> c.rules().equals(List.of(Rule.COMPAT_2))), "only COMPAT-2 is enforced");
        Set<String> ids = all.stream().map(Case::id).collect(Collectors.toSet());
        assertTrue(compat2.stream().allMatch(c -> ids.contains(c.id())), "ids do not depend on the selection");
        assertEquals(all.stream().filter(c -> c.rules().contains(Rule.COMPAT_2)).count(), compat2.size());

        String one = all.get(7).id();
        List<Case> exactly = plan(matrix, new CasePlan.Selection(EnumSet.allOf(Rule.class), Set.of(), Set.of(),
                Optional.of(one)));
        assertEquals(List.of(one), exactly.stream().map(Case::id).toList());
    }

    /** A blocked case points at a finding by id: every such id is a case its suite plans. */
    @Test
    void everyFindingACaseCanBeBlockedOnIsPlanned() {
        Set<String> info = plan(CATALOGUE.byName("Info").orElseThrow(), CasePlan.Selection.all()).stream()
                .map(Case::id).collect(Collectors.toSet());
        Set<String> matrix = plan(CATALOGUE.byName("MigrationMatrix").orElseThrow(), CasePlan.Selection.all()).stream()
                .map(Case::id).collect(Collectors.toSet());
        for (org.migcert.adapter.Implementation impl : ctx.implementations()) {
            for (org.migcert.model.Configuration c : ctx.instantiated(impl)) {
                String finding = Findings.instantiates(new Migrator.Step(impl, c));
                assertTrue(info.contains(finding), finding);
            }
            assertTrue(ctx.instantiated(impl).containsAll(ctx.configurations(impl)));
            String saves = Findings.saves(new Migrator.Step(impl, ctx.model(impl).initial()));
            assertTrue(matrix.contains(saves), saves);
        }
    }

    @Test
    void strictOnlyRulesAreDroppedWhenTheProfileDoesNotSelectThem() {
        Suite dd = CATALOGUE.byName("DefaultDisables").orElseThrow();
        Set<Rule> notStrict = EnumSet.allOf(Rule.class);
        notStrict.remove(Rule.DEFAULT_3);
        List<Case> cases = plan(dd, new CasePlan.Selection(notStrict, Set.of(), Set.of(), Optional.empty()));
        assertTrue(cases.stream().noneMatch(c -> c.rules().contains(Rule.DEFAULT_3)));
        assertTrue(plan(dd, CasePlan.Selection.all()).stream().anyMatch(c -> c.rules().contains(Rule.DEFAULT_3)));
    }

    @Test
    void aSuitePlanningOneIdTwiceIsABugNamedAtOnce() {
        CasePlan plan = new CasePlan(CasePlan.Selection.all());
        Case c = CaseBuilder.in("X").rules(Rule.INFO_1).source(device.implementations().get(0)).config("-")
                .notApplicable("test");
        plan.add(c);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> plan.add(c));
        assertTrue(e.getMessage().contains(c.id()), e.getMessage());
    }
}
