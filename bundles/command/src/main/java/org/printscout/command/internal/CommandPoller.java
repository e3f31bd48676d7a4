package org.printscout.command.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.printscout.api.command.Command;
import org.printscout.api.command.CommandCodes;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandQueue;
import org.printscout.api.command.CommandRejectedException;
import org.printscout.api.command.CommandResult;
import org.printscout.api.command.CommandResult.Outcome;

/**
 * One poll of the command queue, without OSGi: deliver what earlier polls could not, fetch, then
 * run the commands one at a time. Every command gets an answer: "unsupported" when no handler claims
 * its code, "failed" when the handler throws or overruns the time limit. Each result (with the zip
 * of its files) goes to the {@link Outbox} before it is sent, so a result survives a portal outage
 * and the agent's own restart.
 */
final class CommandPoller {

    /** Where messages go; the component passes its OSGi logger. */
    interface Log {
        void info(String message);

        void warn(String message);

        static Log of(java.util.function.Consumer<String> info, java.util.function.Consumer<String> warn) {
            return new Log() {
                @Override
                public void info(String message) {
                    info.accept(message);
                }

                @Override
                public void warn(String message) {
                    warn.accept(message);
                }
            };
        }
    }

    /** Lines for scout:status. */
    record Stats(long run, String last) {
    }

    private final HandlerRegistry handlers;
    private final Workspace workspace;
    private final Outbox outbox;
    private final Duration timeLimit;
    private final int maxUndelivered;
    private final long maxFileBytes;
    private final Log log;
    private volatile long run;
    private volatile String last = "none since start";

    CommandPoller(HandlerRegistry handlers, Workspace workspace, Outbox outbox, Duration timeLimit, int maxUndelivered,
                  long maxFileBytes, Log log) {
        this.handlers = handlers;
        this.workspace = workspace;
        this.outbox = outbox;
        this.timeLimit = timeLimit;
        this.maxUndelivered = maxUndelivered;
        this.maxFileBytes = maxFileBytes;
        this.log = log;
    }

    /**
     * Delivers held results, fetches and runs the queued commands.
     *
     * @throws IOException the portal could not be asked, or results could not be delivered (they are
     *         kept for the next poll)
     */
    void poll(CommandQueue queue) throws IOException {
        deliverHeld(queue);
        List<Command> commands = queue.fetch();
        IOException undelivered = null;
        for (Command command : commands) {
            Outbox.Entry entry = runAndRecord(command);
            if (undelivered == null) {
                try {
                    deliver(queue, entry);
                } catch (IOException e) {
                    // the commands fetched were handed out once: run them all, keep their results
                    undelivered = e;
                }
            }
        }
        trimOutbox();
        if (undelivered != null) {
            throw new IOException("command results kept for the next poll: " + undelivered.getMessage(), undelivered);
        }
    }

    private void deliverHeld(CommandQueue queue) throws IOException {
        for (Outbox.Entry entry : outbox.entries()) {
            deliver(queue, entry);
        }
    }

