package org.printscout.logging.internal;

import java.util.List;

import org.osgi.service.log.LogLevel;

/** The logging settings in force; {@link #with} takes what is valid of a new configuration. */
record LogSettings(String mode, String directory, int maxFileKib, int filesKept) {

    static final LogSettings DEFAULTS = new LogSettings("normal", "data/log", 2048, 5);

    LogLevel level() {
        return mode.equals("debug") ? LogLevel.DEBUG : LogLevel.INFO;
    }

    /**
     * These settings changed by a configuration: each valid value is taken, each invalid one is
     * refused (a message in {@code problems} naming the key) and the value in force now kept.
     */
    LogSettings with(LoggingConfig config, List<String> problems) {
        String nextMode = mode;
        if (config.mode().equals("normal") || config.mode().equals("debug")) {
            nextMode = config.mode();
        } else {
            problems.add(refused("mode", "'" + config.mode() + "' is not one of normal, debug", mode));
        }
        String nextDirectory = directory;
        if (config.directory() == null || config.directory().isBlank()) {
            problems.add(refused("directory", "it is empty", directory));
        } else {
            nextDirectory = config.directory().strip();
        }
        int nextSize = maxFileKib;
        if (config.maxFileKib() >= 16 && config.maxFileKib() <= 1048576) {
            nextSize = config.maxFileKib();
        } else {
            problems.add(refused("maxFileKib", config.maxFileKib() + " is not between 16 and 1048576", String.valueOf(maxFileKib)));
        }
        int nextKept = filesKept;
        if (config.filesKept() >= 1 && config.filesKept() <= 100) {
            nextKept = config.filesKept();
        } else {
            problems.add(refused("filesKept", config.filesKept() + " is not between 1 and 100", String.valueOf(filesKept)));
        }
        return new LogSettings(nextMode, nextDirectory, nextSize, nextKept);
    }

    boolean sameFile(LogSettings other) {
        return directory.equals(other.directory) && maxFileKib == other.maxFileKib && filesKept == other.filesKept;
    }

    private static String refused(String key, String why, String kept) {
        return LogFileComponent.PID + ": key '" + key + "' refused: " + why + "; " + kept + " stays in force";
    }
}
