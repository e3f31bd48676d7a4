package org.printscout.command.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandResult;
import org.printscout.api.command.CommandResult.Outcome;

class CommandPollerTest {

    @TempDir
    Path dir;

    private final HandlerRegistry handlers = new HandlerRegistry();
    private final FakeQueue queue = new FakeQueue();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> acquired = new CopyOnWriteArrayList<>();
    private Workspace workspace;
    private long serviceIds;

    @BeforeEach
    void setUp() throws IOException {
        workspace = new Workspace(dir.resolve("work"));
        workspace.clear();
    }

    private CommandPoller poller(Duration limit, long maxFile) throws IOException {
        return new CommandPoller(handlers, workspace, new Outbox(dir.resolve("outbox")), limit, 20, maxFile,
                CommandPoller.Log.of(m -> log.add("INFO " + m), m -> log.add("WARN " + m)));
    }

    private CommandPoller poller() throws IOException {
        return poller(Duration.ofSeconds(5), 16L * 1024 * 1024);
    }

    private String register(Object code, int ranking, CommandHandler handler) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (code != null) {
            props.put(CommandHandler.CODE, code);
        }
        props.put("service.id", ++serviceIds);
        props.put("service.ranking", ranking);
        props.put("component.name", "handler-" + serviceIds);
        return handlers.add(new HandlerRegistry.Source() {
            @Override
            public CommandHandler acquire() {
                acquired.add("get " + props.get("component.name"));
                return handler;
            }

            @Override
            public void release(CommandHandler h) {
                acquired.add("unget " + props.get("component.name"));
            }
        }, props);
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void eachCommandGoesToTheHandlerOfItsCodeAndItsResultIsReported() throws Exception {
        List<Command> seen = new CopyOnWriteArrayList<>();
        register(2, 0, c -> {
            seen.add(c);
            return CommandResult.done("scan started");
        });
        register(5, 0, c -> {
            seen.add(c);
            return CommandResult.done("mode " + c.parameter());
        });
        queue.queued.addAll(List.of(new Command("10", 5, "debug"), new Command("11", 2, "")));
        poller().poll(queue);

        assertEquals(List.of(new Command("10", 5, "debug"), new Command("11", 2, "")), seen, "in queue order");
        assertEquals(Outcome.DONE, queue.results.get("10").outcome());
        assertEquals("mode debug", queue.results.get("10").message());
        assertEquals("scan started", queue.results.get("11").message());
        assertEquals(List.of("fetch", "result 10", "result 11"), queue.calls);
        assertEquals(List.of("get handler-2", "unget handler-2", "get handler-1", "unget handler-1"), acquired,
                "handlers are got only to run a command, and released after");
        assertTrue(log.contains("INFO command 10 (Set Log Mode 'debug') received"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("INFO command 11 (Force Discovery Scan) done in ")), log.toString());
    }

