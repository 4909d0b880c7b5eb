package org.migcert.adapters.qemu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.adapter.MigState;
import org.migcert.adapter.RegionInfo;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.adapters.vfiouser.Leftovers;

/**
 * One e1000e implementation of the installed QEMU driven through the adapter directly: what a guest
 * sees through qtest, a migration between two QEMU processes, QEMU's refusals in its own words, and
 * nothing left running afterwards.
 */
class QemuInstanceTest {
    /** RAL0, the first receive address register in BAR0. */
    private static final long RAL0 = 0x5400;
    private Implementation impl;

    @BeforeEach
    void open() throws AdapterException {
        Qemu.assumeInstalled();
        impl = new QemuAdapter().open(spec("{driver: e1000e, machines: [pc-q35-7.2],"
                + " params: {subsys_ven: {allowed_values: ['0-65535']}}}"));
    }

    @AfterEach
    void close() throws Exception {
        if (impl != null) {
            impl.close();
        }
        Leftovers.assertNoneOfOurs();
    }

    static ImplementationSpec spec(String yaml) {
        try {
            JsonNode settings = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
            return new ImplementationSpec("7.2", "qemu", settings, Optional.empty(), Path.of("."), "test.yaml:1",
                    Duration.ofSeconds(20));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void infoComesFromQemuAndTheManifest() {
        var params = impl.info().model("qemu.org/e1000e").orElseThrow().params();
        assertEquals("32902", params.get("subsys_ven").initValue().text(), "QEMU's default subsystem vendor (Intel)");
        assertEquals("pc-q35-7.2", params.get("machine").initValue().text());
        assertTrue(params.get("machine").offValue().isEmpty(), "the machine type is always in the parameter list");
    }

    @Test
    void configSpaceAndBarsAreWhatAGuestSees() {
        try (DeviceInstance d = impl.create(Map.of("subsys_ven", "4660"))) {
            assertEquals(0x10d38086L, le(d.read(RegionInfo.PCI_CONFIG_INDEX, 0, 4)), "vendor 8086, device 10d3");
            assertEquals(0x1234L, le(d.read(RegionInfo.PCI_CONFIG_INDEX, 0x2c, 2)), "the subsystem vendor given");
            assertEquals(0x20000L, d.regionInfo(0).size());
            assertEquals(0x1000L, d.regionInfo(RegionInfo.PCI_CONFIG_INDEX).size(), "q35's MMCONFIG reaches all 4 KiB");
            long extended = le(d.read(RegionInfo.PCI_CONFIG_INDEX, 0x100, 4));
            assertTrue((extended & 0xffff) != 0 && extended != 0xffffffffL, "an extended capability header at 0x100: "
                    + Long.toHexString(extended));
            d.write(0, RAL0, bytes(0xdeadbeefL));
            assertEquals(0xdeadbeefL, le(d.read(0, RAL0, 4)));
            assertThrows(RequestRefusedException.class, () -> d.read(0, 0x20000 - 2, 4), "past the end of BAR0");
        }
    }

    @Test
    void aMigrationCarriesRegistersToAnotherQemuProcess() {
        try (DeviceInstance src = impl.create(Map.of()); DeviceInstance dst = impl.create(Map.of())) {
            src.write(0, RAL0, bytes(0x12345678L));
            src.setState(MigState.STOP_COPY);
            dst.setState(MigState.RESUMING);
            long moved = copy(src, dst, Long.MAX_VALUE);
            dst.setState(MigState.STOP);
            dst.setState(MigState.RUNNING);
            assertTrue(moved > 4096, "a whole VM's state, " + moved + " bytes");
            assertEquals(0x12345678L, le(dst.read(0, RAL0, 4)));
            assertArrayEquals(src.read(RegionInfo.PCI_CONFIG_INDEX, 0, 256), dst.read(RegionInfo.PCI_CONFIG_INDEX, 0, 256));
        }
    }

    @Test
    void aDestinationCreatedForItsLoadIsOneQemuProcessFromStartToEnd() {
        try (DeviceInstance src = impl.create(Map.of()); DeviceInstance dst = impl.createDestination(Map.of())) {
            Set<Long> started = qemuPids();
            assertEquals(2, started.size(), started::toString);
            src.write(0, RAL0, bytes(0x12345678L));
            src.setState(MigState.STOP_COPY);
            dst.setState(MigState.RESUMING);
            copy(src, dst, Long.MAX_VALUE);
            dst.setState(MigState.STOP);
            dst.setState(MigState.RUNNING);
            assertEquals(0x12345678L, le(dst.read(0, RAL0, 4)));
            assertEquals(started, qemuPids(), "the destination's QEMU was not replaced");
        }
    }

    @Test
    void aDestinationAskedForSomethingElseFirstIsADeviceLikeAnyOther() {
        try (DeviceInstance d = impl.createDestination(Map.of("subsys_ven", "4660"))) {
            assertEquals(0x1234L, le(d.read(RegionInfo.PCI_CONFIG_INDEX, 0x2c, 2)), "the subsystem vendor given");
            d.write(0, RAL0, bytes(0xdeadbeefL));
            assertEquals(0xdeadbeefL, le(d.read(0, RAL0, 4)));
            assertEquals(1, qemuPids().size());
        }
        CreationRefusedException refused = assertThrows(CreationRefusedException.class,
                () -> impl.createDestination(Map.of("migcert-unknown", "1")));
        assertTrue(refused.getMessage().contains("Property 'e1000e.migcert-unknown' not found"), refused.getMessage());
    }

    /** The QEMU processes this JVM started that still run. */
    private static Set<Long> qemuPids() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith(Qemu.BINARY))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    @Test
    void aLoadedDestinationMigratesOnward() {
        try (DeviceInstance a = impl.create(Map.of()); DeviceInstance b = impl.create(Map.of());
             DeviceInstance c = impl.create(Map.of())) {
            a.write(0, RAL0, bytes(0xcafef00dL));
            for (DeviceInstance[] hop : new DeviceInstance[][] {{a, b}, {b, c}}) {
                hop[0].setState(MigState.STOP_COPY);
                hop[1].setState(MigState.RESUMING);
                copy(hop[0], hop[1], Long.MAX_VALUE);
                hop[1].setState(MigState.RUNNING);
            }
            assertEquals(0xcafef00dL, le(c.read(0, RAL0, 4)));
        }
    }

    @Test
    void aTruncatedStreamIsRefusedInQemusWordsAndAResetRecovers() {
        try (DeviceInstance src = impl.create(Map.of()); DeviceInstance dst = impl.create(Map.of())) {
            src.setState(MigState.STOP_COPY);
            dst.setState(MigState.RESUMING);
            copy(src, dst, 4096);
            RequestRefusedException e = assertThrows(RequestRefusedException.class, () -> dst.setState(MigState.STOP));
            assertTrue(e.getMessage().contains("load of migration failed"), e.getMessage());
            assertEquals(MigState.ERROR, dst.state());
            dst.reset();
            assertEquals(MigState.RUNNING, dst.state());
            assertEquals(0x10d38086L, le(dst.read(RegionInfo.PCI_CONFIG_INDEX, 0, 4)));
            src.setState(MigState.STOP);
            src.setState(MigState.RUNNING);
            assertEquals(0x10d38086L, le(src.read(RegionInfo.PCI_CONFIG_INDEX, 0, 4)), "the source still answers");
        }
    }

    @Test
    void qemuRefusesWhatItCannotParseAndNoValueAddsAProperty() {
        CreationRefusedException unknown = assertThrows(CreationRefusedException.class,
                () -> impl.create(Map.of("migcert-unknown", "1")));
        assertTrue(unknown.getMessage().contains("Property 'e1000e.migcert-unknown' not found"), unknown.getMessage());
        // The comma is doubled, so QEMU sees one value "1,romfile=x" for subsys_ven, not a second property.
        CreationRefusedException injected = assertThrows(CreationRefusedException.class,
                () -> impl.create(Map.of("subsys_ven", "1,romfile=x")));
        assertTrue(injected.getMessage().contains("subsys_ven=1,,romfile=x"), injected.getMessage());
        assertTrue(injected.getMessage().contains("Parameter 'subsys_ven' expects"), injected.getMessage());
        assertThrows(CreationRefusedException.class, () -> impl.create(Map.of("a=b,romfile", "x")));
    }

    @Test
    void aManifestNamingWhatQemuLacksIsAManifestError() {
        AdapterException property = assertThrows(AdapterException.class, () -> new QemuAdapter().open(spec(
                "{driver: e1000e, machines: [pc-q35-7.2], params: {subsys_vn: {}}}")));
        assertTrue(property.getMessage().startsWith("test.yaml:1: implementation '7.2' (adapter qemu): params.subsys_vn"), property.getMessage());
        assertTrue(property.getMessage().contains("did you mean 'subsys_ven'"), property.getMessage());
        AdapterException machine = assertThrows(AdapterException.class, () -> new QemuAdapter().open(spec(
                "{driver: e1000e, machines: [pc-q35-9.9]}")));
        assertTrue(machine.getMessage().contains("has no machine type 'pc-q35-9.9'"), machine.getMessage());
        AdapterException driver = assertThrows(AdapterException.class, () -> new QemuAdapter().open(spec(
                "{driver: e1000x, machines: [pc-q35-7.2]}")));
        assertTrue(driver.getMessage().contains("has no device driver 'e1000x'"), driver.getMessage());
        AdapterException notPci = assertThrows(AdapterException.class, () -> new QemuAdapter().open(spec(
                "{driver: isa-serial, machines: [pc-q35-7.2]}")));
        assertTrue(notPci.getMessage().contains("'isa-serial' is not a PCI device"), notPci.getMessage());
        AdapterException init = assertThrows(AdapterException.class, () -> new QemuAdapter().open(spec(
                "{driver: e1000e, machines: [pc-q35-7.2], params: {subsys_ven: {init_value: 1}}}")));
        assertTrue(init.getMessage().contains("QEMU's default for e1000e.subsys_ven is 32902"), init.getMessage());
    }

    /** Streams up to {@code limit} bytes of a saving source into a resuming destination. */
    private static long copy(DeviceInstance from, DeviceInstance to, long limit) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        while (total < limit) {
            int want = (int) Math.min(b.capacity(), limit - total);
            b.clear().limit(want);
            int n = from.readData(b);
            b.flip();
            to.writeData(b);
            total += n;
            if (n < want) {
                break; // a short read ends the stream
            }
        }
        return total;
    }

    private static byte[] bytes(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static long le(byte[] b) {
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }
}
