package org.printscout.command.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.printscout.api.command.Command;
import org.printscout.api.command.CommandQueue;
import org.printscout.api.command.CommandRejectedException;
import org.printscout.api.command.CommandResult;

/** A portal queue in memory that records every call, with knobs for outages and refusals. */
final class FakeQueue implements CommandQueue {

    final List<Command> queued = new ArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, CommandResult> results = new LinkedHashMap<>();
    final Map<String, byte[]> files = new LinkedHashMap<>();
    /** Calls to fail with an IOException (the portal is down) before anything is recorded. */
    int failNext;
    /** Command ids the portal answers 404 for. */
    final List<String> unknown = new ArrayList<>();
    /** Refuse files with 413. */
    boolean filesTooLarge;
    /** Results to lose (the portal times out) after the files went up. */
    int failResults;

    @Override
    public List<Command> fetch() throws IOException {
        calls.add("fetch");
        down();
        List<Command> out = List.copyOf(queued);
        queued.clear();
        return out;
    }

    @Override
    public void uploadFile(Command command, Path zip) throws IOException {
        calls.add("file " + command.id());
        down();
        if (unknown.contains(command.id())) {
            throw new CommandRejectedException(404, "no such unfinished command");
        }
        if (filesTooLarge) {
            throw new CommandRejectedException(413, "the portal answered HTTP 413: too large");
        }
        files.put(command.id(), Files.readAllBytes(zip));
    }

    @Override
    public void complete(Command command, CommandResult result) throws IOException {
        if (failResults > 0) {
            failResults--;
            calls.add("result " + command.id() + " failed");
            throw new IOException("POST http://portal: Read timed out");
        }
        calls.add("result " + command.id());
        down();
        if (unknown.contains(command.id())) {
            throw new CommandRejectedException(404, "no such unfinished command");
        }
        results.put(command.id(), result);
    }

    private void down() throws IOException {
        if (failNext > 0) {
            failNext--;
            throw new IOException("GET http://portal: cannot connect");
        }
    }
}
