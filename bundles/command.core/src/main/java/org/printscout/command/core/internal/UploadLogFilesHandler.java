package org.printscout.command.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandCodes;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandResult;

/**
 * Upload Log Files: every file of the log directory, the one in use first and then older ones, so
 * that when the zip limit cuts the list the newest log still arrives. The files are read, not moved.
 */
@Component(service = CommandHandler.class, property = CommandHandler.CODE + ":Integer=" + CommandCodes.UPLOAD_LOG_FILES)
public final class UploadLogFilesHandler implements CommandHandler {

    private final LogSettings settings;

    @Activate
    public UploadLogFilesHandler(@Reference LogSettings settings) {
        this.settings = settings;
    }

    @Override
    public CommandResult execute(Command command) throws IOException {
        Path dir = settings.directory();
        List<Path> files = LogFiles.list(dir);
        if (files.isEmpty()) {
            return CommandResult.done("the log directory " + dir + " is empty");
        }
        long bytes = files.stream().mapToLong(LogFiles::size).sum();
        return new CommandResult(CommandResult.Outcome.DONE, files.size() + " log files (" + LogFiles.kib(bytes) + ") from " + dir + ": "
                + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList()), files);
    }
}
