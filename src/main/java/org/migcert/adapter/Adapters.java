package org.migcert.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds adapters by name through {@link ServiceLoader}. */
public final class Adapters {
    private Adapters() {
    }

    public static List<Adapter> all() {
        List<Adapter> out = new ArrayList<>();
        ServiceLoader.load(Adapter.class, Adapters.class.getClassLoader()).forEach(out::add);
        return out;
    }

    /** @throws AdapterException listing every known adapter when none has this name */
    public static Adapter byName(String name) throws AdapterException {
        List<String> names = new ArrayList<>();
        for (Adapter a : all()) {
            if (a.name().equals(name)) {
                return a;
            }
            names.add(a.name());
        }
        throw new AdapterException("unknown adapter '" + name + "'; known adapters: " + String.join(", ", names));
    }
}
