package org.migcert.allure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A directory of Allure results to render: a run's {@code allure-results}, given itself or found in
 * the run's output directory, with the number of test results in it.
 */
record AllureResults(Path dir, long testResults) {
    static final String RUN_SUBDIR = "allure-results";

    /** The results in {@code given} (a run's {@code --out}, or an {@code allure-results} directory). */
    static AllureResults find(Path given) throws AllureException {
        if (!Files.isDirectory(given)) {
            throw new AllureException(AllureException.Kind.USAGE, given + ": no such directory");
        }
        Path dir = Files.isDirectory(given.resolve(RUN_SUBDIR)) ? given.resolve(RUN_SUBDIR) : given;
        long n;
        try (Stream<Path> s = Files.list(dir)) {
            n = s.filter(f -> f.getFileName().toString().endsWith("-result.json") && Files.isRegularFile(f)).count();
        } catch (IOException e) {
            throw new AllureException(AllureException.Kind.USAGE, dir + ": cannot be read (" + e.getMessage() + ")");
        }
        if (n == 0) {
            throw new AllureException(AllureException.Kind.USAGE, dir + " holds no Allure results (no *-result.json):"
                    + " give the --out directory of a run, or its " + RUN_SUBDIR + " directory");
        }
        return new AllureResults(dir, n);
    }
}
