package org.printscout.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down guessing: after a few failures from one client address, each further attempt has to wait
 * twice as long as the last, up to a limit; a success clears the address. The table is bounded (the
 * oldest entries go first), so a flood of addresses cannot fill the memory.
 */
final class SignInThrottle {

    private static final int MAX_CLIENTS = 4096;

    private record Failures(int count, Instant lastFailure) {
    }

    private final int freeFailures;
    private final Duration maxDelay;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    SignInThrottle(int freeFailures, Duration maxDelay, Clock clock) {
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** How long this client still has to wait before its next attempt is even checked; zero when it may try now. */
    synchronized Duration waitFor(String client) {
        Failures f = failures.get(client);
        if (f == null || f.count() < freeFailures) {
            return Duration.ZERO;
        }
        Duration delay = delay(f.count());
        Duration left = Duration.between(clock.instant(), f.lastFailure().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Duration delay(int count) {
        int doublings = Math.min(30, count - freeFailures);
        long seconds = Math.min(maxDelay.toSeconds(), 1L << doublings);
        return Duration.ofSeconds(seconds);
    }

    synchronized void failed(String client) {
        Failures f = failures.get(client);
        failures.put(client, new Failures(f == null ? 1 : f.count() + 1, clock.instant()));
    }

    synchronized void succeeded(String client) {
        failures.remove(client);
    }
}
