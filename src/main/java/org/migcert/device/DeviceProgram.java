package org.migcert.device;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.model.MigrationInfoJson;
import org.migcert.vfiouser.VfioUserServer;

/**
 * The command line that turns any {@link JavaDevice} class into a vfio-user device program by the
 * proposal's conventions:
 * <pre>
 * java -cp migcert.jar org.migcert.device.DeviceProgram --class=FQCN --print-migration-info-json
 * java -cp migcert.jar org.migcert.device.DeviceProgram --class=FQCN --socket-path=PATH [--m-NAME=VALUE]...
 * </pre>
 * Exit status: 0 after printing the info, or after the client disconnected; 1 when the device
 * refused the configuration (the reason on stderr, no socket created: PARAM-1); 2 on bad usage;
 * 3 when the socket could not be served; 70 when the device class itself failed.
 *
 * <p>{@link #run} is the whole program: it never calls {@code System.exit} and keeps no state
 * outside the call, so several instances can run at once in one JVM, each with its own output
 * streams. Interrupting the thread that runs it stops an instance (it stops serving, removes its
 * socket and returns); {@link #main} turns SIGTERM into that interrupt.
 */
public final class DeviceProgram {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int SERVE_FAILED = 3;
    /** EX_SOFTWARE: the device threw; never 1, which would read as a refused configuration. */
    public static final int DEVICE_BUG = 70;
    /** How long SIGTERM waits for {@link #run} to stop serving and remove its socket. */
    private static final long STOP_GRACE_MILLIS = 2000;

    static final String USAGE_TEXT = String.join("\n",
            "usage: DeviceProgram --class=FQCN --print-migration-info-json",
            "       DeviceProgram --class=FQCN --socket-path=PATH [--m-NAME=VALUE]...",
            "  FQCN names a class implementing " + JavaDevice.class.getName()
                    + " with a public no-argument constructor.",
            "  Exit status: 0 done, 1 configuration refused, 2 bad usage, 3 cannot serve, 70 device failure.");

    private DeviceProgram() {
    }

    public static void main(String[] args) {
        Thread runner = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        // SIGTERM runs shutdown hooks, not the code after run(): interrupt run() so it cleans up as on any stop.
        Thread onSigterm = new Thread(() -> {
            runner.interrupt();
            awaitQuietly(finished);
        }, "device-program-stop");
        Runtime.getRuntime().addShutdownHook(onSigterm);
        int status;
        try {
            status = run(args, System.out, System.err);
        } finally {
            finished.countDown();
        }
        if (removeHook(onSigterm)) {
            System.exit(status);
        }
        // Otherwise the JVM is already shutting down on a signal, with that signal's status.
    }

    /**
     * Runs the program on the calling thread and returns its exit status. An instance serves until
     * its client disconnects or the calling thread is interrupted.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options opts;
        JavaDevice impl;
        try {
            opts = Options.parse(args);
            impl = load(opts.className());
        } catch (UsageException e) {
            err.println("DeviceProgram: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            if (opts.printInfo()) {
                out.println(MigrationInfoJson.write(impl.migrationInfo()));
                out.flush();
                return OK;
            }
            return serve(impl, opts, err);
        } catch (RuntimeException | LinkageError e) {
            err.println("DeviceProgram: device " + opts.className() + " failed: " + e);
            e.printStackTrace(err);
            return DEVICE_BUG;
        }
    }

    private static int serve(JavaDevice impl, Options opts, PrintStream err) {
        DeviceInstance device;
        try {
            // Created before the socket exists: a refused configuration leaves nothing behind.
            device = impl.create(opts.params());
        } catch (CreationRefusedException e) {
            err.println(e.getMessage());
            return REFUSED;
        }
        Path socket = opts.socketPath();
        try (DeviceInstance d = device) {
            VfioUserServer server;
            try {
                server = VfioUserServer.start(d, socket);
            } catch (IOException | RuntimeException e) {
                err.println("DeviceProgram: cannot serve on " + socket + ": " + e.getMessage());
                return SERVE_FAILED;
            }
            try (server) { // close() stops the server thread and removes the socket file
                server.awaitTermination(); // returns on an interrupt too
            }
            return OK;
        }
    }

    /** False when the JVM is already shutting down and runs the hook. */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JavaDevice load(String className) throws UsageException {
        Class<?> cls;
        try {
            cls = Class.forName(className, true, DeviceProgram.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UsageException("class " + className + " is not on the class path (" + e + ")");
        }
        if (!JavaDevice.class.isAssignableFrom(cls)) {
            throw new UsageException("class " + className + " does not implement " + JavaDevice.class.getName());
        }
        try {
            return (JavaDevice) cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UsageException("class " + className + " needs a public no-argument constructor that succeeds ("
                    + e + ")");
        }
    }

    /** Bad command line: reported with the usage text and exit status 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    record Options(String className, boolean printInfo, Path socketPath, Map<String, String> params) {
        static Options parse(String[] args) throws UsageException {
            String cls = null;
            boolean info = false;
            Path socket = null;
            Map<String, String> params = new LinkedHashMap<>();
            for (String a : args) {
                if (a.startsWith("--class=")) {
                    cls = a.substring("--class=".length());
                } else if (a.equals("--print-migration-info-json")) {
                    info = true;
                } else if (a.startsWith("--socket-path=")) {
                    String path = a.substring("--socket-path=".length());
                    if (path.isEmpty()) {
                        throw new UsageException("--socket-path= needs a path");
                    }
                    socket = Path.of(path);
                } else if (a.startsWith("--m-") && a.indexOf('=') > "--m-".length()) {
                    String name = a.substring("--m-".length(), a.indexOf('='));
                    if (params.put(name, a.substring(a.indexOf('=') + 1)) != null) {
                        throw new UsageException("parameter " + name + " given twice");
                    }
                } else {
                    throw new UsageException("unknown argument '" + a + "'");
                }
            }
            if (cls == null || cls.isEmpty()) {
                throw new UsageException("--class=FQCN is required");
            }
            if (info == (socket != null)) {
                throw new UsageException("give exactly one of --print-migration-info-json and --socket-path=PATH");
            }
            if (info && !params.isEmpty()) {
                throw new UsageException("--m- parameters apply to an instance, not to --print-migration-info-json");
            }
            return new Options(cls, info, socket, Collections.unmodifiableMap(params));
        }
    }
}
