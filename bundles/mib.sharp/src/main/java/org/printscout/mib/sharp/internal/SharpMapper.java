package org.printscout.mib.sharp.internal;

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
import org.printscout.mib.support.VendorCounters;
import org.printscout.mib.support.VendorText;

/**
 * Sharp (enterprise 2385, and "SHARP ..." sysDescr for agents that send no sysObjectID): firmware,
 * model, and the counter table of {@code 2385.1.1.19.2.1}, whose value column (.3) and name column
 * (.4) share a three-arc index (job kind, counter group, colour/mode). Rows with a normalised
 * meter are mapped to it; every other row is kept under {@code sharp.<its name in camel case>}.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "sharp", enterprise = 2385, sysDescr = "^SHARP ", rank = 100)
public final class SharpMapper implements Mapper {

    static final Oid COUNTER_VALUE = Oid.parse("1.3.6.1.4.1.2385.1.1.19.2.1.3");
    static final Oid COUNTER_NAME = Oid.parse("1.3.6.1.4.1.2385.1.1.19.2.1.4");
    static final Oid FIRMWARE = Oid.parse("1.3.6.1.4.1.2385.2.1.1.2.1.2.1");
    static final Oid MODEL = Oid.parse("1.3.6.1.4.1.2385.2.1.3.2.1.4.13501.1302.1");

    static final OidPlan PLAN = OidPlan.builder().scalar(FIRMWARE).scalar(MODEL)
            .column(COUNTER_VALUE).column(COUNTER_NAME).build();

    /** Index (kind.group.mode) to normalised meter; verified against the names on sharp.snmprec. */
    private static final Map<String, String> METERS = Map.ofEntries(
            Map.entry("1.4.60", "print"), Map.entry("1.4.61", "print.mono"), Map.entry("1.4.63", "print.color"),
            Map.entry("4.4.60", "copy"), Map.entry("4.4.61", "copy.mono"), Map.entry("4.4.63", "copy.color"),
            Map.entry("5.4.61", "mono"), Map.entry("5.4.63", "color"),
            Map.entry("7.4.50", "scan.network"), Map.entry("7.4.51", "scan.network.mono"),
            Map.entry("7.4.53", "scan.network.color"));

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.of(snapshot, FIRMWARE).ifPresent(reading::firmware);
        VendorText.of(snapshot, MODEL).ifPresent(reading::model);
        NavigableMap<Oid, SnmpValue> names = snapshot.column(COUNTER_NAME);
        for (Map.Entry<Oid, SnmpValue> row : snapshot.column(COUNTER_VALUE).entrySet()) {
            OptionalLong value = VendorCounters.count(row.getValue());
            if (value.isEmpty()) {
                continue;
            }
            String index = row.getKey().toString();
            String meter = METERS.get(index);
            if (meter == null) {
                SnmpValue name = names.get(row.getKey());
                String camel = name == null ? "" : camelCase(VendorText.of(name).orElse(""));
                meter = camel.isEmpty() ? "sharp.counter." + index : "sharp." + camel;
            }
            boolean scan = index.startsWith("7.") || meter.toLowerCase(java.util.Locale.ROOT).contains("scan");
            reading.meter(meter, value.getAsLong(), scan ? MeterUnit.PAGES : MeterUnit.IMPRESSIONS);
        }
    }

    /** "Black & White Other Count" → "blackWhiteOtherCount"; empty when the name has no letters. */
    static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            out.append(out.length() == 0 ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        return out.toString();
    }
}
