package org.migcert.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where migcert is installed ({@code MIGCERT_HOME}, set by the {@code ./migcert} wrapper), so the
 * bundled profiles and fixtures are found from any working directory.
 */
final class Home {
    private Home() {
    }

    /**
     * {@code p} as given when it is a file relative to the working directory; else the same path
     * inside the installation; else, for a bare name such as {@code strict}, {@code home/dir/name.yaml}.
     * Only files count: a directory named {@code nightly} where a nightly job keeps its runs must not
     * hide the bundled {@code nightly} profile. Unresolvable paths are returned unchanged so the
     * error names what the user typed.
     */
    static Path resolve(Path p, String dir) {
        return resolve(p, dir, System.getenv("MIGCERT_HOME"));
    }

    static Path resolve(Path p, String dir, String home) {
        if (Files.isRegularFile(p) || p.isAbsolute()) {
            return p;
        }
        if (home == null || home.isBlank()) {
            return p;
        }
        Path inHome = Path.of(home).resolve(p);
        if (Files.isRegularFile(inHome)) {
            return inHome;
        }
        if (dir != null && p.getNameCount() == 1) {
            Path named = Path.of(home, dir, p + ".yaml");
            if (Files.exists(named)) {
                return named;
            }
        }
        return p;
    }

    /** The installation directory ({@code MIGCERT_HOME}, else the working directory). */
    static Path directory() {
        String home = System.getenv("MIGCERT_HOME");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }

    /**
     * How to call migcert again from any directory: the absolute path of the installation's
     * {@code migcert} wrapper ({@code MIGCERT_HOME}, else the working directory's), or plain
     * {@code migcert} when neither has one.
     */
    static String launcher() {
        Path wrapper = directory().resolve("migcert");
        return Files.isRegularFile(wrapper) ? wrapper.toString() : "migcert";
    }
}