    /** Runs a command, packs its files and records the result in the outbox (in memory if the disk refuses). */
    Outbox.Entry runAndRecord(Command command) {
        String what = "command " + command.id() + " (" + CommandCodes.name(command.code())
                + (command.parameter().isEmpty() ? "" : " '" + shorten(command.parameter(), 200) + "'") + ")";
        log.info(what + " received");
        long started = System.nanoTime();
        CommandResult result = execute(command);
        Path zip = null;
        if (!result.files().isEmpty()) {
            zip = outbox.reserveZip(command);
            try {
                ResultZip.Packed packed = ResultZip.write(result.files(), zip, maxFileBytes);
                result = new CommandResult(result.outcome(), result.message() + packed.note(maxFileBytes), List.of());
            } catch (IOException | RuntimeException e) {
                deleteQuietly(zip);
                zip = null;
                result = CommandResult.failed(result.message() + "; the result files could not be packed: " + e.getMessage());
            }
        }
        try {
            workspace.delete(command);
        } catch (IOException e) {
            log.warn(what + ": could not delete its scratch directory: " + e.getMessage());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(what + " " + result.outcome().name().toLowerCase(java.util.Locale.ROOT) + " in " + millis + " ms: "
                + shorten(result.message(), 500) + (zip == null ? "" : " (with a zip of result files)"));
        run++;
        last = Instant.now() + " " + what + ": " + result.outcome();
        try {
            return outbox.add(command, result, zip);
        } catch (IOException e) {
            log.warn(what + ": the result could not be kept on disk (" + e.getMessage() + "); it is sent now or lost");
            return new Outbox.Entry(command, result, zip, false, null);
        }
    }

    /** The handler's answer within the time limit; never throws. */
    CommandResult execute(Command command) {
        Optional<HandlerRegistry.Registered> registered = handlers.find(command.code());
        if (registered.isEmpty()) {
            return new CommandResult(Outcome.UNSUPPORTED, "no handler for code " + command.code(), List.of());
        }
        HandlerRegistry.Source source = registered.get().source();
        CommandHandler handler;
        try {
            handler = source.acquire();
        } catch (RuntimeException e) {
            return CommandResult.failed("the handler for code " + command.code() + " could not be started: " + message(e));
        }
        if (handler == null) {
            // DS could not activate it (a bad configuration, a missing service): its error is in the agent log
            return CommandResult.failed("the handler for code " + command.code() + " (" + registered.get().name()
                    + ") could not be started; see the agent log");
        }
        FutureTask<CommandResult> task = new FutureTask<>(() -> handler.execute(command));
        Thread thread = new Thread(task, "printscout-command-" + Workspace.safeName(command.id()));
        thread.setDaemon(true);
        try {
            thread.start();
            CommandResult result = task.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            return result != null ? result : CommandResult.failed("the handler returned no result");
        } catch (ExecutionException e) {
            return CommandResult.failed(message(e.getCause() == null ? e : e.getCause()));
        } catch (TimeoutException e) {
            task.cancel(true);
            return CommandResult.failed("did not finish within " + timeLimit.toSeconds() + " s and was stopped");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return CommandResult.failed("the agent stopped while the command ran");
        } finally {
            source.release(handler);
        }
    }

    /** Uploads the zip (once) and posts the result; the entry leaves the outbox when the portal took it or refused it for good. */
    private void deliver(CommandQueue queue, Outbox.Entry entry) throws IOException {
        try {
            if (entry.zip != null && !entry.fileUploaded) {
                try {
                    queue.uploadFile(entry.command, entry.zip);
                    entry.fileUploaded = true;
                    saveQuietly(entry);
                } catch (CommandRejectedException e) {
                    if (e.status() == 404) {
                        throw e;
                    }
                    // too large for this portal, or refused otherwise: the result still goes, saying so
                    entry.result = CommandResult.failed(entry.result.message() + "; the portal refused the result file: " + e.getMessage());
                    deleteQuietly(entry.zip);
                    entry.zip = null;
                    saveQuietly(entry);
                }
            }
            queue.complete(entry.command, entry.result);
        } catch (CommandRejectedException e) {
            log.warn("the portal takes no result for command " + entry.command.id() + " (" + e.getMessage() + "); it is dropped");
        }
        outbox.remove(entry);
    }

    /** Keeps at most {@code maxUndelivered} results; the oldest go first. */
    private void trimOutbox() throws IOException {
        List<Outbox.Entry> entries = outbox.entries();
        for (int i = 0; i < entries.size() - maxUndelivered; i++) {
            Outbox.Entry dropped = entries.get(i);
            log.warn("dropping the undelivered result of command " + dropped.command.id() + " (more than " + maxUndelivered + " are waiting)");
            outbox.remove(dropped);
        }
    }

    private void saveQuietly(Outbox.Entry entry) {
        try {
            outbox.save(entry);
        } catch (IOException e) {
            log.warn("could not update the kept result of command " + entry.command.id() + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray zip in the outbox is removed at the next start
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    private static String shorten(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }

    Stats stats() {
        return new Stats(run, last);
    }
}
