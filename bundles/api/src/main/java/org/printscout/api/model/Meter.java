package org.printscout.api.model;

import java.util.Objects;

/**
 * One page counter. {@code name} is a normalised meter name (see docs/meters.md, e.g.
 * {@code total}, {@code mono}, {@code color}) or, for a vendor counter without one, the vendor's own
 * name prefixed with the vendor ({@code kyocera.copy.a3}).
 */
public record Meter(String name, long value, MeterUnit unit) {

    /**
     * The longest name a report carries (docs/report-1.xsd, the portal's column, the mapping format);
     * a reading may hold a longer one, which the report leaves out with a note.
     *
     * @since 1.1
     */
    public static final int MAX_NAME_LENGTH = 100;

    public Meter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (value < 0) {
            throw new IllegalArgumentException("meter " + name + " cannot be negative: " + value);
        }
    }
}
