package org.migcert.adapters.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.RequestRefusedException;

/**
 * What one QEMU binary says about itself and one device driver, asked over QMP from a process
 * with no machine and no device: its version, its machine types (names and aliases), and the
 * driver's properties with their QEMU types and defaults ({@code device-list-properties}).
 *
 * @param version    such as {@code 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)}
 * @param machines   every machine type name and alias
 * @param properties the driver's properties by name: each one's {@code type} and, when QEMU has one,
 *                   {@code default-value}
 */
record QemuFacts(String version, Set<String> machines, Map<String, JsonNode> properties) {
    /** The options of the asking process: nothing to emulate, nothing read from the host's configuration. */
    static final List<String> QUERY_OPTIONS = List.of("-S", "-nodefaults", "-no-user-config", "-display", "none",
            "-accel", "tcg", "-machine", "none");

    /**
     * @throws AdapterException when the binary has no such driver (the manifest's mistake), with QEMU's words
     * @throws org.migcert.adapter.DeviceFailedException when QEMU crashes, hangs or talks nonsense
     */
    static QemuFacts query(QemuSettings s, Duration timeout, String where) throws AdapterException {
        try (QemuProcess p = QemuProcess.start(s.binary().toString(), QUERY_OPTIONS, false, timeout)) {
            JsonNode v = p.qmp().execute("query-version", null);
            String version = v.path("qemu").path("major").asInt() + "." + v.path("qemu").path("minor").asInt() + "."
                    + v.path("qemu").path("micro").asInt() + (v.path("package").asText("").isBlank() ? ""
                    : " (" + v.path("package").asText().strip() + ")");
            Set<String> machines = new LinkedHashSet<>();
            for (JsonNode m : p.qmp().execute("query-machines", null)) {
                machines.add(m.path("name").asText());
                if (m.hasNonNull("alias")) {
                    machines.add(m.get("alias").asText());
                }
            }
            JsonNode props;
            try {
                props = p.qmp().execute("device-list-properties", Qmp.arguments().put("typename", s.driver()));
            } catch (RequestRefusedException e) {
                throw new AdapterException(where + ": QEMU " + version + " (" + s.binary() + ") has no device driver '"
                        + s.driver() + "': " + e.getMessage() + "; 'qemu-system-x86_64 -device help' lists them");
            }
            boolean pci = false;
            for (JsonNode t : p.qmp().execute("qom-list-types", Qmp.arguments().put("implements", "pci-device"))) {
                pci |= s.driver().equals(t.path("name").asText());
            }
            if (!pci) {
                throw new AdapterException(where + ": '" + s.driver() + "' is not a PCI device in QEMU " + version
                        + "; the qemu adapter reaches a device through PCI configuration space and BARs");
            }
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            for (JsonNode prop : props) {
                properties.put(prop.path("name").asText(), prop);
            }
            return new QemuFacts(version, machines, properties);
        } catch (CreationRefusedException e) {
            throw new AdapterException(where + ": " + s.binary() + " refused to start with no machine: "
                    + e.getMessage());
        }
    }
}
