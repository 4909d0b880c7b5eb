package org.migcert.adapters.vfiouser;

import java.util.List;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;

/**
 * The test-only adapter {@value #NAME}: the {@code vfio-user} adapter, command template, socket,
 * client and all, except that each device program runs as an {@link InJvmProgram} on a thread of
 * this JVM instead of as a process. It is registered only in the test class path's
 * {@code META-INF/services}, and a manifest has to name it, so nothing switches to it silently.
 */
public final class InJvmVfioUserAdapter implements Adapter {
    public static final String NAME = "vfio-user-in-jvm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.Set<String> settingKeys() {
        return new VfioUserAdapter().settingKeys();
    }

    @Override
    public Implementation open(ImplementationSpec spec) throws AdapterException {
        return new VfioUserAdapter(NAME, InJvmProgram.launcher()).open(spec);
    }

    /** The threads of in-JVM device programs still running: none once every instance is closed. */
    public static List<Thread> liveThreads() {
        return InJvmProgram.liveThreads();
    }
}
