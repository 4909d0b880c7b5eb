package org.migcert.suites;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.UnreadableInfo;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.Profile;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.rules.Oracle;

/**
 * What suites plan from: the manifest, the profile, and the opened implementations in release
 * order with their model info.
 */
public final class SuiteContext {
    private final DeviceManifest manifest;
    private final Profile profile;
    private final List<Implementation> implementations;
    private final List<UnreadableInfo> unreadable;
    private final Map<String, Configuration> aliases;
    /** Planning's only device instances: one per implementation, to read the features it claims. */
    private final Map<Implementation, Long> claimed = new ConcurrentHashMap<>();

    /** A context where every implementation's info was read. */
    public SuiteContext(DeviceManifest manifest, Profile profile, List<Implementation> implementations,
                        Map<String, Configuration> aliases) {
        this(manifest, profile, implementations, List.of(), aliases);
    }

    /**
     * @param unreadable implementations whose migration info could not be read: no case can be planned
     *                   from them but the INFO-1 finding that says so
     * @param aliases    version aliases already resolved to typed configurations by the runner
     */
    public SuiteContext(DeviceManifest manifest, Profile profile, List<Implementation> implementations,
                        List<UnreadableInfo> unreadable, Map<String, Configuration> aliases) {
        this.manifest = manifest;
        this.profile = profile;
        this.implementations = List.copyOf(implementations);
        this.unreadable = List.copyOf(unreadable);
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases)); // alias order is plan order
    }

    public DeviceManifest manifest() {
        return manifest;
    }

    public Profile profile() {
        return profile;
    }

    public List<Implementation> implementations() {
        return implementations;
    }

    /** The implementations left out of the plan because their migration info could not be read. */
    public List<UnreadableInfo> unreadable() {
        return unreadable;
    }

    public Map<String, Configuration> aliases() {
        return aliases;
    }

    /** A migrator applying this manifest's workload and observations. */
    public Migrator migrator() {
        return new Migrator(manifest.workload(), manifest.observe());
    }

    /** The manifest model's info in this implementation (the runner checked every implementation has it). */
    public ModelInfo model(Implementation impl) {
        return impl.info().model(manifest.model()).orElseThrow();
    }

    /** Position in release order: older implementations have smaller indices. */
    public int release(Implementation impl) {
        return implementations.indexOf(impl);
    }

    /**
     * The configuration space of one implementation: every combination of candidate values plus
     * the version aliases it can express, in a stable order. Bounded by the profile (the runner
     * refuses to start when it is exceeded, never cuts silently).
     */
    public List<Configuration> configurations(Implementation impl) {
        ModelInfo m = model(impl);
        Set<Configuration> out = new LinkedHashSet<>(m.exhaustiveConfigurations());
        for (Configuration alias : aliases.values()) {
            if (m.params().keySet().containsAll(alias.values().keySet())) {
                out.add(m.complete(alias));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Every configuration of {@code impl} that a case creates a source (or a reference instance) of:
     * its {@link #configurations configuration space}, and each configuration PARAM-4 gives it as the
     * destination of a possible migration, which DEFAULT-2 and OPT-3 then migrate from. Each is
     * allowed by its info, so each is an INFO-1 case, and a case whose source cannot be created is
     * blocked on that finding.
     */
    public List<Configuration> instantiated(Implementation impl) {
        Set<Configuration> out = new LinkedHashSet<>(configurations(impl));
        for (Implementation from : implementations) {
            ModelInfo m = model(from);
            for (Configuration c : configurations(from)) {
                Oracle.Decision d = Oracle.decide(m, c, impl.info());
                if (d.possible()) {
                    out.add(d.destination());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The MIGRATION flags an instance of {@code impl} at its initial configuration claims (StateMachine
     * arcs and the pre-copy migrations are planned from them). Asked once per implementation: the only
     * instances planning creates, which {@code --list} reports.
     */
    public long claimedFlags(Implementation impl) {
        return claimed.computeIfAbsent(impl, i -> Instances.claimedFlags(i, model(i).initial()));
    }

    /** How many instances planning created so far to read claimed features. */
    public int instancesCreatedToPlan() {
        return claimed.size();
    }

    /** Canonical text of a configuration, with the version alias it matches, if any. */
    public String describe(ModelInfo m, Configuration full) {
        for (Map.Entry<String, Configuration> a : aliases.entrySet()) {
            if (m.params().keySet().containsAll(a.getValue().values().keySet()) && m.complete(a.getValue()).equals(full)) {
                return full.canonical() + " (version=" + a.getKey() + ")";
            }
        }
        return full.canonical();
    }
}
