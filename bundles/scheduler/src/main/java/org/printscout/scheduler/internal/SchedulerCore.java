package org.printscout.scheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.printscout.api.report.ReportSink;
import org.printscout.api.report.ScanKind;
import org.printscout.api.report.ScanResult;
import org.printscout.api.schedule.PeriodicTask;

/**
 * The scheduling logic, without OSGi: the daily meter scan (caught up once at start when missed),
 * the status scan every interval, and the periodic tasks. A scan of a kind never overlaps itself:
 * the next status scan is planned when the previous one finished. Finished scans go to every sink.
 */
final class SchedulerCore {

    /** What the scans do; the component implements them with discovery, inventory and the reader. */
    interface Scans {
        CompletionStage<ScanResult> meterScan();

        CompletionStage<ScanResult> statusScan();
    }

    /** What one kind of scan did last. */
    record LastScan(ScanKind kind, Instant started, Instant finished, int devices, String failure) {
    }

    private final Clock clock;
    private final Timer timer;
    private final Schedule schedule;
    private final SchedulerState state;
    private final Scans scans;
    private final Supplier<List<ReportSink>> sinks;
    private final Executor taskExecutor;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final Map<ScanKind, LastScan> last = new ConcurrentHashMap<>();
    private final Map<ScanKind, AtomicBoolean> running = Map.of(ScanKind.METER, new AtomicBoolean(), ScanKind.STATUS, new AtomicBoolean());
    private final Map<PeriodicTask, TaskSchedule> tasks = new ConcurrentHashMap<>();
    private final Map<ScanKind, Timer.Scheduled> planned = new ConcurrentHashMap<>();
    private volatile Instant nextMeter;
    private volatile Instant nextStatus;
    private volatile boolean stopped;

    SchedulerCore(Clock clock, Timer timer, Schedule schedule, SchedulerState state, Scans scans,
                  Supplier<List<ReportSink>> sinks, Executor taskExecutor, Consumer<String> info, Consumer<String> warn) {
        this.clock = clock;
        this.timer = timer;
        this.schedule = schedule;
        this.state = state;
        this.scans = scans;
        this.sinks = sinks;
        this.taskExecutor = taskExecutor;
        this.info = info;
        this.warn = warn;
    }

    void start() {
        Instant now = clock.instant();
        state.load(now);
        if (schedule.meterScanEnabled()) {
            if (schedule.missedMeterScan(state.lastMeterScanOrFirstStart(), now)) {
                info.accept("the meter scan of " + schedule.previousMeterScan(now) + " was missed while the agent was down; running it now");
                runMeterScan();
            }
            planMeterScan(now);
        }
        if (schedule.statusInterval() != null) {
            planStatusScan(now.plus(schedule.statusInterval()));
        }
    }

    void stop() {
        stopped = true;
        planned.values().forEach(Timer.Scheduled::cancel);
        planned.clear();
        tasks.values().forEach(TaskSchedule::cancel);
    }

    /** Plans the next scan of a kind; only the latest plan per kind is kept (for cancelling at stop). */
    private void plan(ScanKind kind, Instant when, Runnable task) {
        if (!stopped) {
            planned.put(kind, timer.at(when, task));
        }
    }

    private void planMeterScan(Instant after) {
        Instant when = schedule.nextMeterScan(after);
        nextMeter = when;
        plan(ScanKind.METER, when, () -> {
            runMeterScan();
            planMeterScan(when);
        });
    }

    private void planStatusScan(Instant when) {
        nextStatus = when;
        plan(ScanKind.STATUS, when, () -> {
            Instant started = clock.instant();
            run(ScanKind.STATUS, scans::statusScan).whenComplete((r, e) -> {
                Instant next = started.plus(schedule.statusInterval());
                Instant now = clock.instant();
                planStatusScan(next.isAfter(now) ? next : now);
            });
        });
    }

    /** Runs the meter scan now (the schedule or a catch-up); skipped with a warning while one runs. */
    CompletableFuture<ScanResult> runMeterScan() {
        CompletableFuture<ScanResult> started = startMeterScan();
        if (started == null) {
            warn.accept("a meter scan is still running; this one is skipped");
            return CompletableFuture.completedFuture(null);
        }
        return started;
    }

    /**
     * Starts the meter scan now unless one is running (a Force Discovery Scan command); null when one
     * is, and nothing was started.
     */
    CompletableFuture<ScanResult> startMeterScan() {
        CompletableFuture<ScanResult> stage = start(ScanKind.METER, scans::meterScan);
        return stage == null ? null : stage.whenComplete((result, failure) -> {
            if (result != null) {
                try {
                    state.meterScanRan(result.started());
                } catch (java.io.IOException e) {
                    warn.accept("could not record the meter scan time: " + e.getMessage());
                }
            }
        });
    }

