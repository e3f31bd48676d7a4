package org.printscout.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.report.ReportSink;
import org.printscout.api.report.ScanKind;
import org.printscout.api.report.ScanResult;
import org.printscout.api.schedule.PeriodicTask;

class SchedulerCoreTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private final List<String> runs = new ArrayList<>();
    private final List<ScanResult> reported = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Config values as the metatype would deliver them. */
    private record Config(boolean meterScanEnabled, String meterScanTime, String timeZone, double statusIntervalMinutes,
                          int commandPollSeconds) implements SchedulerConfig {
        @Override
        public int statusConcurrency() {
            return 8;
        }

        @Override
        public String stateFile() {
            return "state.properties";
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return SchedulerConfig.class;
        }
    }

    private SchedulerCore core(ManualTimer timer, Config config) {
        ManualTimer clock = timer;
        SchedulerCore.Scans scans = new SchedulerCore.Scans() {
            @Override
            public CompletionStage<ScanResult> meterScan() {
                runs.add("meter@" + clock.instant().atZone(BERLIN).toLocalDateTime());
                return CompletableFuture.completedFuture(new ScanResult(ScanKind.METER, clock.instant(), clock.instant(), List.of()));
            }

            @Override
            public CompletionStage<ScanResult> statusScan() {
                runs.add("status@" + clock.instant().atZone(BERLIN).toLocalDateTime());
                return CompletableFuture.completedFuture(new ScanResult(ScanKind.STATUS, clock.instant(), clock.instant(), List.of()));
            }
        };
        ReportSink sink = reported::add;
        return new SchedulerCore(timer, timer, Schedule.of(config), new SchedulerState(dir.resolve("state.properties")), scans,
                () -> List.of(sink), Runnable::run, s -> { }, warnings::add);
    }

    private static Instant berlin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), BERLIN).toInstant();
    }

    @Test
    void runsTheMeterScanDailyAtTheLocalTimeAndNotAtAFirstStart() {
        ManualTimer timer = new ManualTimer(berlin("2026-03-10T09:00:00"));
        core(timer, new Config(true, "02:00", "Europe/Berlin", 0, 0)).start();
        assertEquals(List.of(), runs, "a first start does not count as a missed scan");
        timer.advance(Duration.ofDays(2));
        assertEquals(List.of("meter@2026-03-11T02:00", "meter@2026-03-12T02:00"), runs);
        assertEquals(2, reported.size());
        assertTrue(reported.stream().allMatch(r -> r.kind() == ScanKind.METER));
    }

    @Test
    void keepsTheLocalTimeAcrossTheDaylightSavingChange() {
        ManualTimer timer = new ManualTimer(berlin("2026-03-27T12:00:00"));
        core(timer, new Config(true, "02:30", "Europe/Berlin", 0, 0)).start();
        timer.advance(Duration.ofDays(3));
        // 02:30 does not exist on 29 March 2026 in Berlin: the scan runs at 03:30, an hour after 01:59
        assertEquals(List.of("meter@2026-03-28T02:30", "meter@2026-03-29T03:30", "meter@2026-03-30T02:30"), runs);
    }

    @Test
    void catchesUpAMissedMeterScanOnceAtStart() throws Exception {
        Files.writeString(dir.resolve("state.properties"),
                "firstStart=2026-03-01T00\\:00\\:00Z\nlastMeterScan=" + berlin("2026-03-08T02:00:00").toString().replace(":", "\\:") + "\n");
        ManualTimer timer = new ManualTimer(berlin("2026-03-10T09:00:00"));
        core(timer, new Config(true, "02:00", "Europe/Berlin", 0, 0)).start();
        assertEquals(List.of("meter@2026-03-10T09:00"), runs, "two scheduled times were missed; one scan catches up");
        timer.advance(Duration.ofHours(12));
        assertEquals(List.of("meter@2026-03-10T09:00"), runs);
        timer.advance(Duration.ofHours(6));
        assertEquals(List.of("meter@2026-03-10T09:00", "meter@2026-03-11T02:00"), runs);

        // a restart after that scan has nothing to catch up
        runs.clear();
        ManualTimer later = new ManualTimer(berlin("2026-03-11T10:00:00"));
        core(later, new Config(true, "02:00", "Europe/Berlin", 0, 0)).start();
        assertEquals(List.of(), runs);
    }

    @Test
    void runsTheStatusScanEveryIntervalWithoutOverlap() {
        ManualTimer timer = new ManualTimer(berlin("2026-03-10T09:00:00"));
        core(timer, new Config(false, "02:00", "", 10, 0)).start();
        timer.advance(Duration.ofMinutes(35));
        assertEquals(List.of("status@2026-03-10T09:10", "status@2026-03-10T09:20", "status@2026-03-10T09:30"), runs);
        assertEquals(3, reported.stream().filter(r -> r.kind() == ScanKind.STATUS).count());
    }

    @Test
    void aStatusScanStillRunningIsNotStartedTwice() {
        ManualTimer timer = new ManualTimer(berlin("2026-03-10T09:00:00"));
        CompletableFuture<ScanResult> slow = new CompletableFuture<>();
        List<Instant> started = new ArrayList<>();
        SchedulerCore core = new SchedulerCore(timer, timer, Schedule.of(new Config(false, "02:00", "", 1, 0)),
                new SchedulerState(dir.resolve("s.properties")), new SchedulerCore.Scans() {
                    @Override
                    public CompletionStage<ScanResult> meterScan() {
                        throw new AssertionError();
                    }

                    @Override
                    public CompletionStage<ScanResult> statusScan() {
                        started.add(timer.instant());
                        return slow;
                    }
                }, List::of, Runnable::run, s -> { }, warnings::add);
        core.start();
        timer.advance(Duration.ofMinutes(5));
        assertEquals(1, started.size(), "the next one is planned only when this one finished");
        slow.complete(new ScanResult(ScanKind.STATUS, timer.instant(), timer.instant(), List.of()));
        timer.advance(Duration.ofSeconds(1));
        assertEquals(2, started.size(), "a scan that overran its interval is followed at once");
    }

    @Test
    void aMeterScanStartedOnRequestIsRefusedWhileOneRunsAndReportedLikeAScheduledOne() throws Exception {
        ManualTimer timer = new ManualTimer(berlin("2026-03-10T09:00:00"));
        CompletableFuture<ScanResult> slow = new CompletableFuture<>();
        List<Instant> started = new ArrayList<>();
        SchedulerCore core = new SchedulerCore(timer, timer, Schedule.of(new Config(true, "02:00", "Europe/Berlin", 0, 0)),
                new SchedulerState(dir.resolve("s.properties")), new SchedulerCore.Scans() {
                    @Override
                    public CompletionStage<ScanResult> meterScan() {
                        started.add(timer.instant());
                        return slow;
                    }

                    @Override
                    public CompletionStage<ScanResult> statusScan() {
                        throw new AssertionError();
                    }
                }, () -> List.of(reported::add), Runnable::run, s -> { }, warnings::add);
        core.start();
        assertTrue(core.startMeterScan() != null, "started on request");
        assertEquals(null, core.startMeterScan(), "a second request while the first runs starts nothing");
        assertEquals(1, started.size());
        assertTrue(warnings.isEmpty(), "a refused request is the caller's to report: " + warnings);

        slow.complete(new ScanResult(ScanKind.METER, timer.instant(), timer.instant(), List.of()));
        assertEquals(1, reported.size(), "the result goes to the sinks");
        assertEquals(timer.instant(), core.state().lastMeterScan(), "and counts as the day's meter scan");
        assertEquals(berlin("2026-03-11T02:00:00"), core.nextMeterScan(), "the daily schedule is not moved");
        assertTrue(core.startMeterScan() != null, "once finished, another may start");
    }

    @Test
    void runsPeriodicTasksAtTheirConfiguredIntervalsAndNeverWhenZero() {
        ManualTimer timer = new ManualTimer(berlin("2026-03-10T09:00:00"));
        SchedulerCore core = core(timer, new Config(false, "02:00", "", 0, 60));
        core.start();
        List<Instant> polls = new ArrayList<>();
        PeriodicTask poll = () -> polls.add(timer.instant());
        PeriodicTask failing = () -> {
            throw new IllegalStateException("portal down");
        };
        core.addTask(poll, PeriodicTask.COMMAND_POLL);
        core.addTask(() -> runs.add("unknown task"), "configSync");
        core.addTask(failing, PeriodicTask.COMMAND_POLL);
        timer.advance(Duration.ofMinutes(3));
        assertEquals(3, polls.size());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("('configSync'); it is not run")), warnings.toString());
        assertFalse(runs.contains("unknown task"));
        assertEquals(3, warnings.stream().filter(w -> w.contains("portal down")).count(), "a failing task is retried each interval");
        core.removeTask(poll);
        timer.advance(Duration.ofMinutes(3));
        assertEquals(3, polls.size());
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertEquals("meterScanTime: '25:00' is not a time of day HH:mm or HH:mm:ss",
                assertThrows(IllegalArgumentException.class, () -> Schedule.of(new Config(true, "25:00", "", 10, 60))).getMessage());
        assertEquals("timeZone: 'Mars/Olympus' is not a time zone (e.g. Europe/Berlin, UTC)",
                assertThrows(IllegalArgumentException.class, () -> Schedule.of(new Config(true, "02:00", "Mars/Olympus", 10, 60))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.of(new Config(true, "02:00", "", -1, 60)))
                .getMessage().startsWith("statusIntervalMinutes: "));
    }
}
