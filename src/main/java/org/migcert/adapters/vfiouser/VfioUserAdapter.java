package org.migcert.adapters.vfiouser;

import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;

/**
 * The {@code vfio-user} adapter: reaches any device program that speaks vfio-user over a UNIX
 * socket, one process per instance. Manifest keys: {@code command} (required argv, see
 * {@link CommandTemplate} for its placeholders and the default {@code --socket-path=} /
 * {@code --m-<name>=<value>} convention) and {@code info} (optional inline migration info for
 * programs that cannot print it with {@code --print-migration-info-json}).
 */
public final class VfioUserAdapter implements Adapter {
    @Override
    public String name() {
        return "vfio-user";
    }

    @Override
    public Implementation open(ImplementationSpec spec) throws AdapterException {
        CommandTemplate command = CommandTemplate.of(spec);
        return new VfioUserImplementation(spec.id(), InfoQuery.query(spec, command), command, spec.baseDir(),
                spec.timeout());
    }
}
