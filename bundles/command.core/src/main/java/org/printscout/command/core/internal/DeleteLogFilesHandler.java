package org.printscout.command.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandCodes;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandResult;

/**
 * Delete Log Files: deletes the rotated log files ({@code *.log.N}), which nothing writes to any more,
 * and keeps the files in use ({@code printscout.log}, the launcher's {@code console.log}) and any
 * file it does not recognise. The answer names what went and what stayed.
 */
@Component(service = CommandHandler.class, property = CommandHandler.CODE + ":Integer=" + CommandCodes.DELETE_LOG_FILES)
public final class DeleteLogFilesHandler implements CommandHandler {

    private final LogSettings settings;

    @Activate
    public DeleteLogFilesHandler(@Reference LogSettings settings) {
        this.settings = settings;
    }

    @Override
    public CommandResult execute(Command command) throws IOException {
        Path dir = settings.directory();
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long freed = 0;
        for (Path file : LogFiles.list(dir)) {
            String name = file.getFileName().toString();
            if (!LogFiles.rotated(file)) {
                kept.add(name + (name.equals(LogFiles.CURRENT) || name.equals(LogFiles.CONSOLE) ? " (in use)" : ""));
                continue;
            }
            long size = LogFiles.size(file);
            try {
                if (Files.deleteIfExists(file)) {
                    deleted.add(name + " (" + LogFiles.kib(size) + ")");
                    freed += size;
                }
            } catch (IOException e) {
                failed.add(name + ": " + e.getMessage());
            }
        }
        String text = (deleted.isEmpty() ? "no rotated log files to delete" : "deleted " + String.join(", ", deleted)
                + ", " + LogFiles.kib(freed) + " freed") + "; kept " + (kept.isEmpty() ? "nothing" : String.join(", ", kept));
        return failed.isEmpty() ? CommandResult.done(text) : CommandResult.failed(text + "; could not delete " + String.join("; ", failed));
    }
}
