package org.migcert.manifest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.Adapters;

/**
 * The keys an implementation entry of a manifest may hold: those every entry has, plus those of
 * its adapter, for the adapters this build really has (found through {@link Adapters}).
 */
final class ImplementationKeys {
    /** Keys of every entry, whatever its adapter; all but {@code id} may also be given in {@code defaults:}. */
    static final Set<String> COMMON = Set.of("id", "adapter", "timeout", "info");

    /** Adapter name to the keys it reads, in the order found. */
    private final Map<String, Set<String>> adapters;

    ImplementationKeys(Map<String, Set<String>> adapters) {
        this.adapters = new LinkedHashMap<>(adapters);
    }

    /** The adapters found through {@link java.util.ServiceLoader}. */
    static ImplementationKeys found() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Adapter a : Adapters.all()) {
            out.put(a.name(), a.settingKeys());
        }
        return new ImplementationKeys(out);
    }

    Set<String> adapterNames() {
        return adapters.keySet();
    }

    boolean hasAdapter(String name) {
        return adapters.containsKey(name);
    }

    /** Keys an entry may hold when its adapter is {@code adapter}. */
    Set<String> of(String adapter) {
        Set<String> out = new HashSet<>(COMMON);
        out.addAll(adapters.getOrDefault(adapter, Set.of()));
        return out;
    }

    /** Keys of any adapter: what an entry may hold before its adapter is known. */
    Set<String> any() {
        Set<String> out = new HashSet<>(COMMON);
        adapters.values().forEach(out::addAll);
        return out;
    }

    /** Keys {@code defaults:} may give: any entry key but {@code id}, which is each entry's own. */
    Set<String> defaultable() {
        Set<String> out = any();
        out.remove("id");
        return out;
    }

    /** Whether {@code key} belongs to the adapter, so that changing the adapter drops it. */
    static boolean adapterSpecific(String key) {
        return !COMMON.contains(key);
    }
}
