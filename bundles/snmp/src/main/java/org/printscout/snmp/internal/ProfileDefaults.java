package org.printscout.snmp.internal;

import org.printscout.api.snmp.SnmpTarget;

/**
 * The request settings a profile credential gets when its own configuration leaves them out; they
 * live in the service configuration ({@code org.printscout.snmp}) so one change applies to every
 * profile.
 */
public record ProfileDefaults(int timeoutMillis, int retries, int maxVarbinds, int maxRepetitions) {

    public static final String PID = "org.printscout.snmp";

    public static ProfileDefaults read(ConfigValues config) {
        return new ProfileDefaults(
                config.integer("defaultTimeoutMillis", (int) SnmpTarget.DEFAULT_TIMEOUT.toMillis(), 10, 60_000),
                config.integer("defaultRetries", SnmpTarget.DEFAULT_RETRIES, 0, 10),
                config.integer("defaultMaxVarbinds", SnmpTarget.DEFAULT_MAX_VARBINDS, 1, 1000),
                config.integer("defaultMaxRepetitions", SnmpTarget.DEFAULT_MAX_REPETITIONS, 1, 1000));
    }
}
