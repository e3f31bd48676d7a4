package org.printscout.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything read from one device at one moment.
 *
 * @param sources which mapper produced each field ("serialNumber" → "org.printscout.mib.hp"); meter
 *        fields are named "meter:NAME", supplies "supplies", alerts "alerts"
 * @param problems what went wrong while reading (a mapper that failed, a walk cut short), for the
 *        administrator; an empty list means a clean reading
 */
public record DeviceReading(DeviceIdentity identity, Instant readAt, DeviceStatus status, List<Meter> meters,
                            List<Supply> supplies, List<Alert> alerts, Map<String, String> sources,
                            List<String> problems) {

    public DeviceReading {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(readAt, "readAt");
        meters = List.copyOf(meters);
        supplies = List.copyOf(supplies);
        alerts = List.copyOf(alerts);
        sources = Map.copyOf(sources);
        problems = List.copyOf(problems);
    }

    public Optional<Meter> meter(String name) {
        return meters.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
