package org.migcert.adapter;

import java.nio.file.Path;
import java.util.Map;

/** Where migcert keeps what it may recompute for this user: {@code $XDG_CACHE_HOME/migcert}, else {@code ~/.cache/migcert}. */
public final class UserCache {
    private UserCache() {
    }

    /** The cache directory for this environment (it may not exist yet). */
    public static Path dir(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(userHome, ".cache");
        return base.resolve("migcert");
    }

    /** The cache directory of the running process's user. */
    public static Path dir() {
        return dir(System.getenv(), System.getProperty("user.home"));
    }
}
