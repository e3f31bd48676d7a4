package org.printscout.api.snmp;

import java.time.Duration;

/**
 * Bounds for a subtree walk, so a hostile or broken agent cannot keep a walk going forever.
 *
 * @param maxRows stop after this many values (the result says the limit was hit)
 * @param maxDuration stop after this much time in total
 */
public record WalkLimits(int maxRows, Duration maxDuration) {

    public static final WalkLimits DEFAULT = new WalkLimits(10_000, Duration.ofSeconds(60));

    public WalkLimits {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1");
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive");
        }
    }
}
