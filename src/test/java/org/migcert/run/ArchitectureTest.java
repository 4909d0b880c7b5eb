package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seams that keep the harness extensible, checked on the sources: {@code run} depends on
 * {@code suites} and never the reverse, and neither holds static mutable state (a run reaches the
 * suites through the launcher session, so two runs in one JVM never meet); adapters print nothing
 * themselves.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/migcert");

    @Test
    void onlyTheRunPackageImportsTheRunPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources(MAIN)) {
            if (!f.startsWith(MAIN.resolve("run")) && Files.readString(f).contains("import org.migcert.run.")) {
                offenders.add(f.toString());
            }
        }
        assertEquals(List.of(), offenders, "run depends on the others, never the reverse");
    }

    /**
     * An adapter says what it did through the run (what it returns, what it throws), never on the
     * JVM's own streams: a run's notices go to the stream the run was given, in order with the others.
     */
    @Test
    void adaptersWriteNothingToTheJvmsStreams() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String pkg : List.of("adapter", "adapters")) {
            for (Path f : sources(MAIN.resolve(pkg))) {
                String text = Files.readString(f);
                if (text.contains("System.err") || text.contains("System.out")) {
                    offenders.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "adapters printing on System.err or System.out");
    }

    @Test
    void runAndSuitesHoldNoStaticMutableState() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (String pkg : List.of("run", "suites")) {
            for (Path f : sources(MAIN.resolve(pkg))) {
                String name = "org.migcert." + pkg + "." + f.getFileName().toString().replace(".java", "");
                for (Class<?> c : withNested(Class.forName(name))) {
                    for (Field field : c.getDeclaredFields()) {
                        int m = field.getModifiers();
                        if (Modifier.isStatic(m) && !Modifier.isFinal(m) && !field.isSynthetic()) {
                            offenders.add(c.getName() + "." + field.getName());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "static fields that are not final");
    }

    private static List<Class<?>> withNested(Class<?> c) {
        List<Class<?>> out = new ArrayList<>(List.of(c));
        for (Class<?> n : c.getDeclaredClasses()) {
            out.addAll(withNested(n));
        }
        return out;
    }

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted().toList();
        }
    }
}
