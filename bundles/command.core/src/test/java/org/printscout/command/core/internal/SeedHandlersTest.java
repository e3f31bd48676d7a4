package org.printscout.command.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandResult;
import org.printscout.api.command.CommandResult.Outcome;
import org.printscout.api.schedule.ScanTrigger;

class SeedHandlersTest {

    @TempDir
    Path dir;

    /** Log settings over a directory, recording mode changes. */
    private final class Settings implements LogSettings {
        String mode = "normal";
        final List<String> changes = new ArrayList<>();

        @Override
        public Path directory() {
            return dir.resolve("log");
        }

        @Override
        public String setMode(String next) {
            String before = mode;
            mode = next;
            changes.add(next);
            return before;
        }
    }

    private Path logs() throws IOException {
        Path log = Files.createDirectories(dir.resolve("log"));
        Files.writeString(log.resolve("printscout.log"), "now\n");
        Files.writeString(log.resolve("printscout.log.2"), "older\n");
        Files.writeString(log.resolve("printscout.log.1"), "old\n");
        Files.writeString(log.resolve("printscout.log.10"), "oldest\n");
        Files.writeString(log.resolve("console.log"), "console\n");
        Files.writeString(log.resolve("notes.txt"), "an admin's notes\n");
        Files.setLastModifiedTime(log.resolve("notes.txt"), FileTime.fromMillis(1000));
        return log;
    }

    private static List<String> names(CommandResult result) {
        return result.files().stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void restartAnswersFirstAndRestartsAfterTheDelayOnce() throws Exception {
        CountDownLatch restarted = new CountDownLatch(1);
        long[] at = new long[1];
        RestartAgentHandler handler = new RestartAgentHandler(() -> {
            at[0] = System.nanoTime();
            restarted.countDown();
        }, Duration.ofMillis(300));
        long start = System.nanoTime();
        CommandResult result = handler.execute(new Command("1", 1, ""));
        assertEquals(Outcome.DONE, result.outcome());
        assertTrue(result.message().startsWith("the agent restarts in 0 s"), result.message());
        assertEquals(1, restarted.getCount(), "not restarted while the result is still to be reported");
        assertEquals("a restart is already planned", handler.execute(new Command("2", 1, "")).message());
        assertTrue(restarted.await(5, TimeUnit.SECONDS));
        assertTrue(at[0] - start >= 300_000_000L, "restarted after the delay");
        handler.deactivate();
    }

    @Test
    void forceScanStartsTheMeterScanAndRefusesWhileOneRuns() {
        List<String> starts = new ArrayList<>();
        boolean[] running = {false};
        ScanTrigger trigger = () -> {
            starts.add("start");
            if (running[0]) {
                return false;
            }
            running[0] = true;
            return true;
        };
        ForceDiscoveryScanHandler handler = new ForceDiscoveryScanHandler(trigger);
        CommandResult first = handler.execute(new Command("1", 2, ""));
        assertEquals(Outcome.DONE, first.outcome());
        assertTrue(first.message().startsWith("discovery scan of every site range started"), first.message());
        CommandResult second = handler.execute(new Command("2", 2, ""));
        assertEquals(Outcome.FAILED, second.outcome());
        assertEquals("a discovery scan is already running; no second one was started", second.message());
        assertEquals(2, starts.size());

        CommandResult noScheduler = new ForceDiscoveryScanHandler(null).execute(new Command("3", 2, ""));
        assertEquals(Outcome.FAILED, noScheduler.outcome());
        assertTrue(noScheduler.message().contains("scheduler is not running"));
    }

    @Test
    void uploadLogFilesReturnsTheAgentsOwnLogFilesCurrentFirstThenNewestRotated() throws Exception {
        Path log = logs();
        Files.writeString(log.resolve("org.printscout.snmp.profile~office.cfg"), "community=s3cret\n");
        Path secret = Files.writeString(dir.resolve("identity.properties"), "secret=agent-secret\n");
        Files.createSymbolicLink(log.resolve("printscout.log.3"), secret);
        Files.createDirectories(log.resolve("printscout.log.4"));
        CommandResult result = new UploadLogFilesHandler(new Settings()).execute(new Command("1", 3, ""));
        assertEquals(Outcome.DONE, result.outcome());
        assertEquals(List.of("printscout.log", "printscout.log.1", "printscout.log.2", "printscout.log.10", "console.log"),
                names(result), "no other file, no link, no directory");
        assertTrue(result.message().startsWith("5 log files (1 KiB) from "), result.message());
    }

    @Test
    void uploadLogFilesFailsClearlyWithoutALogDirectory() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new UploadLogFilesHandler(new Settings()).execute(new Command("1", 3, "")));
        assertTrue(e.getMessage().startsWith("there is no log directory "), e.getMessage());
    }

    @Test
    void deleteLogFilesDeletesOnlyRotatedFilesAndSaysWhat() throws Exception {
        Path log = logs();
        CommandResult result = new DeleteLogFilesHandler(new Settings()).execute(new Command("1", 4, ""));
        assertEquals(Outcome.DONE, result.outcome());
        assertEquals("deleted printscout.log.1 (1 KiB), printscout.log.2 (1 KiB), printscout.log.10 (1 KiB), 1 KiB freed; "
                + "kept printscout.log (in use), console.log (in use)", result.message());
        try (var left = Files.list(log)) {
            assertEquals(List.of("console.log", "notes.txt", "printscout.log"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("no rotated log files to delete; kept printscout.log (in use), console.log (in use)",
                new DeleteLogFilesHandler(new Settings()).execute(new Command("2", 4, "")).message());
    }

    @Test
    void setLogModeValidatesAndChangesTheMode() throws Exception {
        Settings settings = new Settings();
        SetLogModeHandler handler = new SetLogModeHandler(settings);
        assertEquals("log mode set to debug (was normal)", handler.execute(new Command("1", 5, " DEBUG ")).message());
        assertEquals("the log mode was already debug", handler.execute(new Command("2", 5, "debug")).message());
        CommandResult bad = handler.execute(new Command("3", 5, "verbose"));
        assertEquals(Outcome.FAILED, bad.outcome());
        assertEquals("Set Log Mode takes normal or debug, not 'verbose'", bad.message());
        CommandResult empty = handler.execute(new Command("4", 5, ""));
        assertEquals(Outcome.FAILED, empty.outcome());
        assertEquals(List.of("debug", "debug"), settings.changes);
        assertFalse(settings.changes.contains("verbose"));
    }
}
