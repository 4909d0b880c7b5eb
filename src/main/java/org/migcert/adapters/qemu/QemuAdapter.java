package org.migcert.adapters.qemu;

import java.util.Set;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.adapters.vfiouser.DeadRuns;
import org.migcert.model.MigrationInfo;

/**
 * The {@code qemu} adapter: certifies a device QEMU emulates. An implementation is a QEMU binary,
 * a device driver and fixed properties, at the machine types listed; an instance is one guest-less
 * {@code qemu-system-*} process with that one device, reached over QMP and qtest. Manifest keys
 * ({@link QemuSettings}): {@code qemu}, {@code driver}, {@code machines}, {@code properties},
 * {@code params}. The migration info is built from QEMU's own answers and the manifest
 * ({@link QemuInfo}); the model id is {@code qemu.org/DRIVER}.
 */
public final class QemuAdapter implements Adapter {
    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public Set<String> settingKeys() {
        return QemuSettings.KEYS;
    }

    @Override
    public java.util.List<String> sweepDeadRuns() {
        return DeadRuns.cleanUp();
    }

    @Override
    public Implementation open(ImplementationSpec spec) throws AdapterException {
        if (spec.inlineInfo().isPresent()) {
            throw new AdapterException(spec.where() + ": implementation '" + spec.id() + "' (adapter qemu) gives 'info:';"
                    + " a QEMU implementation's info comes from QEMU and 'params:', so remove 'info:'");
        }
        QemuSettings settings = QemuSettings.of(spec);
        QemuFacts facts;
        try {
            facts = QemuFacts.query(settings, spec.timeout(), spec.where());
        } catch (DeviceFailedException e) {
            if (e.kind() == DeviceFailedException.Kind.START_FAILED) {
                throw new AdapterException(spec.where() + ": " + e.getMessage(), e);
            }
            throw e;
        }
        MigrationInfo info = QemuInfo.build(settings, facts, spec);
        return new QemuImplementation(spec.id(), info, settings, facts.version(), spec.timeout());
    }
}
