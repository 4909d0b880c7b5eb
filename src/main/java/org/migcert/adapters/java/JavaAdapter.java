package org.migcert.adapters.java;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.FileDigests;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.device.JavaDevice;
import org.migcert.model.InfoException;
import org.migcert.model.MigrationInfo;
import org.migcert.model.MigrationInfoJson;

/**
 * The {@code java} adapter: runs a {@link JavaDevice} class in the harness's JVM. Manifest keys:
 * {@code class} (required, fully qualified), {@code info} (optional inline migration info that
 * replaces what the class reports).
 */
public final class JavaAdapter implements Adapter {
    // The implementations of a family usually live in one jar (the harness's own, 34 MB for refnic):
    // hashed once per state of that file, not once per implementation or run.
    private final FileDigests digests = FileDigests.forUser();

    @Override
    public String name() {
        return "java";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("class");
    }

    @Override
    public Implementation open(ImplementationSpec spec) throws AdapterException {
        String className = spec.setting("class").orElseThrow(() -> new AdapterException(spec.where()
                + ": implementation '" + spec.id() + "' uses adapter java but has no 'class:'; add the fully"
                + " qualified name of a class implementing " + JavaDevice.class.getName()));
        JavaDevice device = instantiate(spec, className);
        MigrationInfo info;
        if (spec.inlineInfo().isPresent()) {
            try {
                info = MigrationInfoJson.fromTree(spec.inlineInfo().get(), spec.where() + " (inline info)");
            } catch (InfoException e) {
                throw new AdapterException(e.getMessage(), e);
            }
        } else {
            info = ownInfo(device, className);
        }
        return new Implementation() {
            @Override
            public String id() {
                return spec.id();
            }

            @Override
            public MigrationInfo info() {
                return info;
            }

            @Override
            public DeviceInstance create(Map<String, String> params) {
                return device.create(params);
            }

            /** The jar the class comes from, or its class file when it is loaded from a directory. */
            @Override
            public Optional<String> codeDigest() {
                return classFile(device.getClass()).flatMap(f -> digests.of(f));
            }
        };
    }

    private static Optional<Path> classFile(Class<?> cls) {
        try {
            java.security.CodeSource src = cls.getProtectionDomain().getCodeSource();
            if (src == null) {
                return Optional.empty();
            }
            Path where = Path.of(src.getLocation().toURI());
            return Optional.of(Files.isDirectory(where) ? where.resolve(cls.getName().replace('.', '/') + ".class") : where);
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The info the device's own code gives; its failure is the device's (INFO-1), not the manifest's. */
    private static MigrationInfo ownInfo(JavaDevice device, String className) {
        String where = className + ".migrationInfo()";
        try {
            return MigrationInfoJson.parse(MigrationInfoJson.write(device.migrationInfo()), where);
        } catch (InfoException e) {
            throw new DeviceFailedException(DeviceFailedException.Kind.PROTOCOL, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DeviceFailedException(DeviceFailedException.Kind.CRASHED, where + " threw " + e, e);
        }
    }

    private static JavaDevice instantiate(ImplementationSpec spec, String className) throws AdapterException {
        Class<?> cls;
        try {
            cls = Class.forName(className, true, JavaAdapter.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AdapterException(spec.where() + ": class '" + className + "' of implementation '" + spec.id()
                    + "' is not on the class path; check the name, or build the jar that contains it");
        }
        if (!JavaDevice.class.isAssignableFrom(cls)) {
            throw new AdapterException(spec.where() + ": class '" + className + "' does not implement "
                    + JavaDevice.class.getName());
        }
        try {
            return (JavaDevice) cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AdapterException(spec.where() + ": class '" + className
                    + "' needs a public no-argument constructor that succeeds (" + e + ")", e);
        }
    }
}
