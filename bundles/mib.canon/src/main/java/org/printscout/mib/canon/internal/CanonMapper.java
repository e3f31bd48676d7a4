package org.printscout.mib.canon.internal;

import java.util.Map;
import java.util.OptionalLong;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.mib.support.VendorCounters;
import org.printscout.mib.support.VendorText;

/**
 * Canon (enterprise 1602, and "Canon ..." sysDescr for agents that send no sysObjectID): product
 * name and version, the service serial number, and the service counter table indexed by Canon's
 * counter numbers (101 total, 112 black large...). Counter numbers without a normalised meter are
 * kept as {@code canon.counter.<number>}. See the README for sources.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "canon", enterprise = 1602, sysDescr = "^Canon ", rank = 100)
public final class CanonMapper implements Mapper {

    static final Oid PRODUCT_NAME = Oid.parse("1.3.6.1.4.1.1602.1.1.1.1.0");
    static final Oid PRODUCT_VERSION = Oid.parse("1.3.6.1.4.1.1602.1.1.1.4.0");
    static final Oid SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.1602.1.2.1.8.1.3.1.1");
    /** Service counters, indexed by Canon's counter number. */
    static final Oid COUNTERS = Oid.parse("1.3.6.1.4.1.1602.1.11.1.3.1.4");

    static final OidPlan PLAN = OidPlan.builder().scalar(PRODUCT_NAME).scalar(PRODUCT_VERSION).scalar(SERIAL_NUMBER)
            .column(COUNTERS).build();

    private static final Map<Long, String> METERS = Map.of(101L, "total", 112L, "largeFormat.mono",
            113L, "canon.mono.small", 122L, "largeFormat.color", 123L, "canon.color.small", 201L, "copy",
            501L, "scan");

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.of(snapshot, PRODUCT_NAME).ifPresent(reading::model);
        VendorText.of(snapshot, PRODUCT_VERSION).ifPresent(reading::firmware);
        VendorText.serial(VendorText.of(snapshot, SERIAL_NUMBER)).ifPresent(reading::serialNumber);
        for (Map.Entry<Oid, SnmpValue> row : snapshot.column(COUNTERS).entrySet()) {
            OptionalLong value = VendorCounters.count(row.getValue());
            if (value.isEmpty() || row.getKey().size() != 1) {
                continue;
            }
            long number = row.getKey().arc(0);
            String meter = METERS.getOrDefault(number, "canon.counter." + number);
            reading.meter(meter, value.getAsLong(), number == 501 ? MeterUnit.PAGES : MeterUnit.IMPRESSIONS);
        }
    }
}
