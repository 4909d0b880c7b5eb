package org.migcert.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Adapters;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.adapter.UnreadableInfo;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestException;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.Value;

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

    /**
     * Opens every implementation. A manifest mistake stops here (exit 2); an implementation whose own
     * migration info cannot be read is set aside as {@link UnreadableInfo}, the device's fault, and the
     * others open.
     */
    public static OpenedDevice open(DeviceManifest m) throws ManifestException {
        List<Implementation> opened = new ArrayList<>();
        List<UnreadableInfo> unreadable = new ArrayList<>();
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
            return new OpenedDevice(opened, unreadable, aliases(m, opened, !unreadable.isEmpty()));
        } catch (ManifestException | RuntimeException e) {
            opened.forEach(Implementation::close);
            throw e;
        }
    }

    /**
     * Each alias parameter must be known to some implementation and typed as it says, and each value
     * allowed by every implementation whose info declares all the alias's parameters (that is where
     * the alias names a configuration): a wrong alias is the manifest's mistake, never the device's.
     */
    private static Map<String, Configuration> aliases(DeviceManifest m, List<Implementation> impls, boolean someUnread)
            throws ManifestException {
        Map<String, Configuration> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> a : m.versions().entrySet()) {
            Configuration c = Configuration.EMPTY;
            for (Map.Entry<String, String> p : a.getValue().entrySet()) {
                String ptr = "/versions/" + a.getKey() + "/" + p.getKey();
                Optional<ParamSpec> spec = impls.stream().map(i -> i.info().model(m.model()).orElseThrow())
                        .map(ModelInfo::params).map(ps -> ps.get(p.getKey())).filter(s -> s != null).findFirst();
                if (spec.isEmpty() && someUnread) {
                    // Perhaps known to an implementation whose info is unreadable: not the manifest's mistake.
                    c = null;
                    break;
                }
                if (spec.isEmpty()) {
                    throw m.yaml().error(ptr, "version '" + a.getKey() + "' names parameter '" + p.getKey()
                            + "' that no implementation knows");
                }
                try {
                    c = c.with(p.getKey(), Value.parse(spec.get().type(), p.getValue()));
                } catch (IllegalArgumentException e) {
                    throw m.yaml().error(ptr, "version '" + a.getKey() + "': " + e.getMessage());
                }
            }
            if (c != null) {
                allowedWhereDeclared(m, impls, a.getKey(), c);
                out.put(a.getKey(), c);
            }
        }
        return out;
    }

    private static void allowedWhereDeclared(DeviceManifest m, List<Implementation> impls, String alias, Configuration c)
            throws ManifestException {
        for (Implementation impl : impls) {
            ModelInfo info = impl.info().model(m.model()).orElseThrow();
            if (!info.params().keySet().containsAll(c.values().keySet())) {
                continue;
            }
            for (Map.Entry<String, Value> p : c.values().entrySet()) {
                ParamSpec spec = info.params().get(p.getKey());
                if (!spec.allows(p.getValue())) {
                    throw m.yaml().error("/versions/" + alias + "/" + p.getKey(), "version '" + alias + "' sets "
                            + p.getKey() + "=" + p.getValue().text() + ", which the migration info of implementation '"
                            + impl.id() + "' does not allow (" + spec.allowedValues().map(Object::toString)
                            .orElse(spec.type().jsonName()) + "); fix the version alias or that info");
                }
            }
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
