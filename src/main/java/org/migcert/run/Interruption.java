package org.migcert.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during a run: the first one stops the run in order (cases not yet started are
 * recorded as not run, running ones are cancelled, every report is written and marked partial);
 * a second one exits at once. Handlers are restored on close.
 */
final class Interruption implements AutoCloseable {
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Runnable> onStop = new ArrayList<>();
    private final List<Installed> installed = new ArrayList<>();

    private record Installed(Signal signal, SignalHandler previous) {
    }

    /** Installs the handlers; {@code onStop} runs once, on the first signal. */
    static Interruption install(Runnable onStop) {
        Interruption i = new Interruption();
        i.onStop.add(onStop);
        for (String name : List.of("INT", "TERM")) {
            Signal s = new Signal(name);
            try {
                i.installed.add(new Installed(s, Signal.handle(s, i::received)));
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (for example with -Xrs): the default behaviour stays.
            }
        }
        return i;
    }

    private void received(Signal s) {
        if (!reason.compareAndSet(null, "interrupted by SIG" + s.getName())) {
            Runtime.getRuntime().exit(ExitCode.HARNESS.status()); // second signal: leave now (hooks still reap devices)
        }
        onStop.forEach(Runnable::run);
    }

    /** Why the run was stopped, when it was. */
    Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }

    @Override
    public void close() {
        installed.forEach(i -> Signal.handle(i.signal(), i.previous()));
    }
}
