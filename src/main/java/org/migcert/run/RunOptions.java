package org.migcert.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.migcert.suites.Shard;

/**
 * What {@code migcert run} was asked to do.
 *
 * @param only  rule ids or suite names; a case runs when one of its rules or its suite is named (empty = all)
 * @param caseId run exactly this case (null = all)
 * @param list  print the planned case ids and exit without running
 * @param jobs  cases run at once (each case owns its instances, so cases are independent)
 * @param resume continue the run in {@code out}: only its planned cases without a result run
 * @param shard  run only this slice of the plan
 * @param history a directory whose {@code history.jsonl} gets one line for this run
 * @param waivers a waivers file: failures it covers are reported WAIVED (the results keep the device's verdicts)
 * @param retries how many more times a case the device failed (FAIL, BLOCKED) is run with the same inputs
 * @param baseline the output directory of an earlier run this one is compared with, case by case
 */
public record RunOptions(Path device, Path profile, Path out, List<String> only, String caseId, boolean list, int jobs,
                         boolean resume, Optional<Shard> shard, Optional<Path> history, Optional<Path> waivers,
                         int retries, Optional<Path> baseline) {
    /** A run without waivers, retries or a baseline. */
    public RunOptions(Path device, Path profile, Path out, List<String> only, String caseId, boolean list, int jobs,
                      boolean resume, Optional<Shard> shard, Optional<Path> history) {
        this(device, profile, out, only, caseId, list, jobs, resume, shard, history, Optional.empty(), 0, Optional.empty());
    }

    /** The most retries of one case: more only makes a broken device slow to report. */
    public static final int MAX_RETRIES = 10;

    /** The most cases that may run at once: beyond it a run starves itself of file descriptors and threads. */
    public static final int MAX_JOBS = 256;

    public static final Path DEFAULT_DEVICE = Path.of("fixtures/devices/refnic/device.yaml");
    public static final Path DEFAULT_PROFILE = Path.of("suites/certification.yaml");
    public static final Path DEFAULT_OUT = Path.of("target/migcert");
}
