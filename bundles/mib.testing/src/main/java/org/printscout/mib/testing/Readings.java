package org.printscout.mib.testing;

import java.time.Instant;
import java.util.List;

import org.printscout.api.mapper.Mapper;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Snapshot;
import org.printscout.mib.standard.StandardMib;

/** Mapping a snapshot the way the collector does: each mapper alone, or merged in rank order. */
public final class Readings {

    /** Any fixed instant: readings are compared as values. */
    public static final Instant READ_AT = Instant.parse("2026-01-01T00:00:00Z");

    private Readings() {
    }

    public static DeviceReading map(Mapper mapper, Snapshot snapshot) {
        ReadingBuilder builder = new ReadingBuilder();
        mapper.map(snapshot, builder);
        return builder.build(READ_AT);
    }

    /**
     * The standard mapper's reading with the vendor mappers' fields merged over it, in the order
     * given (lowest rank first), the way the collector merges: a later mapper wins per field.
     */
    public static DeviceReading merged(Snapshot snapshot, List<NamedMapper> vendorMappers) {
        ReadingBuilder reading = new ReadingBuilder();
        ReadingBuilder standard = new ReadingBuilder();
        StandardMib.mapper().map(snapshot, standard);
        reading.mergeFrom(standard, "standard");
        for (NamedMapper vendor : vendorMappers) {
            ReadingBuilder own = new ReadingBuilder();
            vendor.mapper().map(snapshot, own);
            reading.mergeFrom(own, vendor.name());
        }
        return reading.build(READ_AT);
    }

    /** A mapper with the name it registers under. */
    public record NamedMapper(String name, Mapper mapper) {
    }
}
