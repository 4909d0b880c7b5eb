package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.migcert.manifest.Profile;
import org.migcert.manifest.ProfileLoader;
import org.migcert.rules.Rule;
import org.migcert.suites.Suite;

/** Every rule in scope names a suite that exists, and {@code migcert rules} prints them all. */
class RuleCatalogueTest {
    @Test
    void everyRuleInScopeHasASuiteThatExists() throws Exception {
        Set<String> suites = StreamSupport.stream(ServiceLoader.load(Suite.class).spliterator(), false)
                .map(Suite::name).collect(Collectors.toSet());
        Profile certification = ProfileLoader.load(Path.of("suites/certification.yaml"), Runner.availableSuites());
        assertEquals(suites, Set.copyOf(certification.suites()), "certification runs every suite");
        for (Rule r : RefnicConformanceTest.inScope()) {
            assertNotNull(r.suite(), r.id() + " has no check");
            assertTrue(suites.contains(r.suite()), r.id() + " names suite " + r.suite() + " which does not exist");
        }
        assertNotNull(Rule.DEFAULT_3.suite(), "DEFAULT-3 is checked in the strict profile");
    }

    @Test
    void rulesCommandPrintsEveryRule() {
        Cli r = Cli.run("rules");
        assertEquals(0, r.exit);
        for (Rule rule : Rule.values()) {
            assertTrue(r.out.contains(rule.id()), rule.id());
        }
    }
}
