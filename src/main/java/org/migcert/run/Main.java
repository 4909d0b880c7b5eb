package org.migcert.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.migcert.report.ConsoleReport;
import org.migcert.report.ReportRenderer;
import org.migcert.report.ResultsFile;
import org.migcert.report.Summary;
import org.migcert.rules.Rule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code migcert} command line: {@code run}, {@code rules}, {@code report}. Exit codes: 0 conformant, 1 not, 2 usage or manifest error, 3 harness failure. */
@Command(name = "migcert", mixinStandardHelpOptions = true, version = "migcert",
        description = "Conformance harness for device implementations that take part in live migration.",
        subcommands = {Main.Run.class, Main.Rules.class, Main.Report.class})
public final class Main implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the CLI and returns its exit code (tests call this in-process). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        Main main = new Main(out, err);
        CommandLine cl = new CommandLine(main, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == Run.class || cls == Rules.class || cls == Report.class) {
                    K k = CommandLine.defaultFactory().create(cls);
                    ((Sub) k).main = main;
                    return k;
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(t -> Runner.HARNESS);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("migcert: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return Runner.USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return Runner.USAGE;
    }

    abstract static class Sub {
        Main main;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the profile's suites against a device manifest and write reports.")
    static final class Run extends Sub implements Callable<Integer> {
        @Option(names = "--device", description = "device manifest (default: ${DEFAULT-VALUE})",
                defaultValue = "fixtures/devices/refnic/device.yaml")
        Path device;
        @Option(names = "--profile", description = "run profile (default: ${DEFAULT-VALUE})",
                defaultValue = "suites/certification.yaml")
        Path profile;
        @Option(names = "--out", description = "output directory (default: ${DEFAULT-VALUE})", defaultValue = "target/migcert")
        Path out;
        @Option(names = "--only", split = ",", description = "only these rule ids or suite names (repeatable)")
        List<String> only = new ArrayList<>();
        @Option(names = "--case", description = "run exactly the case with this id (ids: --list, or the rerun command of a report)")
        String caseId;
        @Option(names = "--list", description = "print planned case ids and titles, run nothing")
        boolean list;
        @Option(names = "--jobs", description = "cases run at once; 0 (the default) means one per core", defaultValue = "0")
        int jobs;

        @Override
        public Integer call() {
            Path device = Home.resolve(this.device, null);
            Path profile = Home.resolve(this.profile, "suites");
            return new Runner(main.out, main.err).run(new RunOptions(device, profile, out, only, caseId, list,
                    jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors()));
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true, description = "Print the rules and the suite that checks each.")
    static final class Rules extends Sub implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Rule r : Rule.values()) {
                main.out.printf("%-9s %-16s %s%n", r.id(), r.suite() == null ? "(no check yet)" : r.suite(), r.text());
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "Rebuild report.json, junit.xml and report.html from a results.jsonl without rerunning.")
    static final class Report extends Sub implements Callable<Integer> {
        @Option(names = "--from", required = true, description = "results.jsonl of an earlier run")
        Path from;
        @Option(names = "--out", description = "where to write (default: the directory of --from)")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(from)) {
                main.err.println("migcert: " + from + ": no such results file");
                return Runner.USAGE;
            }
            Path dir = out != null ? out : from.toAbsolutePath().getParent();
            Summary s = ReportRenderer.renderAll(from, dir, null);
            ConsoleReport.print(s, new ResultsFile(from), main.out);
            return s.overall().exitCode();
        }
    }
}
