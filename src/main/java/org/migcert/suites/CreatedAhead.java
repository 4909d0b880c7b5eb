package org.migcert.suites;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInstance;

/**
 * An instance a migration will need later (its destination), created meanwhile on a thread of its
 * own when its implementation is {@linkplain org.migcert.adapter.Implementation#slowToCreate slow to
 * create}: a destination program starts while the source program starts and gets its workload.
 * Otherwise it is created when taken, on the taking thread, exactly as without it. Either way
 * {@link #take()} returns the instance or throws what creating it threw, at the point of the
 * migration where the destination is created, so failures keep their phase.
 */
final class CreatedAhead {
    private final Migrator.Step step;
    /** Whether the instance is a destination, whose first use is a load ({@link org.migcert.adapter.Implementation#createDestination}). */
    private final boolean forLoad;
    /** The creation under way; null when the instance is created on taking. */
    private final CompletableFuture<DeviceInstance> ahead;
    private boolean taken;

    private CreatedAhead(Migrator.Step step, boolean forLoad, CompletableFuture<DeviceInstance> ahead) {
        this.step = step;
        this.forLoad = forLoad;
        this.ahead = ahead;
    }

    /**
     * Starts creating an instance of {@code s} now when that is slow, or prepares to create it on
     * taking; {@code forLoad} when it is a migration's destination, loaded before anything else.
     */
    static CreatedAhead start(Migrator.Step s, boolean forLoad) {
        if (!s.impl().slowToCreate()) {
            return new CreatedAhead(s, forLoad, null);
        }
        CompletableFuture<DeviceInstance> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(create(s, forLoad));
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, "migcert-create " + s.impl().id());
        t.setDaemon(true);
        t.start();
        return new CreatedAhead(s, forLoad, f);
    }

    private static DeviceInstance create(Migrator.Step s, boolean forLoad) {
        return forLoad ? s.impl().createDestination(s.config().asText()) : s.impl().create(s.config().asText());
    }

    /**
     * The instance, or what creating it threw. The wait is bounded by the adapter's own time
     * limit on creation; a caller interrupted meanwhile gets HUNG, and the instance is closed when
     * it arrives.
     */
    DeviceInstance take() {
        taken = true;
        if (ahead == null) {
            return create(step, forLoad);
        }
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ahead.thenAccept(DeviceInstance::close); // closed once it exists
            throw new DeviceFailedException(DeviceFailedException.Kind.HUNG, "stopped waiting for "
                    + step.describe() + " to be created: the harness gave up on this step");
        }
    }

    /** Whether {@link #take()} was called. */
    boolean taken() {
        return taken;
    }

    /**
     * Closes the instance when the migration ended without taking it: waits for its creation to
     * end (bounded by the adapter's time limit on creation), so that nothing of a case outlives
     * it. A caller interrupted meanwhile leaves the closing to the creating thread.
     */
    void discard() {
        if (ahead == null) {
            return;
        }
        try {
            ahead.get().close();
        } catch (ExecutionException e) {
            // Creation failed: nothing was made, nothing to close.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ahead.thenAccept(DeviceInstance::close);
        }
    }
}
