package org.printscout.mib.declarative.internal;

import java.util.List;
import java.util.Optional;

/**
 * Which meter names a mapping may feed. Normalised names are part of the upload format (the table
 * in docs/mib-standard.md "Meters"), so a typo must not become a new meter nobody reads; vendor
 * counters without a normalised name are written {@code vendor.counter} ({@code zebra.printLength}).
 */
final class MeterNames {

    static final List<String> NORMALISED = List.of("total", "mono", "color", "duplex", "sheets",
            "print", "print.mono", "print.color", "copy", "copy.mono", "copy.color",
            "fax", "fax.mono", "fax.color", "scan");

    private MeterNames() {
    }

    /** Why {@code name} is not acceptable, or empty when it is. */
    static Optional<String> problem(String name) {
        if (name.length() > org.printscout.api.model.Meter.MAX_NAME_LENGTH) {
            return Optional.of("meter name '" + name.substring(0, 40) + "...' is " + name.length() + " characters; at most "
                    + org.printscout.api.model.Meter.MAX_NAME_LENGTH + " (the report format's and the portal's limit)");
        }
        if (NORMALISED.contains(name)) {
            return Optional.empty();
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.of("unknown meter name '" + name + "': use a normalised name (" + String.join(", ", NORMALISED)
                    + ") or a vendor counter written vendor.counter, e.g. zebra.printLength");
        }
        String head = name.substring(0, dot);
        if (NORMALISED.contains(head)) {
            return Optional.of("unknown meter name '" + name + "': '" + head + "' is a normalised meter, and a vendor "
                    + "counter must start with the vendor's name (normalised names: " + String.join(", ", NORMALISED) + ")");
        }
        return Optional.empty();
    }
}
