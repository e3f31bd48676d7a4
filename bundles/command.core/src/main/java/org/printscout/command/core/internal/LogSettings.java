package org.printscout.command.core.internal;

import java.io.IOException;
import java.nio.file.Path;

/** The logging bundle's settings as the log commands need them (its configuration, org.printscout.logging). */
interface LogSettings {

    /** The log modes the logging bundle knows. */
    java.util.List<String> MODES = java.util.List.of("normal", "debug");

    /** The directory the log files are written to, absolute. */
    Path directory() throws IOException;

    /**
     * Sets the log mode (one of {@link #MODES}); the logging bundle applies it at once.
     *
     * @return the mode before
     */
    String setMode(String mode) throws IOException;
}
