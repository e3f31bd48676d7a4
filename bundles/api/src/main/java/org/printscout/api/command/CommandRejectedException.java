package org.printscout.api.command;

import java.io.IOException;

/**
 * The portal refused a command request for good (the command is unknown, not this agent's or already
 * finished, or the file is too large): sending the same request again cannot succeed.
 */
public class CommandRejectedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the HTTP status the portal answered (404, 413, ...)
     */
    public CommandRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the portal answered. */
    public int status() {
        return status;
    }
}
