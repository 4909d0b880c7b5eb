package org.migcert.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Shards split a plan into disjoint slices that cover it, by each case id alone. */
class ShardTest {
    @Property(tries = 200)
    void everyIdIsInExactlyOneShard(@ForAll @Size(max = 50) List<String> ids, @ForAll @IntRange(min = 1, max = 40) int n) {
        for (String id : ids) {
            long in = IntStream.rangeClosed(1, n).filter(i -> new Shard(i, n).contains(id)).count();
            assertEquals(1, in, id + " in " + in + " of " + n + " shards");
        }
    }

    @Test
    void slicesAreStableAcrossRunsAndRoughlyEven() {
        // Pinned (computed independently: SHA-256's first 8 bytes, big-endian, unsigned, modulo n, plus 1):
        // a case's shard must not change between migcert versions or JVMs, or shards of one plan never merge.
        assertTrue(new Shard(2, 3).contains("Info/INFO-1/1.0/mtu=1500/allowed-value"));
        assertTrue(new Shard(4, 7).contains("Info/INFO-1/1.0/mtu=1500/allowed-value"));
        assertTrue(new Shard(6, 7).contains("MigrationMatrix/COMPAT-1/1.0>1.2/mtu=1500"));
        int[] counts = new int[4];
        for (int k = 0; k < 4000; k++) {
            String id = "Suite/RULE-" + k;
            for (int i = 1; i <= 4; i++) {
                if (new Shard(i, 4).contains(id)) {
                    counts[i - 1]++;
                }
            }
        }
        for (int c : counts) {
            assertTrue(c > 850 && c < 1150, java.util.Arrays.toString(counts));
        }
    }

    @Test
    void parsesAndRefusesWhatIsNotAShard() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
        for (String bad : List.of("3", "0/3", "4/3", "a/3", "1/0", "1/100000", "-1/2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
            assertTrue(e.getMessage().contains("i/n"), e.getMessage());
        }
    }

    @Test
    void anIndexedJobsPodRunsTheShardAfterItsZeroBasedIndex() {
        assertEquals(new Shard(1, 3), Shard.ofJobIndex("0", 3).orElseThrow());
        assertEquals(new Shard(3, 3), Shard.ofJobIndex("2", 3).orElseThrow());
        assertTrue(Shard.ofJobIndex(null, 3).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Shard.ofJobIndex("3", 3));
        assertThrows(IllegalArgumentException.class, () -> Shard.ofJobIndex("x", 3));
    }
}
