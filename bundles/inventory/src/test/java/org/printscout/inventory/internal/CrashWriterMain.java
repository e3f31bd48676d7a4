package org.printscout.inventory.internal;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by {@link KillDuringWriteTest}: grows the inventory one device per save, forever,
 * so that a kill -9 lands in the middle of some write.
 */
public final class CrashWriterMain {

    private CrashWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        InventoryStore store = new InventoryStore(Path.of(args[0]), 10);
        store.load();
        int n = store.devices().size();
        while (true) {
            n++;
            // big readings make each write take long enough to be hit
            for (int i = 0; i < 200; i++) {
                store.record(Readings.of("10." + (n % 250) + "." + (i / 250) + "." + (i % 250), "SN" + n + "-" + i, "MAC" + n + "-" + i, n, Instant.now()),
                        161, "crash", "p", "e");
            }
            store.save();
        }
    }
}
