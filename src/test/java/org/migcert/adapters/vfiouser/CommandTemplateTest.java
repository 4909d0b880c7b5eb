package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migcert.adapter.AdapterException;

class CommandTemplateTest {
    private static final Path SOCK = Path.of("/tmp/d/device.sock");
    private static final Map<String, String> PARAMS = params();

    private static Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mtu", "1500");
        m.put("name", "{socket}"); // values are data: never expanded
        return m;
    }

    private static CommandTemplate template(String yaml) throws AdapterException {
        return CommandTemplate.of(Specs.spec(yaml, Path.of("/manifests/dev"), Specs.TIMEOUT));
    }

    @Test
    void conventionalCommandGetsSocketThenParameters() throws AdapterException {
        CommandTemplate t = template("command: [refnic-device, --impl=1.1]");
        assertEquals(List.of("refnic-device", "--impl=1.1", "--socket-path=/tmp/d/device.sock", "--m-mtu=1500",
                "--m-name={socket}"), t.forInstance(SOCK, PARAMS));
        assertEquals(List.of("refnic-device", "--impl=1.1", "--print-migration-info-json"), t.forInfo());
    }

    @Test
    void placeholdersReplaceTheDefaults() throws AdapterException {
        CommandTemplate t = template("command: [./bin/dev, -s, '{socket}', '{params}', --verbose]");
        assertEquals(List.of("/manifests/dev/bin/dev", "-s", "/tmp/d/device.sock", "--m-mtu=1500", "--m-name={socket}",
                "--verbose"), t.forInstance(SOCK, PARAMS));
        assertEquals(List.of("/manifests/dev/bin/dev", "-s", "--verbose", "--print-migration-info-json"), t.forInfo());
    }

    @Test
    void socketInsideAnElementAndJavaPlaceholders() throws AdapterException {
        CommandTemplate t = template("command: ['{java}', -cp, '{classpath}', Main, '--socket-path={socket}']");
        List<String> argv = t.forInstance(SOCK, Map.of());
        assertEquals(CommandTemplate.javaBinary(), argv.get(0));
        assertTrue(Path.of(argv.get(0)).isAbsolute());
        assertEquals(CommandTemplate.absoluteClassPath(), argv.get(2));
        for (String entry : argv.get(2).split(java.io.File.pathSeparator)) {
            assertTrue(Path.of(entry).isAbsolute(), "class path entries are absolute: the program runs elsewhere: " + entry);
        }
        assertEquals("--socket-path=/tmp/d/device.sock", argv.get(4));
        assertEquals(5, argv.size(), "no default options appended when {socket} is given");
    }

    @Test
    void classDataMapsTheArchiveThisJvmRunsWithOrNothing() throws AdapterException {
        assertEquals(List.of("-XX:SharedArchiveFile=/opt/m/migcert.jsa", "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"), CommandTemplate.classDataOptions(List.of("-XX:TieredStopAtLevel=1",
                "-XX:SharedArchiveFile=/opt/m/old.jsa", "-XX:SharedArchiveFile=/opt/m/migcert.jsa")));
        assertEquals(List.of(), CommandTemplate.classDataOptions(List.of("-Xmx64m")), "no archive: nothing");
        assertEquals(List.of(), CommandTemplate.classDataOptions(List.of("-XX:SharedArchiveFile=/a.jsa", "-Xshare:off")),
                "sharing off: nothing");
        // This test JVM maps no archive of its own: the element disappears, the rest stays in place.
        CommandTemplate t = template("command: ['{java}', '{class-data}', -cp, '{classpath}', Main]");
        assertEquals(List.of(CommandTemplate.javaBinary(), "-cp", CommandTemplate.absoluteClassPath(), "Main",
                "--socket-path=/tmp/d/device.sock"), t.forInstance(SOCK, Map.of()));
        assertEquals(List.of(CommandTemplate.javaBinary(), "-cp", CommandTemplate.absoluteClassPath(), "Main",
                "--print-migration-info-json"), t.forInfo());
    }

    @Test
    void classDataMustBeAWholeElementAfterTheProgram() {
        assertTrue(assertThrows(AdapterException.class, () -> template("command: ['{java}', 'x{class-data}', Main]"))
                .getMessage().contains("list element of its own"));
        assertTrue(assertThrows(AdapterException.class, () -> template("command: ['{class-data}', '{java}', Main]"))
                .getMessage().contains("give the program"));
    }

    @Test
    void paramsMustBeAWholeElement() {
        AdapterException e = assertThrows(AdapterException.class, () -> template("command: [dev, '--x={params}']"));
        assertTrue(e.getMessage().contains("test.yaml:1"), e.getMessage());
    }

    @Test
    void commandIsRequiredAndAList() {
        assertThrows(AdapterException.class, () -> template("class: x"));
        assertThrows(AdapterException.class, () -> template("command: 'dev --socket-path=x'"));
        assertThrows(AdapterException.class, () -> template("command: []"));
    }

    @Test
    void aSocketOnlyCommandTakesNoParametersAndNeverDropsThemSilently() throws AdapterException {
        CommandTemplate t = template("command: [server, '{socket}']");
        assertTrue(!t.takesParameters());
        assertEquals(List.of("server", "/tmp/d/device.sock"), t.forInstance(SOCK, Map.of()).subList(0, 2));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> t.forInstance(SOCK, Map.of("mtu", "1500")));
        assertTrue(template("command: [dev]").takesParameters());
        assertTrue(template("command: [dev, '{socket}', '{params}']").takesParameters());
    }
}
