package org.migcert.adapters.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migcert.adapter.AdapterException;

/**
 * What the container adapter refuses before it reaches any Docker engine, and how it judges the
 * labels of a container's owner. Needs no Docker.
 */
class ContainerSettingsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "no image|command: [dev]|names no image",
            "both|{image: a, build: {context: .}, command: [dev]}|gives both image: and build:",
            "unknown build key|{build: {context: ., file: x}, command: [dev]}|unknown key 'file' in build:",
            "no Dockerfile|{build: {context: .}, command: [dev]}|has no",
            "host java|{image: a, command: ['{java}', -version]}|{java} and {classpath} are this host's",
            "host class path|{image: a, command: [java, -cp, '{classpath}']}|{java} and {classpath} are this host's",
            "relative program|{image: a, command: [bin/dev]}|relative path",
            "no command|{image: a}|has no 'command:'"})
    void refusedBeforeAnyEngine(String what, String yaml, String message, @TempDir Path dir) {
        AdapterException e = assertThrows(AdapterException.class,
                () -> new ContainerAdapter().open(ContainerSpecs.spec(yaml, dir)));
        assertTrue(e.getMessage().startsWith("test.yaml:1") && e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"migcert/refnic:dev,docker.io/migcert/refnic:dev", "busybox,docker.io/library/busybox:latest",
            "localhost:5000/nic,localhost:5000/nic:latest", "registry.example.org/a/b@sha256:ab,registry.example.org/a/b@sha256:ab",
            "localhost/nic:1,localhost/nic:1"})
    void imageNamesAreCompletedAsDockerDoes(String given, String full) {
        assertEquals(full, ImageSource.fullName(given));
    }

    @Test
    void onlyADeadProcessOnThisHostIsADeadOwner() throws Exception {
        ProcessHandle me = ProcessHandle.current();
        String mine = RunLabels.host() + " " + me.pid() + " " + me.info().startInstant().orElseThrow().toEpochMilli();
        assertFalse(RunLabels.ownerIsDead(mine), "this process");
        Process p = new ProcessBuilder("true").start();
        String gone = RunLabels.host() + " " + p.pid() + " " + p.info().startInstant().map(t -> t.toEpochMilli()).orElse(0L);
        p.waitFor();
        assertTrue(RunLabels.ownerIsDead(gone), "a process that ended");
        assertTrue(RunLabels.ownerIsDead(RunLabels.host() + " " + me.pid() + " 1"), "the pid reused by another process");
        assertFalse(RunLabels.ownerIsDead("another-host " + p.pid() + " 1"), "another host's: never judged");
        assertFalse(RunLabels.ownerIsDead("garbage"));
        assertFalse(RunLabels.ownerIsDead(null));
    }
}
