package org.migcert.adapters.qemu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.Sha256;
import org.migcert.model.MigrationInfo;

/**
 * One QEMU implementation: a binary, a device driver and its fixed properties, at the machine types
 * its {@code machine} parameter allows. Each instance is one QEMU process. Closing the
 * implementation closes the instances a caller forgot.
 */
final class QemuImplementation implements Implementation {
    private final String id;
    private final MigrationInfo info;
    private final QemuSettings settings;
    private final String version;
    private final Duration timeout;
    private final Set<QemuInstance> live = ConcurrentHashMap.newKeySet();

    QemuImplementation(String id, MigrationInfo info, QemuSettings settings, String version, Duration timeout) {
        this.id = id;
        this.info = info;
        this.settings = settings;
        this.version = version;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MigrationInfo info() {
        return info;
    }

    /** The QEMU binary's digest: the driver and machine types are in the info, the properties in the manifest. */
    @Override
    public Optional<String> codeDigest() {
        return Sha256.ofFile(settings.binary());
    }

    /**
     * {@code machine} selects {@code -machine}; every other parameter becomes a property of the
     * device, after the fixed ones. QEMU itself judges them all: what it refuses is refused in its words.
     */
    @Override
    public DeviceInstance create(Map<String, String> params) {
        return create(params, false);
    }

    /** A QEMU started with {@code -incoming defer} from the start: one process for a destination, not two. */
    @Override
    public DeviceInstance createDestination(Map<String, String> params) {
        return create(params, true);
    }

    private DeviceInstance create(Map<String, String> params, boolean forLoad) {
        Map<String, String> properties = new TreeMap<>(params);
        String machine = Optional.ofNullable(properties.remove(QemuInfo.MACHINE))
                .orElse(settings.machines().get(settings.machines().size() - 1));
        String device = DeviceOption.of(settings.driver(), settings.properties(), properties);
        QemuInstance d = QemuInstance.create(asDestination -> QemuProcess.start(settings.binary().toString(),
                options(machine, device, asDestination), true, timeout), live::remove, forLoad);
        live.add(d);
        return d;
    }

    /** The command line of one instance, before the monitor sockets. */
    static List<String> options(String machine, String device, boolean asDestination) {
        List<String> o = new ArrayList<>(List.of("-S", "-nodefaults", "-no-user-config", "-display", "none",
                "-accel", "tcg", "-machine", DeviceOption.escape(machine), "-device", device));
        if (asDestination) {
            o.addAll(List.of("-incoming", "defer"));
        }
        return o;
    }

    @Override
    public Optional<String> withoutStateMachine() {
        return Optional.of("QEMU " + version + " migrates a whole virtual machine through QMP (migrate, migrate-incoming),"
                + " not through the VFIO migration uAPI: the qemu adapter maps only the arcs a migration needs onto"
                + " those commands, so the uAPI's state machine has nothing of QEMU's to check");
    }

    @Override
    public void close() {
        List.copyOf(live).forEach(DeviceInstance::close);
    }
}
