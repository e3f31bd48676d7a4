package org.printscout.api.command;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Scratch space for handlers whose command produces new files (a MIB walk): a handler writes them
 * into {@link #directory} and returns them in its {@link CommandResult}; the dispatcher that provides
 * this service zips and uploads them, then deletes the directory. Files a handler merely points at
 * (the log files) are read, never deleted.
 */
@ProviderType
public interface CommandWorkspace {

    /** An existing directory of this command's own, below the agent's data directory. */
    Path directory(Command command) throws IOException;
}
