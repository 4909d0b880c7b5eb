package org.migcert.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Allure's history kept between renders in a directory of its own (Allure's {@code history/} files:
 * {@code history.json}, {@code history-trend.json}, ...). Before a render its files are offered to
 * Allure as a results directory of their own, so the run's results are never modified; after it, the
 * report's new history replaces them, so each render adds one run to the trend.
 */
final class AllureHistory {
    /** Allure keeps about twenty runs per case; a history file past this size is not Allure's. */
    static final long MAX_FILE_BYTES = 256L << 20;
    /** Allure writes five history files; more than this many is not its history. */
    static final int MAX_FILES = 64;
    private static final String TREND = "history-trend.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    AllureHistory(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Refuses a history that is a file, or holds files that are not Allure's history. */
    void check() throws AllureException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new AllureException(AllureException.Kind.USAGE, "--history " + dir + " is not a directory");
        }
        if (Files.isDirectory(dir)) {
            try {
                files(dir);
            } catch (IOException e) {
                throw new AllureException(AllureException.Kind.USAGE, "--history " + dir + ": " + e.getMessage());
            }
        }
    }

    /** Copies the stored history (none on the first night) into {@code stage}/history, for Allure to read beside the results. */
    void stage(Path stage) throws IOException {
        Path into = Files.createDirectories(stage.resolve("history"));
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (Path f : files(dir)) {
            Files.copy(f, into.resolve(f.getFileName()), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Replaces the stored history with the report's; returns the number of runs its trend now holds. */
    int store(Path report) throws IOException {
        Path from = report.resolve("history");
        Files.createDirectories(dir);
        for (Path f : files(from)) {
            // Through a temporary sibling: a render stopped midway leaves each file whole, old or new.
            Path tmp = dir.resolve("." + f.getFileName() + ".tmp");
            Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return trendRuns(dir);
    }

    /** How many runs the trend in {@code historyDir} holds: the length of Allure's history-trend.json. */
    static int trendRuns(Path historyDir) throws IOException {
        Path trend = historyDir.resolve(TREND);
        if (!Files.isRegularFile(trend)) {
            return 0;
        }
        JsonNode n = JSON.readTree(trend.toFile());
        return n.isArray() ? n.size() : 0;
    }

    /** The history's JSON files, each a regular file of bounded size; anything else there is refused. */
    private static List<Path> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            List<Path> all = s.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
            if (all.size() > MAX_FILES) {
                throw new IOException("more than " + MAX_FILES + " files: not an Allure history");
            }
            for (Path f : all) {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || !f.toString().endsWith(".json")
                        || Files.size(f) > MAX_FILE_BYTES) {
                    throw new IOException(f.getFileName() + " is not an Allure history file (a JSON file of at most "
                            + (MAX_FILE_BYTES >> 20) + " MiB)");
                }
            }
            return all;
        }
    }
}
