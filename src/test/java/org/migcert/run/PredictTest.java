package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code migcert predict}: the grid of what must migrate and what must be refused, from migration
 * info alone; an info that makes an older-to-newer migration impossible is named (exit 1).
 */
class PredictTest {
    @Test
    void theReferenceFamilyMigratesForwardEverywhere() {
        Cli p = Cli.run("predict");
        assertEquals(0, p.exit, p::toString);
        assertTrue(p.out.lines().anyMatch(l -> l.matches("1\\.1 +mtu=1500,rx-filter-size=16 +-> +R +M +M")), p.out);
        assertTrue(p.out.contains("PREDICTION: 38 migrations must succeed, 22 must be refused, 0 older-to-newer"), p.out);
    }

    @Test
    void anInfoThatDropsAValueBreaksForwardMigrationBeforeAnythingRuns() {
        Cli p = Cli.run("predict", "--device", "fixtures/devices/broken/fwd1-drops-value/device.yaml");
        assertEquals(1, p.exit, p::toString);
        assertTrue(p.out.contains("  FWD-1 1.0 [mtu=9000] -> 1.2: mtu=9000 is not allowed by the destination"), p.out);
        assertTrue(p.out.lines().anyMatch(l -> l.matches("1\\.0 +mtu=9000 +-> +M +M +!")), p.out);
    }
}
