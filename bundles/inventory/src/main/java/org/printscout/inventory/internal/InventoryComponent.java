package org.printscout.inventory.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.status.StatusContributor;

/**
 * The {@link Inventory} service over an {@link InventoryStore}: changes apply in memory at once and
 * reach the disk after {@code writeDelayMillis}, written by one thread, so a scan that touches a
 * thousand devices writes the file a few times rather than a thousand.
 */
@Component(configurationPid = "org.printscout.inventory", service = {Inventory.class, StatusContributor.class})
@Designate(ocd = InventoryConfig.class)
public final class InventoryComponent implements Inventory, StatusContributor {

    private final Logger log;
    private final InventoryStore store;
    private final Path file;
    private final long writeDelayMillis;
    private final ScheduledExecutorService writer;
    private ScheduledFuture<?> pendingWrite;
    private Instant lastWrite;
    private String lastWriteProblem;

    @Activate
    public InventoryComponent(BundleContext context, @Reference(service = LoggerFactory.class) Logger log,
                              InventoryConfig config) throws IOException {
        this(home(context).resolve(config.file()), config.writeDelayMillis(), config.maxPreviousAddresses(), log);
    }

    public InventoryComponent(Path file, long writeDelayMillis, int maxPreviousAddresses, Logger log) throws IOException {
        this.log = log;
        this.file = file;
        this.writeDelayMillis = writeDelayMillis;
        this.store = new InventoryStore(file, maxPreviousAddresses);
        String note = store.load();
        if (note != null) {
            log.warn("inventory: {}", note);
        }
        log.info("inventory: {} devices from {}", store.devices().size(), file);
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "printscout-inventory-writer");
            t.setDaemon(true);
            return t;
        });
    }

    private static Path home(BundleContext context) {
        String home = context.getProperty("printscout.home");
        return Path.of(home == null ? "." : home);
    }

    @Override
    public synchronized List<KnownDevice> devices() {
        return store.devices();
    }

    @Override
    public synchronized Optional<KnownDevice> device(String id) {
        return store.device(id);
    }

    @Override
    public synchronized KnownDevice recordReading(DeviceReading reading, int port, String site, String profile,
                                                  String credentialEntry) {
        KnownDevice device = store.record(reading, port, site, profile, credentialEntry);
        scheduleWrite();
        return device;
    }

    @Override
    public synchronized void markOffline(String id, Instant when) {
        if (store.markOffline(id, when)) {
            KnownDevice d = store.device(id).orElseThrow();
            log.info("inventory: device {} ({}) stopped answering at {}; marked offline", id, d.address(), when);
            scheduleWrite();
        }
    }

    @Override
    public void flush() {
        synchronized (this) {
            if (pendingWrite != null) {
                pendingWrite.cancel(false);
                pendingWrite = null;
            }
        }
        write();
    }

    private void scheduleWrite() {
        if (pendingWrite == null && !writer.isShutdown()) {
            pendingWrite = writer.schedule(() -> {
                synchronized (this) {
                    pendingWrite = null;
                }
                write();
            }, writeDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes under the lock: the JSON is built from a consistent state, and one write at a time. */
    private synchronized void write() {
        try {
            store.save();
            lastWrite = Instant.now();
            lastWriteProblem = null;
        } catch (IOException | RuntimeException e) {
            lastWriteProblem = e.getMessage();
            log.error("inventory: could not write {}: {}", file, e.getMessage());
        }
    }

    @Override
    public String title() {
        return "inventory";
    }

    @Override
    public synchronized String text() {
        Map<String, Long> counts = store.counts();
        return "devices: " + store.devices().size() + " (" + counts.getOrDefault("online", 0L) + " online, "
                + counts.getOrDefault("offline", 0L) + " offline)\n"
                + "file:    " + file + (lastWrite == null ? "" : ", written " + lastWrite)
                + (lastWriteProblem == null ? "" : ", LAST WRITE FAILED: " + lastWriteProblem) + "\n";
    }

    @Deactivate
    void deactivate() {
        writer.shutdown();
        flush();
    }
}
