package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.device.DeviceProgram;

/**
 * Device programs run in this JVM by the {@value InJvmVfioUserAdapter#NAME} adapter: many at
 * once, each with its own state and its own output, and nothing left running once closed.
 */
class InJvmProgramTest {
    private static final int SERVING = 6;
    private static final int REFUSED = 6;
    private static final Pattern SOCKET = Pattern.compile("--socket-path=(\\S+)");

    @AfterEach
    void nothingLeftRunning() {
        assertEquals(List.of(), InJvmProgram.liveThreads(), "in-JVM device programs still running");
    }

    @Test
    void concurrentInstancesKeepTheirOwnStateAndOutput() throws Exception {
        Implementation tiny = new InJvmVfioUserAdapter().open(Specs.spec(Specs.TINY_COMMAND));
        ExecutorService pool = Executors.newFixedThreadPool(SERVING + REFUSED);
        CountDownLatch allServing = new CountDownLatch(SERVING);
        List<Future<Path>> serving = new ArrayList<>();
        List<Future<?>> refused = new ArrayList<>();
        try {
            for (int i = 0; i < SERVING; i++) {
                byte fill = (byte) (i + 1);
                serving.add(pool.submit(() -> serveOwnBytes(tiny, fill, allServing)));
            }
            for (int i = 0; i < REFUSED; i++) {
                int size = 100 + i;
                refused.add(pool.submit(() -> refuseOwnValue(tiny, size)));
            }
            for (Future<Path> f : serving) {
                Path socketDir = f.get(Specs.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertFalse(Files.exists(socketDir), socketDir + " left behind");
            }
            for (Future<?> f : refused) {
                f.get(Specs.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            tiny.close();
        }
    }

    /** Serves while all others serve too, sees only its own bytes, and returns its socket directory once closed. */
    private static Path serveOwnBytes(Implementation tiny, byte fill, CountDownLatch allServing) throws Exception {
        byte[] mine = new byte[64];
        Arrays.fill(mine, fill);
        DeviceInstance d = tiny.create(Map.of(TinyDevice.PARAM, "64"));
        try (d) {
            d.write(0, 0, mine);
            allServing.countDown();
            assertTrue(allServing.await(Specs.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "instances served one by one");
            assertArrayEquals(mine, d.read(0, 0, mine.length));
            assertTrue(d.diagnostics().contains("in-JVM thread"), d.diagnostics());
        }
        Matcher m = SOCKET.matcher(d.diagnostics());
        assertTrue(m.find(), d.diagnostics());
        return Path.of(m.group(1)).getParent();
    }

    /** The refusal carries this instance's stderr and no other instance's. */
    private static Void refuseOwnValue(Implementation tiny, int size) {
        CreationRefusedException e = assertThrows(CreationRefusedException.class,
                () -> tiny.create(Map.of(TinyDevice.PARAM, Integer.toString(size))));
        assertEquals(TinyDevice.PARAM + "=" + size + " is not allowed; allowed: 16, 64", e.getMessage());
        return null;
    }

    @Test
    void runsOnlyDeviceProgramOnThisJvm() {
        ProgramLauncher launcher = InJvmProgram.launcher();
        String java = CommandTemplate.javaBinary();
        for (List<String> argv : List.of(List.of("sh", "-c", "true"),
                List.of(java, "-cp", "x", "org.example.Other", "--socket-path=/tmp/s"),
                List.of("/opt/other/java", DeviceProgram.class.getName(), "--print-migration-info-json"))) {
            IOException e = assertThrows(IOException.class, () -> launcher.start(argv, null, 1024), argv::toString);
            assertTrue(e.getMessage().contains(DeviceProgram.class.getName()), e.getMessage());
        }
    }
}
