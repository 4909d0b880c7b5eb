package org.migcert.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a report says about the run itself (the results file only holds cases).
 *
 * @param device          path of the device manifest
 * @param profile         run profile (path or name)
 * @param model           device model id
 * @param implementations implementation ids, release order
 * @param startedAt       ISO-8601 instant
 * @param finishedAt      ISO-8601 instant, or null if unknown
 * @param migcertVersion  version of the harness
 * @param commandLine     the command that produced the results
 * @param provenance      what produced the results (null when unknown)
 * @param shard           {@code i/n} when these are one shard's results, else null
 * @param configurations  how each implementation's configuration space was chosen (strength, seed, size,
 *                        generator, coverage), one line each
 */
public record RunInfo(String device, String profile, String model, List<String> implementations, String startedAt,
                      String finishedAt, String migcertVersion, String commandLine, Provenance provenance, String shard,
                      List<String> configurations) {

    public RunInfo {
        implementations = implementations == null ? List.of() : List.copyOf(implementations);
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
    }

    /** Run info without configuration spaces. */
    public RunInfo(String device, String profile, String model, List<String> implementations, String startedAt,
                   String finishedAt, String migcertVersion, String commandLine, Provenance provenance, String shard) {
        this(device, profile, model, implementations, startedAt, finishedAt, migcertVersion, commandLine, provenance,
                shard, List.of());
    }

    /** What a results file's own records say about its run. */
    public static RunInfo of(RunRecord.Plan plan, java.util.Optional<RunRecord.End> end) {
        return new RunInfo(plan.device(), plan.profile(), plan.model(), plan.implementations(), plan.startedAt(),
                end.map(RunRecord.End::finishedAt).orElse(null), plan.migcertVersion(), plan.commandLine(),
                plan.provenance(), plan.shard(), plan.configurations());
    }

    /** Run info when nothing is known, e.g. rebuilding reports from a bare results file. */
    public static RunInfo unknown() {
        return new RunInfo(null, null, null, List.of(), null, null, null, null, null, null);
    }

    /**
     * The run info recorded in an earlier {@code report.json}, so that {@code migcert report --from}
     * keeps the header of the original run; {@link #unknown()} when there is none or it is unreadable.
     */
    public static RunInfo fromReportJson(Path reportJson) {
        if (!Files.isRegularFile(reportJson)) {
            return unknown();
        }
        try {
            JsonNode run = Json.MAPPER.readTree(reportJson.toFile()).get("run");
            return run == null || run.isNull() ? unknown() : Json.MAPPER.treeToValue(run, RunInfo.class);
        } catch (IOException | IllegalArgumentException e) {
            return unknown();
        }
    }
}
