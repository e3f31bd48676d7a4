package org.printscout.mib.ricoh.internal;

import java.util.Map;
import java.util.NavigableMap;
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
import org.printscout.mib.support.ModelNames;
import org.printscout.mib.support.VendorCounters;
import org.printscout.mib.support.VendorText;

/**
 * Ricoh and the brands that ship Ricoh's firmware under Ricoh's enterprise 367 (Gestetner, Lanier,
 * NRG, Savin, Nashuatec, Rex-Rotary, Infotec): system name and version, the engine serial number,
 * and the engine counter table, whose rows carry a counter type and a value. Types without a
 * normalised meter are kept as {@code ricoh.counter.<type>}. See the README for sources.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "ricoh", enterprise = 367, rank = 100)
public final class RicohMapper implements Mapper {

    static final Oid SYS_NAME = Oid.parse("1.3.6.1.4.1.367.3.2.1.1.1.1.0");
    static final Oid SYS_VERSION = Oid.parse("1.3.6.1.4.1.367.3.2.1.1.1.2.0");
    static final Oid ENGINE_SERIAL = Oid.parse("1.3.6.1.4.1.367.3.2.1.2.1.4.0");
    static final Oid COUNTER_TYPE = Oid.parse("1.3.6.1.4.1.367.3.2.1.2.19.5.1.2");
    static final Oid COUNTER_VALUE = Oid.parse("1.3.6.1.4.1.367.3.2.1.2.19.5.1.9");

    static final OidPlan PLAN = OidPlan.builder().scalar(SYS_NAME).scalar(SYS_VERSION).scalar(ENGINE_SERIAL)
            .column(COUNTER_TYPE).column(COUNTER_VALUE).build();

    /** ricohEngCounterType values with a normalised meter (GLPI agent's Ricoh module). */
    private static final Map<Long, String> METERS = Map.of(10L, "total", 200L, "copy", 201L, "copy.mono",
            202L, "copy.color", 300L, "fax", 400L, "print", 401L, "print.mono", 402L, "print.color");
    /** Types that are each part of the scans; their sum is the scan meter. */
    private static final long SCAN_A = 870;
    private static final long SCAN_B = 871;

    /** Ricoh's and its OEM brands' leading words in ricohSysName ("Gestetner MPC2500/DSc525"). */
    private static final String[] BRANDS = {"RICOH", "Gestetner", "LANIER", "NRG", "SAVIN", "Nashuatec",
            "Rex-Rotary", "infotec"};

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.of(snapshot, SYS_NAME).flatMap(name -> ModelNames.withoutVendor(name, BRANDS)).ifPresent(reading::model);
        VendorText.of(snapshot, SYS_VERSION).ifPresent(reading::firmware);
        VendorText.serial(VendorText.of(snapshot, ENGINE_SERIAL)).ifPresent(reading::serialNumber);

        NavigableMap<Oid, SnmpValue> types = snapshot.column(COUNTER_TYPE);
        NavigableMap<Oid, SnmpValue> values = snapshot.column(COUNTER_VALUE);
        long scans = 0;
        boolean anyScan = false;
        for (Map.Entry<Oid, SnmpValue> row : types.entrySet()) {
            OptionalLong type = row.getValue().asLong();
            SnmpValue raw = values.get(row.getKey());
            OptionalLong value = raw == null ? OptionalLong.empty() : VendorCounters.count(raw);
            if (type.isEmpty() || value.isEmpty()) {
                continue;
            }
            long t = type.getAsLong();
            if (t == SCAN_A || t == SCAN_B) {
                scans += value.getAsLong();
                anyScan = true;
            }
            String meter = METERS.getOrDefault(t, "ricoh.counter." + t);
            if (!reading.meters().containsKey(meter)) {
                reading.meter(meter, value.getAsLong(), MeterUnit.IMPRESSIONS);
            }
        }
        if (anyScan) {
            reading.meter("scan", scans, MeterUnit.PAGES);
        }
    }
}
