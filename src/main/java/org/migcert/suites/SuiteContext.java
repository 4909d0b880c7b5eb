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
import org.migcert.manifest.DeclaredConfigurations;
import org.migcert.manifest.DeclaredConstraint;
import org.migcert.manifest.DeclaredConstraints;
import org.migcert.manifest.DeviceManifest;
import org.migcert.manifest.ManifestException;
import org.migcert.manifest.Profile;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.Sampling;
import org.migcert.model.Value;
import org.migcert.model.constraint.Constraint;
import org.migcert.model.coverage.Effort;
import org.migcert.model.coverage.PlannedSpace;
import org.migcert.model.coverage.SpaceException;
import org.migcert.model.coverage.SpacePlanner;
import org.migcert.model.coverage.SpaceSummary;
import org.migcert.rules.Oracle;

/**
 * What suites plan from: the manifest, the profile, the opened implementations in release order
 * with their model info, and each implementation's configuration space, planned once.
 */
public final class SuiteContext {
    private final DeviceManifest manifest;
    private final Profile profile;
    private final List<Implementation> implementations;
    private final List<UnreadableInfo> unreadable;
    private final Map<String, Configuration> aliases;
    private final Sampling sampling;
    /** By implementation id, in release order. */
    private final Map<String, PlannedSpace> spaces;
    /** Planning's only device instances: one per implementation, to read the features it claims. */
    private final Map<Implementation, Long> claimed = new ConcurrentHashMap<>();

    private SuiteContext(DeviceManifest manifest, Profile profile, List<Implementation> implementations,
                         List<UnreadableInfo> unreadable, Map<String, Configuration> aliases, Sampling sampling,
                         Map<String, PlannedSpace> spaces) {
        this.manifest = manifest;
        this.profile = profile;
        this.implementations = List.copyOf(implementations);
        this.unreadable = List.copyOf(unreadable);
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases)); // alias order is plan order
        this.sampling = sampling;
        this.spaces = Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
    }

    /** {@link #plan(DeviceManifest, Profile, List, List, Map) Plans} a context where every implementation's info was read. */
    public static SuiteContext plan(DeviceManifest manifest, Profile profile, List<Implementation> implementations,
                                    Map<String, Configuration> aliases) throws ManifestException, SpaceException {
        return plan(manifest, profile, implementations, List.of(), aliases);
    }

    /**
     * Checks what the manifest and profile declare against the implementations' info (constraints,
     * must-have configurations, strength groups), then plans each implementation's configuration
     * space: sized from candidate counts first, so a space past the profile's bound is refused at
     * once, and a generated covering array is checked independently before any case is planned.
     *
     * @param unreadable implementations whose migration info could not be read: no case can be planned
     *                   from them but the INFO-1 finding that says so (and a name only they may know is
     *                   no mistake of the manifest)
     * @param aliases    version aliases already resolved to typed configurations by the runner
     * @throws ManifestException for a declaration that does not fit the device, or a space past its bound
     * @throws SpaceException    when a generated array fails the independent check (the harness's fault)
     */
    public static SuiteContext plan(DeviceManifest manifest, Profile profile, List<Implementation> implementations,
                                    List<UnreadableInfo> unreadable, Map<String, Configuration> aliases)
            throws ManifestException, SpaceException {
        Map<String, ModelInfo> infos = new LinkedHashMap<>();
        implementations.forEach(i -> infos.put(i.id(), i.info().model(manifest.model()).orElseThrow()));
        boolean someUnread = !unreadable.isEmpty();
        List<Constraint> constraints = DeclaredConstraints.check(manifest, infos, someUnread);
        List<Configuration> listed = DeclaredConfigurations.mustHave(manifest, infos, someUnread);
        DeclaredConstraints.checkNamed(manifest, infos, aliases, listed);
        DeclaredConstraints.checkGroups(profile, infos, someUnread);
        SpacePlanner planner = new SpacePlanner(profile.configurations().tWay(), profile.maxConfigurations(),
                Effort.STANDARD);
        Map<String, PlannedSpace> spaces = new LinkedHashMap<>();
        for (Map.Entry<String, ModelInfo> e : infos.entrySet()) {
            ModelInfo m = e.getValue();
            List<Configuration> given = new ArrayList<>();
            for (Configuration c : concat(aliases.values(), listed)) {
                if (m.params().keySet().containsAll(c.values().keySet())) {
                    given.add(m.complete(c));
                }
            }
            try {
                spaces.put(e.getKey(), planner.plan(m, constraints, given));
            } catch (SpaceException x) {
                if (x.harnessFault()) {
                    throw x;
                }
                throw new ManifestException(profile.file() + ": implementation " + e.getKey() + " " + x.getMessage()
                        + " (profile " + profile.name() + ")");
            }
        }
        return new SuiteContext(manifest, profile, implementations, unreadable, aliases, planner.sampling(), spaces);
    }

    private static List<Configuration> concat(java.util.Collection<Configuration> a, List<Configuration> b) {
        List<Configuration> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
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
     * The configuration space of one implementation, as the profile chose it ({@link SpacePlanner}):
     * every combination of candidate values, or a covering array of them, with the version aliases
     * it can express and the manifest's must-haves, in a stable order. Bounded by the profile (the
     * run refuses to start when it is exceeded, never cuts silently).
     */
    public List<Configuration> configurations(Implementation impl) {
        return spaces.get(impl.id()).configurations();
    }

    /** How each implementation's space was chosen, by implementation id in release order. */
    public Map<String, SpaceSummary> spaces() {
        Map<String, SpaceSummary> out = new LinkedHashMap<>();
        spaces.forEach((id, s) -> out.put(id, s.summary()));
        return out;
    }

    /** The values of one parameter this run tries: few for an exhaustive profile, more for a t-way one. */
    public List<Value> candidates(ParamSpec p) {
        return sampling.candidates(p);
    }

    /** The manifest's constraints that apply to {@code impl} (it has every parameter they name), in manifest order. */
    public List<DeclaredConstraint> constraints(Implementation impl) {
        ModelInfo m = model(impl);
        return manifest.constraints().stream().filter(d -> m.params().keySet().containsAll(d.constraint().names()))
                .toList();
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
                return Configuration.labelled(full.canonical(), a.getKey());
            }
        }
        return full.canonical();
    }
}
