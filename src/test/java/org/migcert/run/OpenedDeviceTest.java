package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.manifest.ManifestLoader;

/**
 * Opening a device sweeps each adapter's dead runs once, before its first implementation opens, and
 * hands what the sweep says to the run's notices.
 */
class OpenedDeviceTest {
    private static final String SWEPT = "migcert: removed 2 socket directories and 0 processes left by a dead run"
            + " (pid 4242)";

    @Test
    void eachAdapterSweepsOnceBeforeItsFirstImplementationAndTheRunSaysWhat() throws Exception {
        List<String> events = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        try (OpenedDevice d = OpenedDevice.open(ManifestLoader.load(Path.of("fixtures/devices/refnic/device.yaml")),
                notices::add, name -> new Recording(Adapters.byName(name), events))) {
            assertEquals(3, d.implementations().size());
        }
        assertEquals(List.of("sweep java", "open 1.0", "open 1.1", "open 1.2"), events);
        assertEquals(List.of(SWEPT), notices);
    }

    /** An adapter that records its sweeps and opens, and whose sweep found a dead run. */
    private record Recording(Adapter real, List<String> events) implements Adapter {
        @Override
        public String name() {
            return real.name();
        }

        @Override
        public Set<String> settingKeys() {
            return real.settingKeys();
        }

        @Override
        public Implementation open(ImplementationSpec spec) throws AdapterException {
            events.add("open " + spec.id());
            return real.open(spec);
        }

        @Override
        public List<String> sweepDeadRuns() {
            events.add("sweep " + real.name());
            return List.of(SWEPT);
        }
    }
}
