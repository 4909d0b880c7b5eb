package org.migcert.suites;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.migcert.adapter.DeviceInstance;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;

/**
 * The bookkeeping of one attempt, shared by every kind of migration: the phase it is in and what
 * it acts on (the evidence says where things went wrong), the finding a failure of a preparing
 * phase blocks on, notes on the workload, and every instance it opened. {@link #run} classifies
 * what escapes the body in one place and closes every instance, whatever happens.
 */
final class Attempt {
    /** The body of one attempt; device exceptions may escape to {@link #run}. */
    @FunctionalInterface
    interface Body {
        Observation run() throws IOException;
    }

    private Phase phase;
    private String subject;
    private String finding;
    final List<String> notes = new ArrayList<>();
    private final List<DeviceInstance> open = new ArrayList<>();
    private final List<CreatedAhead> ahead = new ArrayList<>();

    Attempt(Phase phase, String subject) {
        this.phase = phase;
        this.subject = subject;
    }

    void enter(Phase p) {
        phase = p;
    }

    void enter(Phase p, String about) {
        phase = p;
        subject = about;
    }

    /** The case whose finding a failure of the current preparing phase is, from now on. */
    void blame(String caseId) {
        finding = caseId;
    }

    DeviceInstance create(Migrator.Step s) {
        DeviceInstance d = s.impl().create(s.config().asText());
        open.add(d);
        return d;
    }

    /** Starts creating an instance this attempt needs later ({@link CreatedAhead}); {@link #take} it where it is created. */
    CreatedAhead createAhead(Migrator.Step s) {
        return ahead(CreatedAhead.start(s, false));
    }

    /** {@link #createAhead} for a migration's destination: the first thing asked of it is a load. */
    CreatedAhead destinationAhead(Migrator.Step s) {
        return ahead(CreatedAhead.start(s, true));
    }

    private CreatedAhead ahead(CreatedAhead c) {
        ahead.add(c);
        return c;
    }

    /** The instance started by {@link #createAhead}, or what creating it threw, as {@link #create} would. */
    DeviceInstance take(CreatedAhead c) {
        DeviceInstance d = c.take();
        open.add(d);
        return d;
    }

    /**
     * Creates an instance a preparing phase needs (a source, a reference): its configuration is
     * allowed, so a refusal is INFO-1's finding on that configuration.
     */
    DeviceInstance createPrepared(Migrator.Step s) {
        blame(Findings.instantiates(s));
        return create(s);
    }

    /** The instance opened last (the destination being loaded). */
    DeviceInstance newest() {
        return open.get(open.size() - 1);
    }

    /** An observation made in the current phase, with the workload notes. */
    Observation observed(Observed o, String evidence) {
        return Observation.in(phase, o, evidence + tail());
    }

    private String tail() {
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    /**
     * Runs the body; what escapes it is classified for the phase it escaped from (blocked on the
     * finding when that phase only prepares), then passed to {@code onFailure} (which may look
     * further, such as whether a refusing device lives on). A body that finds its rule does not
     * apply says so past this ({@link Check.NotApplicable}).
     */
    Observation run(Body body, UnaryOperator<Observation> onFailure) {
        try {
            return body.run(); // null: the body finished without an observation of its own
        } catch (Check.NotApplicable e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            Observation seen = FailureClassifier.observe(e, phase, phase.describe() + " (" + subject + ")");
            seen = seen.withEvidence(seen.evidence() + tail());
            return onFailure.apply(seen.phase().prepares() ? seen.withFinding(finding) : seen);
        } finally {
            for (CreatedAhead c : ahead) {
                if (!c.taken()) {
                    c.discard();
                }
            }
            ahead.clear();
            for (DeviceInstance d : open) {
                d.close();
            }
            open.clear();
        }
    }
}
