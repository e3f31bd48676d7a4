package org.printscout.api.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's command queue at the portal, authenticated as this agent. The bundle that holds the
 * agent's identity registers it once the agent is activated and withdraws it when the portal
 * connection stops, so "no service" means "nobody to ask". Each call is one attempt; retrying is
 * the caller's choice.
 */
@ProviderType
public interface CommandQueue {

    /** Largest result file the portal accepts (16 MiB). */
    long MAX_FILE_BYTES = 16L * 1024 * 1024;

    /** Longest result text the portal keeps; longer messages are cut to this many characters. */
    int MAX_RESULT_CHARS = 4000;

    /**
     * The commands queued for this agent, oldest first. The portal hands each command out once: a
     * command returned here must be answered with {@link #complete}. A queued command whose code is
     * not a number is answered "unsupported" by the queue itself and not returned.
     *
     * @throws IOException the portal could not be asked (the message says why)
     */
    List<Command> fetch() throws IOException;

    /**
     * Uploads the zip of a command's result files ({@code application/zip}, at most
     * {@link #MAX_FILE_BYTES}); done before {@link #complete}.
     *
     * @throws CommandRejectedException the portal refused it for good (unknown or finished command, too large)
     * @throws IOException the portal could not be reached or failed; trying again may help
     */
    void uploadFile(Command command, Path zip) throws IOException;

    /**
     * Reports how a command ended: its outcome and message (cut to {@link #MAX_RESULT_CHARS}). The
     * result's files are not sent by this call; see {@link #uploadFile}.
     *
     * @throws CommandRejectedException the portal refused it for good (unknown or already finished command)
     * @throws IOException the portal could not be reached or failed; trying again may help
     */
    void complete(Command command, CommandResult result) throws IOException;
}
