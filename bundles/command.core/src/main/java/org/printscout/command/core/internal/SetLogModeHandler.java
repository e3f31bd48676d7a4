package org.printscout.command.core.internal;

import java.io.IOException;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandCodes;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandResult;

/**
 * Set Log Mode: parameter {@code normal} or {@code debug}, written to the logging configuration
 * (org.printscout.logging, key {@code mode}); the logging bundle applies it at once and the
 * configuration keeps it across restarts.
 */
@Component(service = CommandHandler.class, property = CommandHandler.CODE + ":Integer=" + CommandCodes.SET_LOG_MODE)
public final class SetLogModeHandler implements CommandHandler {

    private final LogSettings settings;

    @Activate
    public SetLogModeHandler(@Reference LogSettings settings) {
        this.settings = settings;
    }

    @Override
    public CommandResult execute(Command command) throws IOException {
        String mode = command.parameter().strip().toLowerCase(Locale.ROOT);
        if (!LogSettings.MODES.contains(mode)) {
            return CommandResult.failed("Set Log Mode takes " + String.join(" or ", LogSettings.MODES) + ", not '" + command.parameter() + "'");
        }
        String before = settings.setMode(mode);
        return CommandResult.done(before.equals(mode) ? "the log mode was already " + mode : "log mode set to " + mode + " (was " + before + ")");
    }
}
