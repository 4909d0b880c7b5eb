package org.migcert.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.migcert.manifest.Waiver;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/**
 * The waivers of one judgement, as of one day: the one place that decides whether a failing case is
 * WAIVED. The reports of a run ({@code run --waivers}) and the release gate ({@code gate --waivers})
 * both ask it. Only a FAIL, BLOCKED or FLAKY case can be waived, only by a waiver that has not expired
 * and only when the run's profile allows waivers; it remembers which waivers covered something, so
 * unused ones can be reported.
 */
public final class Waivers {
    /** How a waiver stands to a case it names. */
    public enum Standing {
        /** In force: the case is WAIVED. */
        VALID,
        /** Past its date: it waives nothing, and says so. */
        EXPIRED,
        /** The run's profile forbids waivers (certification): it waives nothing. */
        FORBIDDEN
    }

    /** The first waiver that names a case, and how it stands. */
    public record Match(Waiver waiver, Standing standing) {
    }

    private final List<Waiver> all;
    private final LocalDate day;
    private final boolean allowed;
    // Cases are judged on the threads that run them.
    private final Set<Waiver> used = ConcurrentHashMap.newKeySet();

    /**
     * @param day     the day expiry is judged on: the run's start for its reports (so a report rebuilt later
     *                says the same), the release day for the gate
     * @param allowed whether the run's profile allows waivers
     */
    public Waivers(List<Waiver> all, LocalDate day, boolean allowed) {
        this.all = List.copyOf(all);
        this.day = day;
        this.allowed = allowed;
    }

    /** No waivers: every failure stays a failure. */
    public static Waivers none() {
        return new Waivers(List.of(), LocalDate.EPOCH, true);
    }

    public LocalDate day() {
        return day;
    }

    /**
     * The waiver that names this case, preferring one in force; empty for a case that is not a device
     * failure (a pass, not applicable, a harness error) or that no waiver names.
     */
    public Optional<Match> match(CaseResult r) {
        if (!r.verdict().deviceFailure()) {
            return Optional.empty();
        }
        Match found = null;
        for (Waiver w : all) {
            if (!w.covers(r.id(), r.rules())) {
                continue;
            }
            Standing s = w.expiredOn(day) ? Standing.EXPIRED : allowed ? Standing.VALID : Standing.FORBIDDEN;
            if (s == Standing.VALID) {
                used.add(w);
                return Optional.of(new Match(w, s));
            }
            if (found == null) {
                found = new Match(w, s);
            }
        }
        return Optional.ofNullable(found);
    }

    /** The case as reports show it: WAIVED with its waiver when one in force covers it, else unchanged. */
    public CaseResult overlay(CaseResult r) {
        return match(r).filter(m -> m.standing() == Standing.VALID)
                .map(m -> r.judged(Verdict.WAIVED, r.attempts(), m.waiver().note())).orElse(r);
    }

    /** The waivers past their date. */
    public List<Waiver> expired() {
        return all.stream().filter(w -> w.expiredOn(day)).toList();
    }

    /** The waivers in force that covered no case in the walks so far: remove them. */
    public List<Waiver> unused() {
        List<Waiver> out = new ArrayList<>();
        for (Waiver w : all) {
            if (!used.contains(w) && !w.expiredOn(day)) {
                out.add(w);
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
