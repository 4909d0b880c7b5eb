package org.migcert.allure;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.migcert.adapter.PrivateTemp;

/**
 * Renders a run's Allure results into Allure's HTML report with Allure's own command line, offline
 * once that command line is cached, carrying Allure's history from the previous render when asked.
 */
public final class AllureRender {

    /**
     * What to render: the results (a run's {@code --out} or its {@code allure-results}), the report
     * directory, the history directory if any, whether as one self-contained {@code index.html}, and
     * where and how Allure's command line is obtained.
     */
    public record Options(Path results, Path out, Optional<Path> history, boolean singleFile, Path cache, String mvn,
                          Duration timeout) {
    }

    /** What was rendered: the report's page, the results it came from, its statistic and the runs in its trend. */
    public record Rendered(Path index, Path results, ReportStatistic statistic, int trendRuns,
                           Optional<Path> historyStored) {
    }

    private AllureRender() {
    }

    /** The default cache of Allure's command line for this user ({@code $XDG_CACHE_HOME/migcert} or {@code ~/.cache/migcert}). */
    public static Path defaultCache() {
        return AllureInstaller.defaultCache(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Renders, fetching Allure's command line first if it is not cached (saying so on {@code log}).
     *
     * @throws AllureException with {@link AllureException.Kind#USAGE} for arguments, else why it could not render
     */
    public static Rendered render(Options o, PrintStream log) throws AllureException, InterruptedException {
        Path results = AllureResults.find(o.results());
        Optional<AllureHistory> history = o.history().map(AllureHistory::new);
        checkOut(o.out(), results, o.history());
        if (history.isPresent()) {
            history.get().check();
        }
        AllureInstaller installer = new AllureInstaller(o.cache(), o.mvn());
        if (installer.cached().isEmpty()) {
            log.println("migcert: fetching Allure's command line (" + AllureInstaller.ARTIFACT + ") with Maven, once;"
                    + " it is kept in " + installer.home());
        }
        AllureCommandLine cli = installer.obtain();
        try (PrivateTemp work = PrivateTemp.create("migcert-allure-")) {
            List<Path> inputs = new ArrayList<>(List.of(results));
            if (history.isPresent()) {
                Path stage = work.dir().resolve("history-results");
                history.get().stage(stage);
                inputs.add(stage);
            }
            // Allure writes its history and summary only in the directory form: for a single file, that
            // form goes to the scratch directory and the single file is rendered from the same inputs.
            Path directory = o.singleFile() ? work.dir().resolve("report") : o.out();
            Files.createDirectories(o.out());
            cli.generate(inputs, directory, false, o.timeout(), work.dir().resolve("allure.log"));
            if (o.singleFile()) {
                cli.generate(inputs, o.out(), true, o.timeout(), work.dir().resolve("allure-single-file.log"));
            }
            ReportStatistic statistic = ReportStatistic.of(directory);
            int trend = history.isPresent() ? history.get().store(directory)
                    : AllureHistory.trendRuns(directory.resolve("history"));
            return new Rendered(o.out().resolve("index.html"), results, statistic, trend,
                    history.map(AllureHistory::dir));
        } catch (IOException e) {
            throw new AllureException(AllureException.Kind.FAILED, "cannot render into " + o.out() + ": " + e.getMessage());
        }
    }

    /**
     * Allure's {@code --clean} empties the report directory: refuse one that holds anything but an
     * earlier Allure report, and one that contains, or lies inside, the results or the history.
     */
    static void checkOut(Path out, Path results, Optional<Path> history) throws AllureException {
        Path o = out.toAbsolutePath().normalize();
        List<Path> keep = new ArrayList<>(List.of(results.toAbsolutePath().normalize()));
        history.ifPresent(h -> keep.add(h.toAbsolutePath().normalize()));
        for (Path k : keep) {
            if (k.startsWith(o) || o.startsWith(k)) {
                throw new AllureException(AllureException.Kind.USAGE, "--out " + out + " overlaps " + k
                        + ": Allure empties the report directory first; give a directory of its own");
            }
        }
        if (Files.exists(o) && !Files.isDirectory(o)) {
            throw new AllureException(AllureException.Kind.USAGE, "--out " + out + " is not a directory");
        }
        if (Files.isDirectory(o) && !Files.isRegularFile(o.resolve("index.html"))) {
            try (Stream<Path> s = Files.list(o)) {
                if (s.findAny().isPresent()) {
                    throw new AllureException(AllureException.Kind.USAGE, "--out " + out + " is not empty and holds no"
                            + " earlier Allure report (no index.html): Allure would delete its contents; give a new or"
                            + " empty directory");
                }
            } catch (IOException e) {
                throw new AllureException(AllureException.Kind.USAGE, "--out " + out + ": " + e.getMessage());
            }
        }
    }
}
