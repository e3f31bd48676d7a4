package org.printscout.portal.server.internal;

/** Checks of configuration values, for every component of the portal: the refusal names the PID and the key. */
final class ConfigValues {

    private ConfigValues() {
    }

    static int range(String pid, String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(pid + ": key '" + key + "' is " + value + "; it must be between " + min + " and " + max);
        }
        return value;
    }
}
