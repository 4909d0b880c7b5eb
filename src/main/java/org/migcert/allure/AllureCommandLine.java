package org.migcert.allure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Allure's command line as unpacked from its release archive (a home with {@code lib/}, {@code config/}
 * and {@code plugins/}), run as a Java process with this JVM's {@code java}: the same class path and
 * main class its {@code bin/allure} script uses, without the script.
 */
final class AllureCommandLine {
    /** The release migcert renders with; its archive's digest is pinned in {@link AllureInstaller}. */
    static final String VERSION = "2.34.1";
    static final String MAIN_CLASS = "io.qameta.allure.CommandLine";

    private final Path home;

    AllureCommandLine(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    Path home() {
        return home;
    }

    /** Whether {@code home} holds a complete unpacked release (its main jar and its plugin configuration). */
    static boolean isUnpackedIn(Path home) {
        return Files.isRegularFile(home.resolve("lib").resolve("allure-commandline-" + VERSION + ".jar"))
                && Files.isRegularFile(home.resolve("config").resolve("allure.yml"));
    }

    /**
     * {@code allure generate --clean -o REPORT RESULTS...}, as one file with {@code singleFile}.
     * The report directory is emptied first: callers make sure it holds nothing else. Allure runs in
     * the directory of {@code log}, a scratch directory, where its output goes.
     */
    void generate(List<Path> results, Path report, boolean singleFile, Duration timeout, Path log)
            throws AllureException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", home.resolve("lib") + File.separator + "*" + File.pathSeparator + home.resolve("lib").resolve("config"),
                MAIN_CLASS, "generate", "--clean"));
        if (singleFile) {
            argv.add("--single-file");
        }
        argv.addAll(List.of("-o", abs(report)));
        // Absolute paths: a relative one starting with '-' would be read as an option.
        results.forEach(r -> argv.add(abs(r)));
        ChildProcess.Ended end;
        try {
            // APP_HOME is how Allure finds config/allure.yml and its plugins (behaviours, packages...).
            end = ChildProcess.run(argv, log.toAbsolutePath().getParent(), Map.of("APP_HOME", home.toString()),
                    timeout, log);
        } catch (IOException e) {
            throw new AllureException(AllureException.Kind.FAILED, "cannot start Allure's command line: " + e.getMessage());
        }
        if (!end.succeeded()) {
            throw new AllureException(AllureException.Kind.FAILED, "Allure's command line " + (end.timedOut()
                    ? "did not finish within " + timeout.toSeconds() + " s and was stopped" : "failed (exit " + end.exit()
                    + ")") + "; its output:\n" + end.tail());
        }
        if (!Files.isRegularFile(report.resolve("index.html"))) {
            throw new AllureException(AllureException.Kind.FAILED, "Allure's command line wrote no "
                    + report.resolve("index.html") + "; its output:\n" + end.tail());
        }
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
