package org.printscout.upload.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.printscout.api.command.Command;
import org.printscout.api.command.CommandQueue;
import org.printscout.api.command.CommandRejectedException;
import org.printscout.api.command.CommandResult;

/**
 * The command queue at the portal as this agent, over the client the agent loop uses. A queued
 * command whose code is not a number cannot be handed to any handler: it is answered "unsupported"
 * here, and if that answer cannot be delivered now it is tried again at the next fetch (the portal
 * hands a command out once, so it must not be forgotten).
 */
final class PortalCommandQueue implements CommandQueue {

    private final PortalClient client;
    private final PortalClient.Identity identity;
    private final AgentLoop.Log log;
    private final List<Unsupported> unanswered = new ArrayList<>();

    private record Unsupported(String id, String message) {
    }

    PortalCommandQueue(PortalClient client, PortalClient.Identity identity, AgentLoop.Log log) {
        this.client = client;
        this.identity = identity;
        this.log = log;
    }

    @Override
    public synchronized List<Command> fetch() throws IOException {
        answerUnsupported();
        PortalClient.CommandList list;
        try {
            list = client.commands(identity);
        } catch (PortalException e) {
            throw asIOException(e);
        }
        for (String entry : list.unreadable()) {
            log.error("the portal sent a command this agent cannot read, so it cannot be answered: " + entry);
        }
        List<Command> commands = new ArrayList<>();
        for (PortalClient.QueuedCommand queued : list.commands()) {
            Integer code = parseCode(queued.code());
            if (code == null) {
                String message = "code '" + queued.code() + "' is not a number; this agent runs numeric command codes (see docs/commands.md)";
                log.warn("command " + queued.id() + ": " + message + "; answered unsupported");
                unanswered.add(new Unsupported(queued.id(), message));
            } else {
                commands.add(new Command(queued.id(), code, queued.arguments()));
            }
        }
        answerUnsupported();
        return commands;
    }

    private static Integer parseCode(String code) {
        try {
            return Integer.valueOf(code.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Delivers the pending "unsupported" answers; one that fails for a passing reason stays for the next fetch. */
    private void answerUnsupported() {
        for (var it = unanswered.iterator(); it.hasNext(); ) {
            Unsupported u = it.next();
            try {
                client.commandResult(identity, u.id(), "unsupported", u.message());
                it.remove();
            } catch (PortalException e) {
                if (e.reason() == PortalException.Reason.REJECTED) {
                    it.remove();
                } else {
                    return;
                }
            }
        }
    }

    @Override
    public void uploadFile(Command command, Path zip) throws IOException {
        long size = Files.size(zip);
        if (size > MAX_FILE_BYTES) {
            throw new CommandRejectedException(413, "result file of command " + command.id() + " is " + size
                    + " bytes; the portal takes at most " + MAX_FILE_BYTES);
        }
        try {
            client.commandFile(identity, command.id(), zip);
        } catch (PortalException e) {
            throw asIOException(e);
        }
    }

    @Override
    public void complete(Command command, CommandResult result) throws IOException {
        String text = result.message();
        if (text.length() > MAX_RESULT_CHARS) {
            text = text.substring(0, MAX_RESULT_CHARS - 3) + "...";
        }
        try {
            client.commandResult(identity, command.id(), result.outcome().name().toLowerCase(Locale.ROOT), text);
        } catch (PortalException e) {
            throw asIOException(e);
        }
    }

    private static IOException asIOException(PortalException e) {
        if (e.reason() == PortalException.Reason.REJECTED) {
            return new CommandRejectedException(e.status(), e.getMessage());
        }
        return new IOException(e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "command queue of agent " + identity.agentId();
    }
}
