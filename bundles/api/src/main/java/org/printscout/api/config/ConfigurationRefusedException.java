package org.printscout.api.config;

import java.util.Objects;

/**
 * A configuration value was refused. The message names the PID, the key and the reason, and never
 * the value of a secret attribute.
 */
public final class ConfigurationRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String pid;
    private final String key;
    private final String reason;

    /**
     * @param pid the configuration's PID
     * @param key the key refused, or null when the whole configuration is
     * @param reason why, for an administrator
     */
    public ConfigurationRefusedException(String pid, String key, String reason) {
        super(pid + (key == null ? "" : ": key '" + key + "'") + ": " + reason);
        this.pid = Objects.requireNonNull(pid, "pid");
        this.key = key;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String pid() {
        return pid;
    }

    /** The key refused, or null when the whole configuration is. */
    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }
}
