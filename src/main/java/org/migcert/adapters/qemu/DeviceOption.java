package org.migcert.adapters.qemu;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.migcert.adapter.CreationRefusedException;

/**
 * The text of QEMU's {@code -device DRIVER,id=dev0,name=value,...} option. QEMU splits it at
 * commas and reads {@code ,,} as one literal comma, so every value is escaped that way: a manifest
 * value can never add a property of its own. A name is not escapable, so one that is not a
 * property name's shape is refused before QEMU sees it.
 */
final class DeviceOption {
    /** The id every instance's device gets, so QMP and query-pci can find it. */
    static final String ID = "dev0";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private DeviceOption() {
    }

    /** {@code driver,id=dev0} then {@code fixed} then {@code params}, in their iteration order. */
    static String of(String driver, Map<String, String> fixed, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(escape(driver)).append(",id=").append(ID);
        for (Map<String, String> m : List.of(fixed, params)) {
            for (Map.Entry<String, String> e : m.entrySet()) {
                if (!isName(e.getKey())) {
                    throw new CreationRefusedException("'" + e.getKey() + "' cannot be a QEMU property name (letters,"
                            + " digits, '_', '.' and '-' only); QEMU was not started");
                }
                sb.append(',').append(e.getKey()).append('=').append(escape(e.getValue()));
            }
        }
        return sb.toString();
    }

    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /** QEMU's option-list escaping: a literal comma is written twice. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }
}
