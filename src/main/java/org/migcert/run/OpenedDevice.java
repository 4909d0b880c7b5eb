package org.migcert.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.manifest.DeclaredConfigurations;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestException;
import org.migcert.model.Configuration;

/**
 * A manifest's implementations opened through their adapters, checked to implement the manifest's
 * model, with the version aliases resolved to typed configurations. Closing it closes them all.
 */
public final class OpenedDevice implements AutoCloseable {
    private final List<Implementation> implementations;
    private final Map<String, Configuration> aliases;

    private OpenedDevice(List<Implementation> implementations, Map<String, Configuration> aliases) {
        this.implementations = implementations;
        this.aliases = aliases;
    }

    public static OpenedDevice open(DeviceManifest m) throws ManifestException {
        List<Implementation> opened = new ArrayList<>();
        try {
            for (int i = 0; i < m.implementations().size(); i++) {
                ImplementationSpec spec = m.implementations().get(i);
                Adapter adapter;
                try {
                    adapter = Adapters.byName(spec.adapter());
                } catch (AdapterException e) {
                    throw m.yaml().error("/implementations/" + i + "/adapter", e.getMessage());
                }
                Implementation impl;
                try {
                    impl = adapter.open(spec);
                } catch (AdapterException e) {
                    throw new ManifestException(e.getMessage().startsWith(m.file().toString()) ? e.getMessage()
                            : spec.where() + ": " + e.getMessage(), e);
                }
                opened.add(impl);
                if (impl.info().model(m.model()).isEmpty()) {
                    throw new ManifestException(spec.where() + ": implementation '" + spec.id() + "' does not implement"
                            + " model " + m.model() + "; its migration info names " + impl.info().models().keySet()
                            + "; fix 'model:' or the implementation");
                }
            }
            return new OpenedDevice(opened, DeclaredConfigurations.aliases(m, opened.stream()
                    .map(i -> i.info().model(m.model()).orElseThrow()).toList()));
        } catch (ManifestException | RuntimeException e) {
            opened.forEach(Implementation::close);
            throw e;
        }
    }

    public List<Implementation> implementations() {
        return implementations;
    }

    public Map<String, Configuration> aliases() {
        return aliases;
    }

    @Override
    public void close() {
        implementations.forEach(Implementation::close);
    }
}
