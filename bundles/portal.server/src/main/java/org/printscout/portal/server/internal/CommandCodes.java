package org.printscout.portal.server.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the portal needs of the command codes: their names come from the agent's API
 * ({@link org.printscout.api.command.CommandCodes}, the one place they are defined), so the page
 * and the agent never disagree. The form offers the seed commands; other codes are allowed from the
 * shell for dealers' own handlers, and an agent without a handler answers them "unsupported".
 */
final class CommandCodes {

    static final int MAX = 65535;

    private static final int[] SEED = {
        org.printscout.api.command.CommandCodes.RESTART_AGENT,
        org.printscout.api.command.CommandCodes.FORCE_DISCOVERY_SCAN,
        org.printscout.api.command.CommandCodes.UPLOAD_LOG_FILES,
        org.printscout.api.command.CommandCodes.DELETE_LOG_FILES,
        org.printscout.api.command.CommandCodes.SET_LOG_MODE,
        org.printscout.api.command.CommandCodes.WALK_MIB,
    };

    private CommandCodes() {
    }

    static boolean valid(int code) {
        return code >= 1 && code <= MAX;
    }

    /** The seed command's name, or "code N" for others. */
    static String name(int code) {
        return org.printscout.api.command.CommandCodes.name(code);
    }

    /** The name of a stored code; a stored code that is not a number is shown as it is. */
    static String name(String code) {
        try {
            return name(Integer.parseInt(code));
        } catch (NumberFormatException e) {
            return code;
        }
    }

    static Map<Integer, String> seed() {
        Map<Integer, String> out = new TreeMap<>();
        for (int code : SEED) {
            out.put(code, name(code));
        }
        return out;
    }
}
