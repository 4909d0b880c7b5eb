package org.migcert.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.adapter.UnreadableInfo;
import org.migcert.manifest.DeclaredConfigurations;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestException;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;

/**
 * A manifest's implementations opened through their adapters, checked to implement the manifest's
 * model, with the version aliases resolved to typed configurations. Closing it closes them all.
 */
public final class OpenedDevice implements AutoCloseable {
    private final List<Implementation> implementations;
    private final List<UnreadableInfo> unreadable;
    private final Map<String, Configuration> aliases;

    private OpenedDevice(List<Implementation> implementations, List<UnreadableInfo> unreadable,
                         Map<String, Configuration> aliases) {
        this.implementations = implementations;
        this.unreadable = unreadable;
        this.aliases = aliases;
    }

    /** Finds an adapter by the name a manifest gives it. */
    @FunctionalInterface
    interface AdapterLookup {
        Adapter byName(String name) throws AdapterException;
    }

    /**
     * Opens every implementation. A manifest mistake stops here (exit 2); an implementation whose own
     * migration info cannot be read is set aside as {@link UnreadableInfo}, the device's fault, and the
     * others open. Before an adapter's first implementation opens, what its dead runs left is removed
     * ({@link Adapter#sweepDeadRuns}) and each line saying so goes to {@code notices}.
     */
    public static OpenedDevice open(DeviceManifest m, Consumer<String> notices) throws ManifestException {
        return open(m, notices, Adapters::byName);
    }

    static OpenedDevice open(DeviceManifest m, Consumer<String> notices, AdapterLookup adapters)
            throws ManifestException {
        Set<String> swept = new HashSet<>();
        List<Implementation> opened = new ArrayList<>();
        List<UnreadableInfo> unreadable = new ArrayList<>();
        try {
            for (int i = 0; i < m.implementations().size(); i++) {
                ImplementationSpec spec = m.implementations().get(i);
                Adapter adapter;
                try {
                    adapter = adapters.byName(spec.adapter());
                } catch (AdapterException e) {
                    throw m.yaml().error("/implementations/" + i + "/adapter", e.getMessage());
                }
                if (swept.add(adapter.name())) {
                    adapter.sweepDeadRuns().forEach(notices);
                }
                Implementation impl;
                try {
                    impl = adapter.open(spec);
                } catch (AdapterException e) {
                    throw new ManifestException(e.getMessage().startsWith(m.file().toString()) ? e.getMessage()
                            : spec.where() + ": " + e.getMessage(), e);
                } catch (DeviceFailedException e) {
                    unreadable.add(new UnreadableInfo(spec.id(), spec.where(), e));
                    continue;
                }
                opened.add(impl);
                if (impl.info().model(m.model()).isEmpty()) {
                    throw new ManifestException(spec.where() + ": implementation '" + spec.id() + "' does not implement"
                            + " model " + m.model() + "; its migration info names " + impl.info().models().keySet()
                            + "; fix 'model:' or the implementation");
                }
            }
            Map<String, ModelInfo> infos = new LinkedHashMap<>();
            opened.forEach(impl -> infos.put(impl.id(), impl.info().model(m.model()).orElseThrow()));
            return new OpenedDevice(opened, unreadable, DeclaredConfigurations.aliases(m, infos, !unreadable.isEmpty()));
        } catch (ManifestException | RuntimeException e) {
            opened.forEach(Implementation::close);
            throw e;
        }
    }

    public List<Implementation> implementations() {
        return implementations;
    }

    /** The implementations whose migration info could not be read, in manifest order. */
    public List<UnreadableInfo> unreadable() {
        return unreadable;
    }

    public Map<String, Configuration> aliases() {
        return aliases;
    }

    /** How many containers opening the implementations started (one per implementation in a container). */
    public long containerStarts() {
        return implementations.stream().mapToLong(Implementation::containerStarts).sum();
    }

    @Override
    public void close() {
        implementations.forEach(Implementation::close);
    }
}
