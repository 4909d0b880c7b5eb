package org.migcert.suites;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.model.MigrationInfo;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;

/**
 * A small reference state is saved once per step and run: later cases get a copy of it and start
 * no helper instance of their own; what one case does to its copy never reaches another.
 */
class ReferenceStatesTest {
    @Test
    void aSmallStateIsSavedOnceAndHandedOutAsCopies() throws Exception {
        Counting impl = new Counting(refnic12());
        Migrator.Step step = new Migrator.Step(impl, impl.info().models().values().iterator().next().initial());
        ReferenceStates references = new ReferenceStates(List.of());
        List<byte[]> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Observation o = references.withState(step, state -> {
                seen.add(state.clone());
                state[0] ^= (byte) 0xff; // a case that damages its input (FSM-5) damages only its own copy
                return Observation.of(Observed.ACCEPTED, state.length + " bytes");
            });
            assertEquals(Observed.ACCEPTED, o.outcome());
        }
        assertEquals(1, impl.created.get(), "one helper saved the state for the three cases");
        assertTrue(seen.get(0).length > 0);
        assertArrayEquals(seen.get(0), seen.get(1));
        assertArrayEquals(seen.get(0), seen.get(2));
        assertEquals(String.valueOf(seen.get(0).length), references.withSize(step, size -> Observation.of(
                Observed.ACCEPTED, String.valueOf(size))).evidence());
        assertEquals(1, impl.created.get(), "the size is known from the same save");
    }

    @Test
    void aSizeMeasuredFirstIsJoinedByTheStateSavedLater() throws Exception {
        Counting impl = new Counting(refnic12());
        Migrator.Step step = new Migrator.Step(impl, impl.info().models().values().iterator().next().initial());
        ReferenceStates references = new ReferenceStates(List.of());
        long[] size = {-1};
        references.withSize(step, n -> {
            size[0] = n;
            return Observation.of(Observed.ACCEPTED, "");
        });
        int[] lengths = new int[2];
        for (int i = 0; i < 2; i++) {
            int at = i;
            references.withState(step, state -> {
                lengths[at] = state.length;
                return Observation.of(Observed.ACCEPTED, "");
            });
        }
        assertEquals(size[0], lengths[0]);
        assertEquals(size[0], lengths[1]);
        assertEquals(2, impl.created.get(), "a measure keeps nothing: the first state is saved once more, then kept");
    }

    private static Implementation refnic12() throws Exception {
        return Adapters.byName("java").open(new ImplementationSpec("1.2", "java",
                new ObjectMapper().createObjectNode().put("class", "org.migcert.fixtures.refnic.RefNic12"),
                Optional.empty(), Path.of("."), "test", Duration.ofSeconds(10)));
    }

    /** An implementation that counts the instances it creates. */
    private static final class Counting implements Implementation {
        private final Implementation real;
        final AtomicInteger created = new AtomicInteger();

        Counting(Implementation real) {
            this.real = real;
        }

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public MigrationInfo info() {
            return real.info();
        }

        @Override
        public DeviceInstance create(Map<String, String> params) {
            created.incrementAndGet();
            return real.create(params);
        }
    }
}
