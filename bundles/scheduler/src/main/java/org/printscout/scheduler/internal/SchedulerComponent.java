package org.printscout.scheduler.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.collect.DeviceReader;
import org.printscout.api.discovery.Discovery;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.report.ReportSink;
import org.printscout.api.report.ScanKind;
import org.printscout.api.schedule.DeviceRefresh;
import org.printscout.api.schedule.PeriodicTask;
import org.printscout.api.schedule.ScanTrigger;
import org.printscout.api.status.StatusContributor;

/**
 * The scheduler as a component: a configuration change re-creates it (DS does that for a component
 * without a modified method), which re-plans every schedule at once, so intervals apply without a
 * restart of the agent. Report sinks and periodic tasks are whiteboard services. Immediate: it runs
 * the schedules whether or not anybody uses its services (a delayed component would run only while
 * the shell's status command or a Force Discovery Scan held it, and stop with its scans when released).
 */
@Component(configurationPid = "org.printscout.scheduler", service = {StatusContributor.class, ScanTrigger.class, DeviceRefresh.class},
        immediate = true)
@Designate(ocd = SchedulerConfig.class)
public final class SchedulerComponent implements StatusContributor, ScanTrigger, DeviceRefresh {

    private final Logger log;
    private final ScheduledExecutorService timerThread;
    private final ExecutorService taskThreads;
    private final List<ReportSink> sinks = new CopyOnWriteArrayList<>();
    private final SchedulerCore core;
    private final Discovery discovery;
    private final KnownDeviceScans scans;

    @Activate
    public SchedulerComponent(BundleContext context, @Reference Discovery discovery, @Reference Inventory inventory,
                              @Reference DeviceReader reader, @Reference(service = LoggerFactory.class) Logger log,
                              SchedulerConfig config) {
        this.log = log;
        this.discovery = discovery;
        Schedule schedule = Schedule.of(config);
        String home = context.getProperty("printscout.home");
        Path stateFile = Path.of(home == null ? "." : home).resolve(config.stateFile());
        Clock clock = Clock.systemUTC();
        this.timerThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "printscout-scheduler"));
        AtomicInteger n = new AtomicInteger();
        this.taskThreads = Executors.newFixedThreadPool(2, r -> daemon(r, "printscout-task-" + n.incrementAndGet()));
        Timer timer = (when, task) -> {
            long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis());
            ScheduledFuture<?> f = timerThread.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("scheduled work failed: {}", e.toString());
                }
            }, delay, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        this.scans = new KnownDeviceScans(discovery, inventory, reader, config.statusConcurrency(), clock);
        this.core = new SchedulerCore(clock, timer, schedule, new SchedulerState(stateFile), scans, () -> sinks, taskThreads,
                log::info, log::warn);
        core.start();
        log.info("scheduler: meter scan {} at {} ({}), status scan {}", schedule.meterScanEnabled() ? "daily" : "off",
                schedule.meterScanTime(), schedule.zone(), schedule.statusInterval() == null ? "off" : "every " + schedule.statusInterval());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(ReportSink sink) {
        sinks.add(sink);
    }

    void removeSink(ReportSink sink) {
        sinks.remove(sink);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTask(PeriodicTask task, Map<String, Object> properties) {
        Object name = properties.get(PeriodicTask.TASK);
        core.addTask(task, name == null ? null : name.toString());
    }

    void removeTask(PeriodicTask task) {
        core.removeTask(task);
    }

    /** A discovery scan started from the shell counts as running too: two sweeps of the same ranges help nobody. */
    @Override
    public boolean startMeterScan() {
        if (discovery.current().isPresent()) {
            return false;
        }
        boolean started = core.startMeterScan() != null;
        if (started) {
            log.info("meter scan started on request");
        }
        return started;
    }

    @Override
    public CompletionStage<DeviceReading> read(String deviceId) {
        return scans.readNow(deviceId);
    }

    @Override
    public String title() {
        return "scheduler";
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder();
        Schedule s = core.schedule();
        out.append("meter scan:  ").append(s.meterScanEnabled() ? "daily at " + s.meterScanTime() + " " + s.zone()
                + ", next " + at(core.nextMeterScan(), s) : "off").append('\n');
        out.append("status scan: ").append(s.statusInterval() == null ? "off"
                : "every " + human(s.statusInterval()) + ", next " + at(core.nextStatusScan(), s)).append('\n');
        for (ScanKind kind : ScanKind.values()) {
            SchedulerCore.LastScan last = core.lastScans().get(kind);
            String name = kind.name().toLowerCase(Locale.ROOT);
            if (last == null) {
                out.append("last ").append(name).append(" scan: none since start")
                        .append(kind == ScanKind.METER && core.state().lastMeterScan() != null
                                ? " (previous run " + at(core.state().lastMeterScan(), s) + ")" : "").append('\n');
            } else {
                out.append("last ").append(name).append(" scan: ").append(at(last.started(), s)).append(", ")
                        .append(human(Duration.between(last.started(), last.finished()))).append(", ")
                        .append(last.failure() == null ? last.devices() + " devices read" : "FAILED: " + last.failure()).append('\n');
            }
        }
        out.append("report sinks: ").append(sinks.size()).append('\n');
        List<String> tasks = core.taskLines();
        out.append("periodic tasks: ").append(tasks.isEmpty() ? "none registered (command poll every "
                + orOff(s.commandPoll()) + " once registered)" : String.join("; ", tasks)).append('\n');
        return out.toString();
    }

    private static String orOff(Duration d) {
        return d == null ? "never" : human(d);
    }

    private static String at(Instant when, Schedule s) {
        return when == null ? "-" : when.atZone(s.zone()).toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    private static String human(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
    }

    @Deactivate
    void deactivate() {
        core.stop();
        timerThread.shutdownNow();
        taskThreads.shutdownNow();
    }
}
