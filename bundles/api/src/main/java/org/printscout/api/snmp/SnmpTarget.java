package org.printscout.api.snmp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One device to talk to: its address, the credential to use, and how patiently to wait.
 *
 * @param timeout time to wait for each attempt
 * @param retries attempts after the first one
 * @param maxVarbindsPerRequest upper bound of variables in one GET (split further on tooBig)
 * @param maxRepetitions GETBULK max-repetitions
 */
public record SnmpTarget(InetSocketAddress address, Credential credential, Duration timeout, int retries,
                         int maxVarbindsPerRequest, int maxRepetitions) {

    public static final int DEFAULT_PORT = 161;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_RETRIES = 1;
    public static final int DEFAULT_MAX_VARBINDS = 60;
    public static final int DEFAULT_MAX_REPETITIONS = 25;

    public SnmpTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        if (maxVarbindsPerRequest < 1) {
            throw new IllegalArgumentException("maxVarbindsPerRequest must be at least 1");
        }
        if (maxRepetitions < 1) {
            throw new IllegalArgumentException("maxRepetitions must be at least 1");
        }
    }

    public static SnmpTarget of(InetSocketAddress address, Credential credential) {
        return new SnmpTarget(address, credential, DEFAULT_TIMEOUT, DEFAULT_RETRIES, DEFAULT_MAX_VARBINDS,
                DEFAULT_MAX_REPETITIONS);
    }

    public SnmpTarget withTimeout(Duration newTimeout, int newRetries) {
        return new SnmpTarget(address, credential, newTimeout, newRetries, maxVarbindsPerRequest, maxRepetitions);
    }

    public SnmpTarget withCredential(Credential other) {
        return new SnmpTarget(address, other, timeout, retries, maxVarbindsPerRequest, maxRepetitions);
    }

    /** "host:port" for messages; never includes the credential's secrets. */
    public String describe() {
        return address.getHostString() + ":" + address.getPort();
    }
}
