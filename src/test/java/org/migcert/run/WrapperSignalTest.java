package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migcert.report.ResultsFile;

/**
 * The {@code ./migcert} wrapper leaves no shell between a signal and the JVM, on its first run too
 * (the one that dumps the class-data sharing archive): SIGTERM to the wrapper's process stops the
 * run in order (device programs stopped, every report written and marked partial), and the next
 * start adopts the archive the stopped JVM dumped.
 */
class WrapperSignalTest {
    private static final long LIMIT_S = 120;

    @Test
    void sigtermToTheArchiveDumpingFirstRunReachesTheJvm(@TempDir Path dir) throws Exception {
        Path home = install(dir.resolve("home"));
        Path out = dir.resolve("out");
        // A vfio-user device that takes a quarter of a second a step: the run is still going when signalled,
        // and it has device programs of its own to stop.
        Process wrapper = wrapper(home, "run", "--device",
                Path.of("fixtures/devices/misbehaving/slow-but-correct/device.yaml").toAbsolutePath().toString(),
                "--only", "MigrationMatrix", "--jobs", "1", "--out", out.toString());
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(wrapper.getInputStream(), StandardCharsets.UTF_8));
            awaitProgressLines(lines, 2);
            ProcessHandle.Info info = wrapper.toHandle().info();
            assertTrue(info.command().orElseThrow().endsWith("/java"), "the wrapper's process is the JVM: " + info);
            assertTrue(List.of(info.arguments().orElseThrow()).stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")),
                    "the first run dumps the archive: " + info);
            // Signalled while a case has its device programs running.
            List<ProcessHandle> devices = Awaitility.await("a device program").atMost(Duration.ofSeconds(LIMIT_S))
                    .pollInterval(Duration.ofMillis(5)).until(() -> wrapper.descendants().toList(), d -> !d.isEmpty());

            // SIGTERM to the process ./migcert started as, as a shell's kill sends it (Process.destroy would
            // also close the pipe this test reads the run's last words from).
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(wrapper.pid())).start().waitFor());
            String rest = String.join("\n", lines.lines().toList());
            assertTrue(wrapper.waitFor(LIMIT_S, TimeUnit.SECONDS));
            assertEquals(ExitCode.HARNESS.status(), wrapper.exitValue(), rest); // 3: partial
            ResultsFile.Records records = new ResultsFile(out.resolve(ResultsLog.FILE)).records();
            assertTrue(records.end().orElseThrow().reason().contains("interrupted by SIGTERM"), records.toString());
            assertTrue(Files.readString(out.resolve("report.json")).contains("\"PARTIAL\""));
            devices.forEach(d -> assertFalse(d.isAlive(), "device program " + d.pid() + " outlived the run"));
        } finally {
            wrapper.destroyForcibly();
        }

        Process next = wrapper(home, "run", "--list", "--out", dir.resolve("listed").toString());
        next.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(next.waitFor(LIMIT_S, TimeUnit.SECONDS));
        assertEquals(0, next.exitValue());
        try (Stream<Path> s = Files.list(home.resolve("target"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".jsa")).toList();
            assertEquals(1, names.size(), names::toString);
            assertTrue(names.get(0).matches("migcert-\\d+-\\d+\\.jsa"), "the stopped run's archive, adopted: " + names);
        }
    }

    /**
     * An installation in {@code home}: the wrapper, the bundled profiles and fixtures, and
     * {@code target/migcert.jar} holding the compiled classes with the dependencies on its class path
     * (jars only: class-data sharing refuses directories).
     */
    private static Path install(Path home) throws IOException {
        Files.createDirectories(home.resolve("target"));
        Path script = home.resolve("migcert");
        Files.copy(Path.of("migcert"), script, StandardCopyOption.COPY_ATTRIBUTES);
        assertTrue(script.toFile().setExecutable(true));
        for (String d : List.of("suites", "fixtures")) {
            Files.createSymbolicLink(home.resolve(d), Path.of(d).toAbsolutePath());
        }
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> jars = new ArrayList<>();
        Path classes = null;
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (entry.endsWith(".jar")) {
                jars.add(p.toUri().toString());
            } else if (Files.isDirectory(p.resolve("org/migcert/run")) && Files.exists(p.resolve("org/migcert/run/Main.class"))) {
                classes = p;
            }
        }
        assertTrue(classes != null, "the compiled classes are on the class path: " + cp);
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", jars));
        Path jar = home.resolve("target/migcert.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar), m); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return home;
    }

    private static Process wrapper(Path home, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(home.resolve("migcert").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().remove("MIGCERT_NO_CDS");
        pb.environment().remove("MIGCERT_JAVA_OPTS");
        return pb.start();
    }

    private static void awaitProgressLines(BufferedReader r, int n) throws IOException {
        int seen = 0;
        for (String line; seen < n && (line = r.readLine()) != null; ) {
            seen += line.startsWith("[") ? 1 : 0;
        }
        assertEquals(n, seen, "progress lines before the run ended");
    }
}
