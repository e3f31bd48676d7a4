package org.printscout.rollout.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.rollout.DesiredSet;
import org.printscout.api.rollout.Rollout;
import org.printscout.api.rollout.RolloutPortal;
import org.printscout.api.schedule.DeviceRefresh;
import org.printscout.api.status.StatusContributor;

/**
 * Fleet updates (docs/rollout.md). Takes the desired set from the site configuration and works it on a
 * thread of its own, one set at a time; a set that arrives while another is being worked waits, and
 * only the newest waiting one is worked. At start it puts the set in force back into the framework
 * and undoes an install a kill cut short.
 */
@Component(service = {Rollout.class, StatusContributor.class}, immediate = true, configurationPid = RolloutComponent.PID)
@Designate(ocd = RolloutConfig.class)
public final class RolloutComponent implements Rollout, StatusContributor {

    static final String PID = "org.printscout.rollout";

    private final Logger log;
    private final RolloutEngine engine;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "printscout-rollout");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<DesiredSet> waiting = new AtomicReference<>();
    private final Duration retry;
    /** The newest set the portal asked for: a retry of an older one is dropped. */
    private volatile DesiredSet latest;
    private volatile RolloutPortal portal;
    /** The devices a new mapper is tried on, and how they are read now: both optional, an agent without them checks bundles only. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Inventory inventory;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeviceRefresh refresh;

    @Activate
    public RolloutComponent(BundleContext context, @Reference(service = LoggerFactory.class) Logger log,
                            @Reference ServiceComponentRuntime scr, RolloutConfig config) {
        this.log = log;
        // a stop must not wait for a retry that is due later
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.retry = Duration.ofSeconds(Math.max(1, config.retrySeconds()));
        Path dir = Path.of(config.directory().isBlank() ? "data/rollout" : config.directory().strip());
        Store store = new Store(dir.resolve("store"));
        DealerKeys trusted = DealerKeys.of(Arrays.asList(config.trustedKeys() == null ? new String[0] : config.trustedKeys()),
                PID + ": key 'trustedKeys'");
        Path deploy = Path.of(config.deployDirectory().strip());
        this.engine = new RolloutEngine(new Journal(dir), store, new MappingFiles(deploy, store), new BundleInstaller(context, store, scr),
                new ReadingCheck(context, () -> inventory, () -> refresh, deploy), () -> portal, trusted,
                Duration.ofSeconds(Math.max(1, config.healthSeconds())), Math.max(1, config.maxArtifactMiB()) * 1024L * 1024L, log);
        // statuses the portal did not take (unreachable) are sent again on the component's clock
        thread.scheduleWithFixedDelay(engine::deliver, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
        thread.execute(() -> {
            try {
                engine.recover();
            } catch (Exception e) {
                log.error("the set in force could not be put back at start: " + e, e);
            }
        });
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setPortal(RolloutPortal connection) {
        portal = connection;
        thread.execute(engine::deliver);
    }

    void unsetPortal(RolloutPortal connection) {
        if (portal == connection) {
            portal = null;
        }
    }

    @Override
    public void desired(DesiredSet set) {
        latest = set;
        if (waiting.getAndSet(set) == null) {
            try {
                thread.execute(this::work);
            } catch (RejectedExecutionException e) {
                // stopping: the next start gets the set from the site configuration again
            }
        }
    }

    /** A set whose download failed is tried again after {@code retrySeconds}, unless a newer set came meanwhile. */
    private void again(DesiredSet set) {
        try {
            thread.schedule(() -> {
                if (latest == set && waiting.compareAndSet(null, set)) {
                    work();
                }
            }, retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void work() {
        DesiredSet set = waiting.getAndSet(null);
        if (set == null) {
            return;
        }
        try {
            if (!engine.handle(set)) {
                again(set);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("set " + set.setId() + " could not be worked: " + e, e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
            // an install cut short here is undone by the next start (the journal is on disk)
            thread.shutdownNow();
        }
    }

    @Override
    public String title() {
        return "rollout";
    }

    @Override
    public String text() {
        return engine.summary();
    }
}
