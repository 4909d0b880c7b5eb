package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.model.InfoException;
import org.migcert.model.MigrationInfo;
import org.migcert.model.MigrationInfoJson;

/**
 * Asks a device program for its migration info the proposal's way ({@code PROGRAM
 * --print-migration-info-json}, exit status 0, JSON on stdout), or takes the info the manifest
 * gives inline for programs that cannot print their own (INFO-1: no instance is created).
 */
final class InfoQuery {
    private InfoQuery() {
    }

    /**
     * @throws AdapterException the manifest's mistake: inline info that is not migration info, a program
     *         that cannot be executed (its path in {@code command:})
     * @throws DeviceFailedException the device's fault: its program hangs, fails or prints what is not
     *         migration info (INFO-1)
     */
    static MigrationInfo query(ImplementationSpec spec, CommandTemplate command, ProgramLauncher launcher)
            throws AdapterException {
        if (spec.inlineInfo().isPresent()) {
            try {
                return MigrationInfoJson.fromTree(spec.inlineInfo().get(), spec.where() + " (inline info)");
            } catch (InfoException e) {
                throw new AdapterException(e.getMessage(), e);
            }
        }
        List<String> argv = command.forInfo();
        String where = spec.where() + ": output of " + String.join(" ", argv);
        try {
            return MigrationInfoJson.parse(run(spec, argv, launcher), where);
        } catch (InfoException e) {
            throw new DeviceFailedException(DeviceFailedException.Kind.PROTOCOL, e.getMessage(), e);
        }
    }

    /** Runs the info command within the time limit and returns its stdout. */
    private static String run(ImplementationSpec spec, List<String> argv, ProgramLauncher launcher)
            throws AdapterException {
        String what = spec.where() + ": implementation '" + spec.id() + "': " + String.join(" ", argv);
        StartedProgram p;
        try {
            // One byte more than the parser accepts, so oversized output is detected, not cut to fit.
            p = launcher.start(argv, spec.baseDir(), MigrationInfoJson.MAX_CHARS + 1);
        } catch (IOException e) {
            throw new AdapterException(what + " cannot be started (" + Watchdog.reason(e)
                    + "); check the program path in 'command:' (relative paths resolve against the manifest)", e);
        }
        try {
            Duration limit = spec.timeout();
            if (!p.reap(limit.toMillis())) {
                throw new DeviceFailedException(DeviceFailedException.Kind.HUNG, what + " did not exit within "
                        + limit.toMillis() + " ms" + stderrSuffix(p) + "; a program that cannot print its info needs 'info:' in the manifest");
            }
            Optional<String> notRun = p.startFailure();
            if (notRun.isPresent()) {
                throw new AdapterException(what + " cannot be started (" + notRun.get() + "); check the program"
                        + " path in 'command:' (relative paths resolve against the manifest)");
            }
            if (p.exitValue() != 0) {
                throw new DeviceFailedException(DeviceFailedException.Kind.CRASHED, what + " failed with "
                        + StartedProgram.describeExit(p.exitValue()) + stderrSuffix(p) + "; a program that cannot print its info needs 'info:' in the manifest");
            }
            return p.completeStdout().orElseThrow(() -> new DeviceFailedException(DeviceFailedException.Kind.PROTOCOL,
                    what + " printed more than " + MigrationInfoJson.MAX_CHARS + " bytes of migration info"));
        } finally {
            p.terminate();
        }
    }

    private static String stderrSuffix(StartedProgram p) {
        String err = p.stderrTail();
        return err.isEmpty() ? "" : "; stderr: " + err;
    }
}
