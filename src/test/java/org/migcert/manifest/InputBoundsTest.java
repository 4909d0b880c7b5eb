package org.migcert.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every duration and register value in a manifest is bounded and checked where it was written:
 * out of range is a located error, never a stack trace, a silent zero, or a run where every case
 * errs; a register value covers the whole unsigned range of its size.
 */
class InputBoundsTest {
    @TempDir
    Path dir;

    private static final String DEVICE = """
            model: example.org/refnic
            timeout: %s
            implementations:
              - id: "1.0"
                adapter: java
                class: org.migcert.fixtures.refnic.RefNic10
            workload:
              - write: {region: 0, offset: 0x10, size: %d, value: %s}
            """;

    private DeviceManifest load(String timeout, int size, String value) throws Exception {
        Path f = dir.resolve("device.yaml");
        Files.writeString(f, String.format(DEVICE, timeout, size, value));
        return ManifestLoader.load(f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9223372036854775807m", "9300000000s", "0s", "99ms", "11m"})
    void aTimeoutOutOfRangeIsALocatedError(String timeout) {
        ManifestException e = assertThrows(ManifestException.class, () -> load(timeout, 4, "1"));
        assertTrue(e.getMessage().contains("device.yaml:2:") && e.getMessage().contains("from 100ms to 10m"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"100ms", "20s", "10m"})
    void aTimeoutInRangeIsTaken(String timeout) throws Exception {
        Duration t = load(timeout, 4, "1").implementations().get(0).timeout();
        assertTrue(t.compareTo(DeviceManifest.MIN_TIMEOUT) >= 0 && t.compareTo(DeviceManifest.MAX_TIMEOUT) <= 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0xcafef00dcafef00d", "\"0xffffffffffffffff\"", "18446744073709551615"})
    void registerValuesCoverTheWholeUnsignedRange(String value) throws Exception {
        long v = load("20s", 8, value).workload().get(0).value();
        assertTrue(Long.toUnsignedString(v, 16).equals("cafef00dcafef00d") || v == -1L, Long.toHexString(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1ffffffff", "-1", "18446744073709551616"})
    void aValueThatDoesNotFitItsSizeIsALocatedError(String value) {
        ManifestException e = assertThrows(ManifestException.class, () -> load("20s", 4, value));
        assertTrue(e.getMessage().contains("device.yaml:8:") && e.getMessage().contains("does not fit in 4 bytes"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "25h", "99999999999999999999s"})
    void aCaseTimeoutOutOfRangeIsALocatedError(String timeout) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, "name: p\nsuites: [Info]\ncase-timeout: " + timeout + "\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ProfileLoader.load(f,
                org.migcert.suites.SuiteCatalogue.load(getClass().getClassLoader()).rulesBySuite()));
        assertTrue(e.getMessage().contains("p.yaml:3:") && e.getMessage().contains("from 1s to 1440m"), e.getMessage());
        assertEquals(Duration.ofHours(24), Profile.MAX_CASE_TIMEOUT);
    }
}
