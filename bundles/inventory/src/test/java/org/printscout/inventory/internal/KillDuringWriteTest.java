package org.printscout.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process that writes the inventory in a loop, at random moments: every time, the file
 * loads complete, and never shrinks (a later state or the same one).
 */
class KillDuringWriteTest {

    @TempDir
    Path dir;

    @Test
    void theInventoryLoadsAfterEveryKillDashNine() throws Exception {
        Path file = dir.resolve("devices.json");
        Random random = new Random(7);
        int previous = 0;
        int tornTempFiles = 0;
        for (int round = 0; round < 6; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(), file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300 + random.nextInt(700));
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally
            child.waitFor();
            if (Files.exists(dir.resolve("devices.json.tmp"))) {
                tornTempFiles++;
            }
            InventoryStore store = new InventoryStore(file, 10);
            store.load();
            int size = store.devices().size();
            assertTrue(size >= previous && size > 0, "round " + round + ": " + size + " devices after " + previous);
            previous = size;
        }
        System.out.println("KillDuringWriteTest: " + previous + " devices at the end; " + tornTempFiles
                + " of 6 kills left a temporary file behind");
    }
}