    @Test
    void aCodeNoHandlerClaimsIsAnsweredUnsupportedNeverIgnored() throws Exception {
        register(2, 0, c -> CommandResult.done("x"));
        queue.queued.add(new Command("12", 77, "whatever"));
        poller().poll(queue);
        assertEquals(Outcome.UNSUPPORTED, queue.results.get("12").outcome());
        assertEquals("no handler for code 77", queue.results.get("12").message());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("INFO command 12 (code 77 'whatever') unsupported")), log.toString());
    }

    @Test
    void aHandlerThatThrowsIsReportedFailedWithItsMessageAndTheNextCommandStillRuns() throws Exception {
        register(4, 0, c -> {
            throw new IllegalStateException("the log directory data/log does not exist");
        });
        register(5, 0, c -> CommandResult.done("ok"));
        queue.queued.addAll(List.of(new Command("13", 4, ""), new Command("14", 5, "normal")));
        poller().poll(queue);
        assertEquals(Outcome.FAILED, queue.results.get("13").outcome());
        assertEquals("the log directory data/log does not exist", queue.results.get("13").message());
        assertEquals(Outcome.DONE, queue.results.get("14").outcome());
    }

    @Test
    void aHandlerOverrunningTheTimeLimitIsInterruptedAndReportedFailed() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        register(6, 0, c -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return CommandResult.done("never");
        });
        queue.queued.add(new Command("15", 6, "10.0.0.5"));
        long start = System.nanoTime();
        poller(Duration.ofMillis(300), 1 << 20).poll(queue);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the poll does not wait for the handler");
        assertEquals(Outcome.FAILED, queue.results.get("15").outcome());
        assertTrue(queue.results.get("15").message().startsWith("did not finish within 0 s"), queue.results.get("15").message());
        assertTrue(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS), "the handler thread is interrupted");
    }

    @Test
    void aBadCodePropertyIsRefusedWithAMessageAndTheHigherRankingHandlerWins() throws Exception {
        String problem = register("3", 0, c -> CommandResult.done("string code"));
        assertTrue(problem.contains("'3' (String)") && problem.contains(CommandHandler.CODE + ":Integer=3"), problem);
        assertTrue(register(null, 0, c -> CommandResult.done("")).contains("missing"));
        register(3, 0, c -> CommandResult.done("plain"));
        register(3, 10, c -> CommandResult.done("ranked"));
        assertEquals(java.util.Set.of(3), handlers.codes());

        queue.queued.add(new Command("16", 3, ""));
        poller().poll(queue);
        assertEquals("ranked", queue.results.get("16").message());
    }

    @Test
    void resultFilesAreZippedUploadedBeforeTheResultAndScratchFilesDeletedButPointedAtFilesKept() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("log"));
        Files.writeString(logs.resolve("printscout.log"), "current\n");
        Files.writeString(logs.resolve("printscout.log.1"), "older\n");
        register(3, 0, c -> new CommandResult(Outcome.DONE, "2 log files",
                List.of(logs.resolve("printscout.log"), logs.resolve("printscout.log.1"))));
        Path[] scratch = new Path[1];
        register(6, 0, c -> {
            scratch[0] = workspace.directory(c);
            Path walk = scratch[0].resolve("walk-10.0.0.5.snmprec");
            Files.writeString(walk, "1.3.6.1.2.1.1.1.0|4|HP LaserJet\n");
            return new CommandResult(Outcome.DONE, "1 value", List.of(walk));
        });
        queue.queued.addAll(List.of(new Command("17", 3, ""), new Command("18", 6, "10.0.0.5")));
        poller().poll(queue);

        assertEquals(List.of("fetch", "file 17", "result 17", "file 18", "result 18"), queue.calls, "each file before its result");
        assertEquals(Map.of("printscout.log", "current\n", "printscout.log.1", "older\n"), unzip(queue.files.get("17")));
        assertEquals(Map.of("walk-10.0.0.5.snmprec", "1.3.6.1.2.1.1.1.0|4|HP LaserJet\n"), unzip(queue.files.get("18")));
        assertEquals("2 log files", queue.results.get("17").message());
        assertTrue(Files.exists(logs.resolve("printscout.log.1")), "files a handler points at are not deleted");
        assertFalse(Files.exists(scratch[0]), "the command's scratch directory is deleted");
        try (var left = Files.list(dir.resolve("outbox"))) {
            assertEquals(0, left.count(), "nothing is kept once delivered");
        }
    }

    @Test
    void filesThatWouldPassTheSizeLimitAreLeftOutAndNamed() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("log"));
        byte[] noise = new byte[40_000];
        new Random(1).nextBytes(noise);
        Files.writeString(logs.resolve("a.log"), "small\n");
        Files.write(logs.resolve("b.log"), noise);
        Files.writeString(logs.resolve("c.log"), "small too\n");
        register(3, 0, c -> new CommandResult(Outcome.DONE, "3 files",
                List.of(logs.resolve("a.log"), logs.resolve("b.log"), logs.resolve("c.log"), logs.resolve("gone.log"))));
        queue.queued.add(new Command("19", 3, ""));
        poller(Duration.ofSeconds(5), 20_000).poll(queue);

        assertEquals(List.of("a.log"), List.copyOf(unzip(queue.files.get("19")).keySet()));
        assertTrue(queue.files.get("19").length <= 20_000);
        String message = queue.results.get("19").message();
        assertTrue(message.startsWith("3 files; left out (the zip would exceed 0 MiB): b.log, c.log"), message);
        assertTrue(message.contains("gone before they could be packed: gone.log"), message);
    }

    @Test
    void resultsThePortalCouldNotTakeAreKeptOnDiskAndDeliveredAfterARestartFileOnlyOnce() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("log"));
        Files.writeString(logs.resolve("printscout.log"), "line\n");
        List<String> runs = new CopyOnWriteArrayList<>();
        register(3, 0, c -> {
            runs.add(c.id());
            return new CommandResult(Outcome.DONE, "1 log file", List.of(logs.resolve("printscout.log")));
        });
        register(1, 0, c -> {
            runs.add(c.id());
            return CommandResult.done("the agent restarts in 5 s");
        });
        queue.queued.addAll(List.of(new Command("20", 3, ""), new Command("21", 1, "")));
        // the file goes up, then the portal goes away before the result is posted
        CommandPoller first = poller();
        queue.failResults = 1;
        IOException e = assertThrows(IOException.class, () -> first.poll(queue));
        assertTrue(e.getMessage().contains("kept for the next poll"), e.getMessage());
        assertEquals(List.of("20", "21"), runs, "every fetched command runs even while the portal is away");
        assertTrue(queue.results.isEmpty());

        // the agent restarts (Restart Agent did this): a new poller over the same directory
        CommandPoller second = poller();
        second.poll(queue);
        assertEquals(List.of("fetch", "file 20", "result 20 failed", "result 20", "result 21", "fetch"), queue.calls,
                "held results first, oldest first, the file not uploaded twice");
        assertEquals("1 log file", queue.results.get("20").message());
        assertEquals("the agent restarts in 5 s", queue.results.get("21").message());
        assertEquals(List.of("20", "21"), runs, "commands are never run twice");
    }

    @Test
    void aResultThePortalNoLongerWantsIsDroppedAndATooLargeFileBecomesAFailure() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("log"));
        Files.writeString(logs.resolve("printscout.log"), "line\n");
        register(3, 0, c -> new CommandResult(Outcome.DONE, "1 log file", List.of(logs.resolve("printscout.log"))));
        queue.unknown.add("22");
        queue.queued.add(new Command("22", 3, ""));
        CommandPoller poller = poller();
        poller.poll(queue);
        assertNull(queue.results.get("22"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN the portal takes no result for command 22")), log.toString());

        queue.filesTooLarge = true;
        queue.queued.add(new Command("23", 3, ""));
        poller.poll(queue);
        assertEquals(Outcome.FAILED, queue.results.get("23").outcome());
        assertTrue(queue.results.get("23").message().startsWith("1 log file; the portal refused the result file: "),
                queue.results.get("23").message());
        try (var left = Files.list(dir.resolve("outbox"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aHandlerThatCannotBeStartedIsReportedFailedNamingIt() throws Exception {
        register(6, 0, null);
        queue.queued.add(new Command("24", 6, "10.0.0.5"));
        poller().poll(queue);
        assertEquals(Outcome.FAILED, queue.results.get("24").outcome());
        assertEquals("the handler for code 6 (handler-1) could not be started; see the agent log", queue.results.get("24").message());
    }

    @Test
    void aPortalThatCannotBeAskedFailsThePollAndRunsNothing() throws Exception {
        register(2, 0, c -> CommandResult.done("x"));
        queue.failNext = 1;
        IOException e = assertThrows(IOException.class, () -> poller().poll(queue));
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        assertTrue(acquired.isEmpty());
    }
}
