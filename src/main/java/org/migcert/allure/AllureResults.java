package org.migcert.allure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the Allure results to render: a run's {@code allure-results}, given itself or found in the
 * run's output directory; a directory without a single test result is refused.
 */
final class AllureResults {
    static final String RUN_SUBDIR = "allure-results";

    private AllureResults() {
    }

    /** The results directory in {@code given} (a run's {@code --out}, or an {@code allure-results} directory). */
    static Path find(Path given) throws AllureException {
        if (!Files.isDirectory(given)) {
            throw new AllureException(AllureException.Kind.USAGE, given + ": no such directory");
        }
        Path dir = Files.isDirectory(given.resolve(RUN_SUBDIR)) ? given.resolve(RUN_SUBDIR) : given;
        boolean any;
        try (Stream<Path> s = Files.list(dir)) {
            any = s.anyMatch(f -> f.getFileName().toString().endsWith("-result.json") && Files.isRegularFile(f));
        } catch (IOException e) {
            throw new AllureException(AllureException.Kind.USAGE, dir + ": cannot be read (" + e.getMessage() + ")");
        }
        if (!any) {
            throw new AllureException(AllureException.Kind.USAGE, dir + " holds no Allure results (no *-result.json):"
                    + " give the --out directory of a run, or its " + RUN_SUBDIR + " directory");
        }
        return dir;
    }
}
