package org.migcert.report;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A line of {@code results.jsonl} that is about the run, not a case: the {@link Plan} it starts with
 * and the {@link End} it finishes with. A results file without its end record is a partial run:
 * every report of it says PARTIAL and exits 3.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "record")
@JsonSubTypes({@JsonSubTypes.Type(value = RunRecord.Plan.class, name = "plan"),
        @JsonSubTypes.Type(value = RunRecord.End.class, name = "end")})
public sealed interface RunRecord {
    /** Changes when a reader of results.jsonl would have to change. */
    String FORMAT = "migcert-results/4";

    /**
     * What the run set out to do, written before its first case.
     *
     * @param planned    how many cases were planned
     * @param planDigest SHA-256 of the planned case ids, rules and expectations, in order: a resumed run
     *                   refuses to continue when its plan differs
     * @param device     the device manifest, absolute
     * @param profile    the profile, absolute
     * @param only       the {@code --only} selection (empty: none)
     * @param caseId     the {@code --case} selection, or null
     * @param provenance what produced the results (null in files of older versions)
     * @param shard      {@code i/n} when this run is one shard of a plan, else null
     * @param fullPlanned    the cases of the whole plan, all shards together ({@code planned} when not sharded)
     * @param fullPlanDigest the digest of the whole plan: shards merge only when theirs are equal
     * @param waiversAllowed whether the profile lets a gate accept failures by waivers (null: older files, allowed)
     * @param caseListDigest the digest of the planned case ids and rules ({@link CaseListDigest#ofCases()}):
     *                       what the results must hold
     * @param configurations how each implementation's configuration space was chosen, one line each
     *                   ({@code 1.2: t-way strength 2, seed 1: ...}); empty in files written before it existed
     * @param waiversDigest  SHA-256 of the waivers file the run was given ({@code run --waivers}), copied beside
     *                   the results as {@code waivers.yaml}; null when it had none
     * @param retries    how many times a failing case was run again ({@code run --retries}); 0 when absent
     */
    record Plan(String format, String runId, String startedAt, long planned, String planDigest, String device,
                String profile, List<String> only, String caseId, String model, List<String> implementations,
                String migcertVersion, String commandLine, Provenance provenance, String shard, long fullPlanned,
                String fullPlanDigest, Boolean waiversAllowed, String caseListDigest, List<String> configurations,
                String waiversDigest, int retries)
            implements RunRecord {
        public Plan {
            only = only == null ? List.of() : List.copyOf(only);
            implementations = implementations == null ? List.of() : List.copyOf(implementations);
            configurations = configurations == null ? List.of() : List.copyOf(configurations);
        }

        /** A plan that says nothing about configuration spaces. */
        public Plan(String format, String runId, String startedAt, long planned, String planDigest, String device,
                    String profile, List<String> only, String caseId, String model, List<String> implementations,
                    String migcertVersion, String commandLine, Provenance provenance, String shard, long fullPlanned,
                    String fullPlanDigest, Boolean waiversAllowed, String caseListDigest) {
            this(format, runId, startedAt, planned, planDigest, device, profile, only, caseId, model, implementations,
                    migcertVersion, commandLine, provenance, shard, fullPlanned, fullPlanDigest, waiversAllowed,
                    caseListDigest, List.of(), null, 0);
        }

        /** The day the run's waivers are judged on: the day it started (UTC), so its reports never change later. */
        public java.time.LocalDate waiversDay() {
            return java.time.Instant.parse(startedAt).atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
    }

    /**
     * How the run ended, written after its last case.
     *
     * @param complete        whether every planned case ran (an interrupted run ends incomplete)
     * @param reason          why it ended so, in words
     * @param containerStarts how many containers this run started for its implementations (0 when absent)
     */
    record End(String finishedAt, boolean complete, String reason, long containerStarts) implements RunRecord {
        /** An end with no containers started. */
        public End(String finishedAt, boolean complete, String reason) {
            this(finishedAt, complete, reason, 0);
        }
    }
}
