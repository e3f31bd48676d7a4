package org.printscout.api.model;

import java.util.Objects;

/**
 * One page counter. {@code name} is a normalised meter name (see docs/meters.md, e.g.
 * {@code total}, {@code mono}, {@code color}) or, for a vendor counter without one, the vendor's own
 * name prefixed with the vendor ({@code kyocera.copy.a3}).
 */
public record Meter(String name, long value, MeterUnit unit) {
    public Meter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (value < 0) {
            throw new IllegalArgumentException("meter " + name + " cannot be negative: " + value);
        }
    }
}
