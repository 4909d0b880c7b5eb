package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.migcert.device.DeviceProgram;

/**
 * A device program run in this JVM instead of as a process (tests only): {@link DeviceProgram#run}
 * on a daemon thread of its launcher's thread group, with its stdout and stderr written straight
 * into its output tails and its exit status what {@code run} returned. Only a command of the form
 * {@code {java} [options] org.migcert.device.DeviceProgram ARGS} can run this way; the java
 * options and class path are this JVM's already and are dropped, and so is the working
 * directory (a thread has none). Terminating interrupts the thread, which is how
 * {@link DeviceProgram} is told to stop; threads the program started (its server) stay in the
 * group, so {@link #liveThreads()} shows anything left running.
 */
final class InJvmProgram extends StartedProgram {
    /** The name of every in-JVM launcher's thread group. */
    static final String THREAD_GROUP = "migcert in-JVM device programs";

    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int status;

    private InJvmProgram(ThreadGroup group, List<String> argv, String[] args, OutputTail stdout, OutputTail stderr) {
        super(argv, stdout, stderr);
        this.thread = new Thread(group, () -> run(args, stdout, stderr), "in-JVM DeviceProgram");
        thread.setDaemon(true); // one that failed to stop must not keep the test JVM alive
    }

    /** A launcher whose programs, and the threads they start, share one new thread group. */
    static ProgramLauncher launcher() {
        ThreadGroup group = new ThreadGroup(THREAD_GROUP);
        return (argv, workDir, stdoutCapacity) -> start(group, argv, stdoutCapacity);
    }

    private static InJvmProgram start(ThreadGroup group, List<String> argv, int stdoutCapacity) throws IOException {
        InJvmProgram p = new InJvmProgram(group, argv, programArguments(argv), new OutputTail(stdoutCapacity),
                new OutputTail(OutputTail.DEFAULT_CAPACITY));
        p.thread.start();
        return p;
    }

    /** The arguments after the class name, once the command is known to run {@link DeviceProgram} on a JVM. */
    private static String[] programArguments(List<String> argv) throws IOException {
        int main = argv.indexOf(DeviceProgram.class.getName());
        if (main < 1 || !argv.get(0).equals(CommandTemplate.javaBinary())) {
            throw new IOException("only {java} ... " + DeviceProgram.class.getName()
                    + " ARGS runs in this JVM, not " + String.join(" ", argv));
        }
        return argv.subList(main + 1, argv.size()).toArray(String[]::new);
    }

    private void run(String[] args, OutputTail stdout, OutputTail stderr) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        try {
            status = DeviceProgram.run(args, out, err);
        } catch (Throwable t) { // what would end a process: never status 1, which reads as a refusal
            t.printStackTrace(err);
            status = DeviceProgram.DEVICE_BUG;
        } finally {
            out.flush();
            err.flush();
            ended.countDown();
        }
    }

    /** The threads of every in-JVM program still running, and of what they started. */
    static List<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> {
            ThreadGroup g = t.getThreadGroup(); // null once the thread has ended
            return g != null && g.getName().equals(THREAD_GROUP);
        }).toList();
    }

    @Override
    public String name() {
        return "in-JVM thread " + thread.getId();
    }

    @Override
    public boolean isAlive() {
        return ended.getCount() > 0;
    }

    @Override
    public int exitValue() {
        if (isAlive()) {
            throw new IllegalThreadStateException(name() + " has not ended");
        }
        return status;
    }

    @Override
    boolean awaitExit(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /** A thread starts no processes: nothing can be left behind. */
    @Override
    void killLeftovers() {
    }

    /** Interrupts the program (it stops serving and removes its socket) and waits for its thread. */
    @Override
    public void terminate() {
        thread.interrupt();
        try {
            thread.join(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
