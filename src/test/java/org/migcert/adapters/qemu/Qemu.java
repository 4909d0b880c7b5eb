package org.migcert.adapters.qemu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Whether this machine has the QEMU the qemu adapter's tests need; they skip, saying so, when it has not. */
public final class Qemu {
    static final String BINARY = "qemu-system-x86_64";
    static final String MISSING = BINARY + " is not installed, so the qemu adapter is not tested here: install it with"
            + " apt-get install -y qemu-system-x86 (CI does, and fails when these tests skip)";

    private Qemu() {
    }

    static boolean installed() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d.isEmpty() ? "." : d, BINARY)).anyMatch(Files::isExecutable);
    }

    /** Skips the calling test, with the reason, when QEMU is missing. */
    public static void assumeInstalled() {
        assumeTrue(installed(), MISSING);
    }
}
