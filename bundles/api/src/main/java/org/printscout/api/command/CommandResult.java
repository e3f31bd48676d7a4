package org.printscout.api.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a command ended, with files to upload where the command produces some (logs, a MIB walk).
 */
public record CommandResult(Outcome outcome, String message, List<Path> files) {

    /** Outcome reported to the portal. */
    public enum Outcome {
        DONE, FAILED, UNSUPPORTED
    }

    public CommandResult {
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message;
        files = files == null ? List.of() : List.copyOf(files);
    }

    public static CommandResult done(String message) {
        return new CommandResult(Outcome.DONE, message, List.of());
    }

    public static CommandResult failed(String message) {
        return new CommandResult(Outcome.FAILED, message, List.of());
    }
}
