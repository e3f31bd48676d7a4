package org.printscout.mib.kyocera.internal;

import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.regex.Pattern;

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
 * Kyocera and its OEM brands (UTAX / TA Triumph-Adler, which keep Kyocera's enterprise 1347 and
 * firmware): KYOCERA-MIB general table (model, serial, firmware) and the function counters of the
 * {@code 1347.42.3} tree. See the bundle's README for sources and verification.
 *
 * <p>The function counter tables are walked, not fetched as fixed instances, because published
 * notes disagree on how many index arcs they carry; their rows are read by their last arcs
 * (function, then colour mode), which every source agrees on.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "kyocera", enterprise = 1347, rank = 100)
public final class KyoceraMapper implements Mapper {

    static final Oid MODEL_NAME = Oid.parse("1.3.6.1.4.1.1347.43.5.1.1.1");
    static final Oid SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.1347.43.5.1.1.28");
    static final Oid FIRMWARE_VERSION = Oid.parse("1.3.6.1.4.1.1347.43.5.4.1.5");
    static final Oid MARKER_SERVICE_COUNT = Oid.parse("1.3.6.1.4.1.1347.43.10.1.1.12");
    /** Printed pages per function: rows end in the function. */
    static final Oid FUNCTION_TOTALS = Oid.parse("1.3.6.1.4.1.1347.42.3.1.1.1");
    /** Printed pages per function and colour mode: rows end in function, colour mode. */
    static final Oid FUNCTION_COLOR_COUNTS = Oid.parse("1.3.6.1.4.1.1347.42.3.1.2.1.1");
    /** Scanned pages per function: rows end in the function. */
    static final Oid SCAN_COUNTS = Oid.parse("1.3.6.1.4.1.1347.42.3.1.3.1.1");
    /** Scans not tied to copy or fax (scan to network, USB...). */
    static final Oid OTHER_SCAN_COUNTS = Oid.parse("1.3.6.1.4.1.1347.42.3.1.4.1.1");

    static final OidPlan PLAN = OidPlan.builder()
            .column(MODEL_NAME).column(SERIAL_NUMBER).column(FIRMWARE_VERSION).column(MARKER_SERVICE_COUNT)
            .column(FUNCTION_TOTALS).column(FUNCTION_COLOR_COUNTS).column(SCAN_COUNTS).column(OTHER_SCAN_COUNTS)
            .build();

    /** Kyocera's function numbers. */
    private static final Map<Long, String> FUNCTIONS = Map.of(1L, "print", 2L, "copy", 4L, "fax");
    /** Colour modes every source agrees on; mode 2 is described differently by different notes. */
    private static final Map<Long, String> COLOR_MODES = Map.of(1L, "mono", 3L, "color");
    /** A JetDirect card's sysDescr: the device answers HP's MIB, not Kyocera's (see README). */
    private static final Pattern JETDIRECT = Pattern.compile("^HP ETHERNET MULTI-ENVIRONMENT");

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public boolean appliesTo(DeviceFacts device) {
        return !JETDIRECT.matcher(device.sysDescr()).find();
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        first(snapshot, MODEL_NAME).flatMap(VendorText::of).ifPresent(reading::model);
        VendorText.serial(first(snapshot, SERIAL_NUMBER).flatMap(VendorText::of)).ifPresent(reading::serialNumber);
        first(snapshot, FIRMWARE_VERSION).flatMap(VendorText::of).ifPresent(reading::firmware);
        first(snapshot, MARKER_SERVICE_COUNT).map(VendorCounters::count).filter(OptionalLong::isPresent)
                .ifPresent(n -> reading.meter("kyocera.markerServiceCount", n.getAsLong(), MeterUnit.IMPRESSIONS));

        rows(snapshot, FUNCTION_TOTALS, 1).forEach((index, value) ->
                put(reading, functionName(last(index, 0)), value));
        rows(snapshot, FUNCTION_COLOR_COUNTS, 2).forEach((index, value) -> {
            long mode = last(index, 0);
            String colour = COLOR_MODES.getOrDefault(mode, "colorMode" + mode);
            String name = functionName(last(index, 1)) + "." + colour;
            put(reading, COLOR_MODES.containsKey(mode) ? name : vendorName(name), value);
        });
        rows(snapshot, SCAN_COUNTS, 1).forEach((index, value) -> {
            long function = last(index, 0);
            put(reading, function == 2 ? "scan.copy" : function == 4 ? "scan.fax" : "kyocera.scan.function" + function,
                    value);
        });
        rows(snapshot, OTHER_SCAN_COUNTS, 1).forEach((index, value) -> put(reading, "scan.other", value));
    }

    private static String functionName(long function) {
        String name = FUNCTIONS.get(function);
        return name != null ? name : "kyocera.function" + function;
    }

    private static String vendorName(String name) {
        return name.startsWith("kyocera.") ? name : "kyocera." + name;
    }

    private static void put(ReadingBuilder reading, String meter, SnmpValue value) {
        OptionalLong count = VendorCounters.count(value);
        // the first row of a meter wins: a table walked with an extra index arc lists each once anyway
        if (count.isPresent() && !reading.meters().containsKey(meter)) {
            reading.meter(meter, count.getAsLong(), MeterUnit.IMPRESSIONS);
        }
    }

    /**
     * The rows whose index is the {@code arcs} key arcs, alone or after one leading 1 (the value column
     * or an hrDeviceIndex, depending on the firmware); rows of any other shape belong to objects this
     * mapper does not know and are left alone.
     */
    private static NavigableMap<Oid, SnmpValue> rows(Snapshot snapshot, Oid table, int arcs) {
        NavigableMap<Oid, SnmpValue> rows = snapshot.column(table);
        rows.keySet().removeIf(index -> !(index.size() == arcs || index.size() == arcs + 1 && index.arc(0) == 1));
        return rows;
    }

    private static long last(Oid index, int fromEnd) {
        return index.arc(index.size() - 1 - fromEnd);
    }

    /** The value of the first row of a column indexed by hrDeviceIndex (the printer is row 1 in practice). */
    private static java.util.Optional<SnmpValue> first(Snapshot snapshot, Oid column) {
        NavigableMap<Oid, SnmpValue> rows = snapshot.column(column);
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.firstEntry().getValue());
    }
}
