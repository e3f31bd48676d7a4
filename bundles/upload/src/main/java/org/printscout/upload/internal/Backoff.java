package org.printscout.upload.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter: the n-th consecutive failure waits a random time between half
 * and all of {@code min(max, base * 2^n)}. The random half keeps a fleet of agents that lost the
 * portal at the same moment from all coming back at the same moment.
 */
final class Backoff {

    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration base, Duration max, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < base <= max, got " + base + " and " + max);
        }
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    Duration failed() {
        long ceiling = base.toMillis() << Math.min(failures, 30);
        if (ceiling <= 0 || ceiling > max.toMillis()) {
            ceiling = max.toMillis();
        }
        failures++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    void succeeded() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
