package org.migcert.adapters.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.migcert.adapter.ImplementationSpec;

/**
 * The labels on every container migcert starts. {@link #RUN} names the run (this harness
 * process), so each run removes its own containers; {@link #OWNER} names the host, pid and
 * start time of that process, so a later run can tell that the one which started a container is
 * dead and remove what it left.
 */
final class RunLabels {
    /** The run's id; every migcert container has this label, so {@code docker ps -a --filter label=org.migcert.run} finds them all. */
    static final String RUN = "org.migcert.run";
    static final String OWNER = "org.migcert.owner";
    static final String IMPLEMENTATION = "org.migcert.implementation";
    static final String MANIFEST = "org.migcert.manifest";

    /** This run: one per harness process, as one {@code migcert run} is one process. */
    static final String THIS_RUN = UUID.randomUUID().toString();

    private RunLabels() {
    }

    /** The labels of the container of implementation {@code spec} in this run. */
    static Map<String, String> of(ImplementationSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN, THIS_RUN);
        labels.put(OWNER, owner(ProcessHandle.current()).orElse(host() + " " + ProcessHandle.current().pid()));
        labels.put(IMPLEMENTATION, spec.id());
        labels.put(MANIFEST, spec.where());
        return labels;
    }

    /**
     * Whether the process an {@link #OWNER} label names has ended: it ran on this host and no
     * process with its pid and start time is alive. A label of another host (a shared engine) is
     * never judged dead, nor is one that cannot be read.
     */
    static boolean ownerIsDead(String owner) {
        String[] f = owner == null ? new String[0] : owner.split(" ");
        if (f.length != 3 || !f[0].equals(host())) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        // A pid reused by another process has another start time.
        return ProcessHandle.of(pid).flatMap(RunLabels::owner).map(o -> !o.equals(owner)).orElse(true);
    }

    private static Optional<String> owner(ProcessHandle p) {
        return p.info().startInstant().map(t -> host() + " " + p.pid() + " " + t.toEpochMilli());
    }

    /** This host's name as the kernel has it (no DNS lookup, which can hang). */
    static String host() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().replace(' ', '_');
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
