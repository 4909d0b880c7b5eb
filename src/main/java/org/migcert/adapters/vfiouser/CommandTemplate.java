package org.migcert.adapters.vfiouser;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.ImplementationSpec;

/**
 * A manifest's {@code command:} argv with its placeholders: {@code {java}} (this JVM's java
 * binary), {@code {classpath}} (this JVM's class path), {@code {socket}} (the instance's socket
 * path), {@code {params}} (the {@code --m-<name>=<value>} options, a whole element only) and
 * {@code {class-data}} (a whole element only: the options that map this JVM's class-data sharing
 * archive, so a Java device program on the same class path starts from the classes the harness
 * already loaded; nothing when this JVM maps no archive of its own).
 * Without {@code {socket}} and {@code {params}} the proposal's convention applies: the harness
 * appends {@code --socket-path=SOCK} and then the options.
 */
public final class CommandTemplate {
    static final String JAVA = "{java}";
    static final String CLASSPATH = "{classpath}";
    static final String SOCKET = "{socket}";
    static final String PARAMS = "{params}";
    static final String CLASS_DATA = "{class-data}";
    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    static final String INFO_OPTION = "--print-migration-info-json";

    private final List<String> argv;
    private final Path baseDir;
    private final boolean conventional;

    private CommandTemplate(List<String> argv, Path baseDir) {
        this.argv = List.copyOf(argv);
        this.baseDir = baseDir;
        this.conventional = argv.stream().noneMatch(a -> a.contains(SOCKET) || a.contains(PARAMS));
    }

    /** Reads {@code command:} from a manifest entry. */
    public static CommandTemplate of(ImplementationSpec spec) throws AdapterException {
        JsonNode node = spec.settings().get("command");
        String fix = "; give it as a list, for example command: [my-device, --impl=1.1]";
        if (node == null || node.isNull()) {
            throw new AdapterException(spec.where() + ": implementation '" + spec.id()
                    + "' uses adapter " + spec.adapter() + " but has no 'command:'" + fix);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new AdapterException(spec.where() + ": 'command:' of implementation '" + spec.id()
                    + "' must be a non-empty list of strings (argv, never run through a shell)" + fix);
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isValueNode() || e.isNull()) {
                throw new AdapterException(spec.where() + ": 'command:' element " + e + " is not a string" + fix);
            }
            String s = e.asText();
            for (String whole : List.of(PARAMS, CLASS_DATA)) {
                if (s.contains(whole) && !s.equals(whole)) {
                    throw new AdapterException(spec.where() + ": '" + s + "' in 'command:': " + whole
                            + " expands to several arguments, so it must be a list element of its own");
                }
            }
            argv.add(s);
        }
        if (argv.get(0).equals(CLASS_DATA)) {
            throw new AdapterException(spec.where() + ": 'command:' starts with " + CLASS_DATA
                    + ", which holds options of the program's JVM; give the program ({java}) first");
        }
        if (argv.get(0).isBlank()) {
            throw new AdapterException(spec.where() + ": the program in 'command:' is empty");
        }
        return new CommandTemplate(argv, spec.baseDir());
    }

    /** The argv that prints the migration info: socket and parameter elements dropped, the option appended. */
    List<String> forInfo() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals(CLASS_DATA)) {
                out.addAll(classDataOptions(jvmArguments()));
            } else if (!a.contains(SOCKET) && !a.contains(PARAMS)) {
                out.add(expand(a, i, null));
            }
        }
        out.add(INFO_OPTION);
        return out;
    }

    /** Whether the command can carry migration parameters: by the convention, or through {@code {params}}. */
    boolean takesParameters() {
        return conventional || argv.contains(PARAMS);
    }

    /**
     * The argv of one instance listening on {@code socket} with these parameters.
     *
     * @throws IllegalArgumentException when there are parameters but the command has no place for them:
     *                                  dropping them silently would let a check pass for the wrong reason
     */
    public List<String> forInstance(Path socket, Map<String, String> params) {
        if (!params.isEmpty() && !takesParameters()) {
            throw new IllegalArgumentException("the command has no " + PARAMS + " and does not follow the"
                    + " --socket-path convention, so it cannot pass " + params);
        }
        List<String> options = new ArrayList<>();
        params.forEach((name, value) -> options.add("--m-" + name + "=" + value));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals(PARAMS)) {
                out.addAll(options); // values are data: never searched for placeholders
            } else if (a.equals(CLASS_DATA)) {
                out.addAll(classDataOptions(jvmArguments()));
            } else {
                out.add(expand(a, i, socket));
            }
        }
        if (conventional) {
            out.add("--socket-path=" + socket);
            out.addAll(options);
        }
        return out;
    }

    /** Replaces the placeholders of template element {@code index}; element 0 is also resolved as the program. */
    private String expand(String a, int index, Path socket) {
        a = a.replace(JAVA, javaBinary()).replace(CLASSPATH, absoluteClassPath());
        if (socket != null) {
            a = a.replace(SOCKET, socket.toString());
        }
        return index == 0 ? resolveProgram(a) : a;
    }

    /** Relative paths with a directory part resolve against the manifest; bare names go through PATH. */
    private String resolveProgram(String program) {
        Path p = Path.of(program);
        return p.isAbsolute() || !program.contains("/") ? program : baseDir.resolve(p).normalize().toString();
    }

    /** This JVM's java binary, so device programs written in Java run on the same runtime. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }

    /**
     * The options that map the class-data sharing archive named in {@code jvmArguments} (the last
     * {@code -XX:SharedArchiveFile=}), with CDS logging off so that nothing is added to the info a
     * program prints; none when there is no archive or sharing is off. {@code -Xshare:auto}: a JVM
     * that cannot use the archive (another class path, another JDK) starts as without it.
     */
    static List<String> classDataOptions(List<String> jvmArguments) {
        String archive = null;
        for (String a : jvmArguments) {
            if (a.startsWith(ARCHIVE_OPTION)) {
                archive = a.substring(ARCHIVE_OPTION.length());
            } else if (a.equals("-Xshare:off")) {
                return List.of();
            }
        }
        return archive == null || archive.isEmpty() ? List.of()
                : List.of(ARCHIVE_OPTION + Path.of(archive).toAbsolutePath(), "-Xshare:auto", "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off");
    }

    private static List<String> jvmArguments() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    /** This JVM's class path with every entry absolute: the program runs in its own working directory. */
    static String absoluteClassPath() {
        StringBuilder sb = new StringBuilder();
        for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(e).toAbsolutePath());
            }
        }
        return sb.toString();
    }
}
