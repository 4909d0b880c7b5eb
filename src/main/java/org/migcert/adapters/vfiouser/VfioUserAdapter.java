package org.migcert.adapters.vfiouser;

import java.util.Set;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.model.MigrationInfo;
import org.migcert.model.ModelInfo;

/**
 * The {@code vfio-user} adapter: reaches any device program that speaks vfio-user over a UNIX
 * socket, one process per instance. Manifest keys: {@code command} (required argv, see
 * {@link CommandTemplate} for its placeholders and the default {@code --socket-path=} /
 * {@code --m-<name>=<value>} convention) and {@code info} (optional inline migration info for
 * programs that cannot print it with {@code --print-migration-info-json}).
 */
public final class VfioUserAdapter implements Adapter {
    private final String name;
    private final ProgramLauncher launcher;
    private final PrivateDir.Maker socketDirs;

    /** The adapter {@code vfio-user}: every program is an operating-system process. */
    public VfioUserAdapter() {
        this("vfio-user", ProgramProcess::start);
    }

    /**
     * The same adapter under another name with another launcher; only tests use this, through an
     * adapter of their own, so a manifest always says which launcher runs its programs.
     */
    VfioUserAdapter(String name, ProgramLauncher launcher) {
        this(name, launcher, PrivateDir::create);
    }

    /** The same adapter whose instances' socket directories {@code socketDirs} makes. */
    VfioUserAdapter(String name, ProgramLauncher launcher, PrivateDir.Maker socketDirs) {
        this.name = name;
        this.launcher = launcher;
        this.socketDirs = socketDirs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("command");
    }

    @Override
    public java.util.List<String> sweepDeadRuns() {
        return DeadRuns.cleanUp();
    }

    @Override
    public Implementation open(ImplementationSpec spec) throws AdapterException {
        CommandTemplate command = CommandTemplate.of(spec);
        MigrationInfo info = InfoQuery.query(spec, command, launcher);
        if (!command.takesParameters()) {
            for (ModelInfo m : info.models().values()) {
                if (!m.params().isEmpty()) {
                    throw new AdapterException(spec.where() + ": the info of '" + spec.id() + "' declares parameters "
                            + m.params().keySet() + " but 'command:' has no {params} to pass them; add {params}"
                            + " where the program expects its --m-<name>=<value> options");
                }
            }
        }
        return new VfioUserImplementation(spec.id(), info, command, spec.baseDir(), spec.timeout(), launcher,
                socketDirs);
    }
}