    CompletableFuture<ScanResult> runStatusScan() {
        return run(ScanKind.STATUS, scans::statusScan);
    }

    private CompletableFuture<ScanResult> run(ScanKind kind, Supplier<CompletionStage<ScanResult>> scan) {
        CompletableFuture<ScanResult> stage = start(kind, scan);
        if (stage == null) {
            warn.accept("a " + kind.name().toLowerCase(Locale.ROOT) + " scan is still running; this one is skipped");
            return CompletableFuture.completedFuture(null);
        }
        return stage;
    }

    /** Starts a scan of a kind unless one of that kind runs; null when one does. */
    private CompletableFuture<ScanResult> start(ScanKind kind, Supplier<CompletionStage<ScanResult>> scan) {
        if (!running.get(kind).compareAndSet(false, true)) {
            return null;
        }
        Instant started = clock.instant();
        CompletableFuture<ScanResult> stage;
        try {
            stage = scan.get().toCompletableFuture();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((result, failure) -> {
            running.get(kind).set(false);
            if (failure != null) {
                last.put(kind, new LastScan(kind, started, clock.instant(), 0, String.valueOf(failure.getMessage())));
                warn.accept(kind + " scan failed: " + failure.getMessage());
                return;
            }
            last.put(kind, new LastScan(kind, result.started(), result.finished(), result.readings().size(), null));
            publish(result);
        });
    }

    private void publish(ScanResult result) {
        for (ReportSink sink : sinks.get()) {
            try {
                sink.accept(result);
            } catch (Exception e) {
                warn.accept("report sink " + sink.getClass().getName() + " refused the " + result.kind() + " scan: " + e);
            }
        }
    }

    // --- periodic tasks (whiteboard) ---

    void addTask(PeriodicTask task, String name) {
        Duration interval = switch (name == null ? "" : name) {
            case PeriodicTask.COMMAND_POLL -> schedule.commandPoll();
            default -> {
                warn.accept("periodic task " + task.getClass().getName() + " has no known " + PeriodicTask.TASK + " ('" + name + "'); it is not run");
                yield null;
            }
        };
        if (interval == null || stopped) {
            return;
        }
        TaskSchedule ts = new TaskSchedule(task, name, interval);
        tasks.put(task, ts);
        ts.plan(clock.instant().plus(interval));
    }

    void removeTask(PeriodicTask task) {
        TaskSchedule ts = tasks.remove(task);
        if (ts != null) {
            ts.cancel();
        }
    }

    /** One periodic task: at most one call at a time, the next planned an interval after the start of the last. */
    private final class TaskSchedule {
        private final PeriodicTask task;
        private final String name;
        private final Duration interval;
        private volatile Timer.Scheduled next;
        private volatile boolean cancelled;
        private volatile Instant lastRun;
        private volatile String lastFailure;

        TaskSchedule(PeriodicTask task, String name, Duration interval) {
            this.task = task;
            this.name = name;
            this.interval = interval;
        }

        void plan(Instant when) {
            if (!cancelled) {
                next = timer.at(when, () -> taskExecutor.execute(this::runOnce));
            }
        }

        private void runOnce() {
            Instant started = clock.instant();
            try {
                task.run();
                lastFailure = null;
            } catch (Exception e) {
                lastFailure = String.valueOf(e.getMessage());
                warn.accept("periodic task '" + name + "' failed: " + e);
            }
            lastRun = started;
            Instant due = started.plus(interval);
            Instant now = clock.instant();
            plan(due.isAfter(now) ? due : now);
        }

        void cancel() {
            cancelled = true;
            Timer.Scheduled n = next;
            if (n != null) {
                n.cancel();
            }
        }
    }

    // --- for scout:status ---

    Instant nextMeterScan() {
        return schedule.meterScanEnabled() ? nextMeter : null;
    }

    Instant nextStatusScan() {
        return nextStatus;
    }

    Map<ScanKind, LastScan> lastScans() {
        return Map.copyOf(last);
    }

    Schedule schedule() {
        return schedule;
    }

    List<String> taskLines() {
        List<String> out = new ArrayList<>();
        for (TaskSchedule t : tasks.values()) {
            out.add(t.name + " every " + t.interval + (t.lastRun == null ? "" : ", last " + t.lastRun)
                    + (t.lastFailure == null ? "" : " (failed: " + t.lastFailure + ")"));
        }
        return out;
    }

    SchedulerState state() {
        return state;
    }
}
