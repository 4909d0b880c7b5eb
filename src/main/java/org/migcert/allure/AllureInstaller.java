package org.migcert.allure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migcert.adapter.PrivateTemp;
import org.migcert.adapter.Sha256;
import org.migcert.adapter.UserCache;

/**
 * Obtains Allure's command line: the copy unpacked in the cache by an earlier call, else its release
 * archive fetched through Maven (so the user's settings, mirrors and local repository apply, and it
 * works offline once the archive is in the local repository), checked against the digest pinned here,
 * unpacked safely beside the cache entry and renamed into place, so a half-unpacked copy is never used.
 */
final class AllureInstaller {
    static final String ARTIFACT = "io.qameta.allure:allure-commandline:" + AllureCommandLine.VERSION + ":zip";
    /** The digest of that archive as published on Maven Central: a mirror serving anything else is refused. */
    static final String ARCHIVE_SHA256 = "sha256:6eb2e037604744d4ba1f9cad3676cf286974aca48f7839d9b2f7688e1efd79f2";
    /** Pinned, so the same command fetches the same way under any Maven's default plugin versions. */
    static final String COPY_GOAL = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy";
    /** A 25 MB download: minutes are plenty even on a slow mirror. */
    static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);

    private final Path cache;
    private final String mvn;

    /** @param cache where the command line is kept unpacked; @param mvn the Maven command to fetch it with */
    AllureInstaller(Path cache, String mvn) {
        this.cache = cache.toAbsolutePath().normalize();
        // A path such as ./mvnw is the caller's: Maven runs in a scratch directory, where it would not be found.
        this.mvn = mvn.contains("/") ? Path.of(mvn).toAbsolutePath().normalize().toString() : mvn;
    }

    /** Where the command line is (or will be) unpacked. */
    Path home() {
        return cache.resolve("allure-" + AllureCommandLine.VERSION);
    }

    /** The command line unpacked by an earlier call, if any. */
    Optional<AllureCommandLine> cached() {
        return AllureCommandLine.isUnpackedIn(home()) ? Optional.of(new AllureCommandLine(home())) : Optional.empty();
    }

    /** The cached command line, or a freshly fetched one. */
    AllureCommandLine obtain() throws AllureException, InterruptedException {
        Optional<AllureCommandLine> c = cached();
        if (c.isPresent()) {
            return c.get();
        }
        try (PrivateTemp work = PrivateTemp.in(cache, ".fetch-")) {
            Path zip = fetch(work.dir());
            install(zip, work.dir());
        } catch (IOException e) {
            throw new AllureException(AllureException.Kind.UNAVAILABLE, "cannot set up Allure's command line in "
                    + cache + ": " + e.getMessage());
        }
        return cached().orElseThrow(() -> new AllureException(AllureException.Kind.UNAVAILABLE,
                "Allure's command line is not complete in " + home() + " after unpacking"));
    }

    /** Runs Maven's dependency:copy in {@code work} (no pom there, so no project is built) and returns the archive. */
    private Path fetch(Path work) throws AllureException, IOException, InterruptedException {
        Path into = work.resolve("download");
        List<String> argv = List.of(mvn, "-B", "-q", "--strict-checksums", "-Dstyle.color=never", COPY_GOAL,
                "-Dartifact=" + ARTIFACT, "-DoutputDirectory=" + into);
        String tried = "tried: " + String.join(" ", argv);
        ChildProcess.Ended end;
        try {
            end = ChildProcess.run(argv, work, Map.of(), FETCH_TIMEOUT, work.resolve("mvn.log"));
        } catch (IOException e) {
            throw new AllureException(AllureException.Kind.UNAVAILABLE, "Maven is needed once to fetch Allure's"
                    + " command line (" + ARTIFACT + " from Maven Central or your mirror), and '" + mvn
                    + "' cannot be run (" + (e.getCause() != null ? e.getCause() : e).getMessage()
                    + "): install Maven 3.8 or later, or give --mvn PATH");
        }
        Path zip = into.resolve("allure-commandline-" + AllureCommandLine.VERSION + ".zip");
        if (!end.succeeded() || !Files.isRegularFile(zip)) {
            throw new AllureException(AllureException.Kind.UNAVAILABLE, "Maven could not fetch " + ARTIFACT
                    + (end.timedOut() ? " within " + FETCH_TIMEOUT.toMinutes() + " min" : " (exit " + end.exit() + ")")
                    + "; " + tried + "\n" + end.tail());
        }
        return zip;
    }

    /**
     * Checks {@code zip} against the pinned digest, unpacks it in {@code work} and renames its
     * top directory to {@link #home()}. Another migcert that got there first wins; its copy is used.
     */
    void install(Path zip, Path work) throws AllureException, IOException {
        String digest = Sha256.ofFile(zip).orElseThrow(() -> new IOException("cannot read " + zip));
        if (!digest.equals(ARCHIVE_SHA256)) {
            throw new AllureException(AllureException.Kind.UNAVAILABLE, zip + " is not " + ARTIFACT + " as published"
                    + " on Maven Central: its digest is " + digest + ", expected " + ARCHIVE_SHA256);
        }
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        try {
            SafeUnzip.unpack(zip, unpacked);
        } catch (IOException e) {
            throw new AllureException(AllureException.Kind.UNAVAILABLE, "refused to unpack " + zip + ": " + e.getMessage());
        }
        Path top = unpacked.resolve("allure-" + AllureCommandLine.VERSION);
        if (!AllureCommandLine.isUnpackedIn(top)) {
            throw new AllureException(AllureException.Kind.UNAVAILABLE, zip + " does not hold " + top.getFileName()
                    + "/lib and config/ as Allure's releases do");
        }
        try {
            Files.move(top, home(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another migcert renamed its copy into place first: that one is used.
            if (!AllureCommandLine.isUnpackedIn(home())) {
                throw new IOException("cannot move the unpacked command line to " + home() + " (" + e
                        + "): remove that directory and retry", e);
            }
        }
    }

    /** {@code $XDG_CACHE_HOME/migcert}, else {@code ~/.cache/migcert}. */
    static Path defaultCache(Map<String, String> env, String userHome) {
        return UserCache.dir(env, userHome);
    }
}
