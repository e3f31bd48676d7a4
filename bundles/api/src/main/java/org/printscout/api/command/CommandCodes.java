package org.printscout.api.command;

/**
 * The numeric codes of the seed commands: part of the wire contract with the portal (docs/commands.md),
 * so a code once given out never changes its meaning. A handler for another code simply registers
 * with that code; codes below 1000 are reserved for PrintScout's own commands.
 */
public final class CommandCodes {

    /** Restart the agent (the OSGi framework) a few seconds after the result is reported. No parameter. */
    public static final int RESTART_AGENT = 1;

    /** Start the meter scan (discovery and reading of every site range) now. No parameter. */
    public static final int FORCE_DISCOVERY_SCAN = 2;

    /** Upload the agent's log files as a zip. No parameter. */
    public static final int UPLOAD_LOG_FILES = 3;

    /** Delete rotated log files; the file in use is kept. No parameter. */
    public static final int DELETE_LOG_FILES = 4;

    /** Set the log mode; parameter {@code normal} or {@code debug}. */
    public static final int SET_LOG_MODE = 5;

    /** Walk a known device's MIB into a {@code .snmprec} file; parameter {@code IP [OID]}. */
    public static final int WALK_MIB = 6;

    private CommandCodes() {
    }

    /** A short English name of a seed command, for logs; {@code "code N"} for any other code. */
    public static String name(int code) {
        return switch (code) {
            case RESTART_AGENT -> "Restart Agent";
            case FORCE_DISCOVERY_SCAN -> "Force Discovery Scan";
            case UPLOAD_LOG_FILES -> "Upload Log Files";
            case DELETE_LOG_FILES -> "Delete Log Files";
            case SET_LOG_MODE -> "Set Log Mode";
            case WALK_MIB -> "Walk MIB";
            default -> "code " + code;
        };
    }
}
