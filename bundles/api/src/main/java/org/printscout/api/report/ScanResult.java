package org.printscout.api.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.printscout.api.model.DeviceReading;

/** The readings of one finished scan, ready to be reported. */
public record ScanResult(ScanKind kind, Instant started, Instant finished, List<DeviceReading> readings) {
    public ScanResult {
        Objects.requireNonNull(kind, "kind");
        readings = List.copyOf(readings);
    }
}
