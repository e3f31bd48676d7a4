package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.IC_IMAGE_TOTAL_IMAGES;
import static org.printscout.mib.standard.internal.StandardOids.IC_IMPRESSION_FULL_COLOR_IMPS;
import static org.printscout.mib.standard.internal.StandardOids.IC_IMPRESSION_MONOCHROME_IMPS;
import static org.printscout.mib.standard.internal.StandardOids.IC_IMPRESSION_TOTAL_IMPS;
import static org.printscout.mib.standard.internal.StandardOids.IC_KEY_ENTRY;
import static org.printscout.mib.standard.internal.StandardOids.IC_KEY_SERVICE_TYPE;
import static org.printscout.mib.standard.internal.StandardOids.IC_KEY_SUBUNIT_INDEX;
import static org.printscout.mib.standard.internal.StandardOids.IC_SHEET_TOTAL_SHEETS;
import static org.printscout.mib.standard.internal.StandardOids.IC_TWO_SIDED_TOTAL_IMPS;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_COUNTER_UNIT;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_LIFE_COUNT;

import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Set;

import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * Page counters from the standard MIBs, under the normalised meter names (see docs/mib-standard.md).
 *
 * <p>Printer MIB: {@code total} is prtMarkerLifeCount in its prtMarkerCounterUnit. A device with
 * several markers (RFC 3805 models each print engine as one marker, e.g. tandem engines) counts
 * each engine's own output, so the total is their sum; markers counting in a different unit from
 * the first one are left out rather than added as if they were the same thing.
 *
 * <p>PWG Imaging System Counter MIB (PWG 5106.3), where the device has it: the lifetime work
 * totals of the systemTotals key give {@code total}, {@code mono}, {@code color} (impressions),
 * {@code duplex} (two-sided impressions) and {@code sheets}; the print, copy and fax-in services
 * give {@code print}, {@code copy}, {@code fax} with {@code .mono} / {@code .color} splits, and the
 * scan service {@code scan} (images). Its {@code total} replaces the Printer MIB one, because it is
 * always impressions and always covers the whole system (unless it is 0 while a marker counts:
 * then the device merely lists the counter without keeping it).
 */
final class PageCounters {

    // IcServiceTypeTC, IcWorkTypeTC and IcPersistenceTC values
    private static final long SYSTEM_TOTALS = 3;
    private static final long COPY = 4;
    private static final long FAX_IN = 7;
    private static final long PRINT = 11;
    private static final long SCAN = 12;
    private static final int WORK_TOTALS = 3;
    private static final int LIFETIME = 3;

    private PageCounters() {
    }

    static void map(Snapshot snapshot, ReadingBuilder reading) {
        mapPrinterMib(snapshot, reading);
        mapImagingCounters(snapshot, reading);
    }

    private static void mapPrinterMib(Snapshot snapshot, ReadingBuilder reading) {
        NavigableMap<Oid, SnmpValue> counts = snapshot.column(PRT_MARKER_LIFE_COUNT);
        if (counts.isEmpty()) {
            return;
        }
        NavigableMap<Oid, SnmpValue> units = snapshot.column(PRT_MARKER_COUNTER_UNIT);
        OptionalLong firstUnit = unitCode(units, counts.firstKey());
        long total = 0;
        boolean any = false;
        for (Map.Entry<Oid, SnmpValue> marker : counts.entrySet()) {
            OptionalLong count = marker.getValue().asLong();
            if (count.isPresent() && count.getAsLong() >= 0 && unitCode(units, marker.getKey()).equals(firstUnit)) {
                total += count.getAsLong();
                any = true;
            }
        }
        if (any) {
            MeterUnit unit = firstUnit.isPresent() ? MeterUnit.ofPrinterMib(firstUnit.getAsLong()) : MeterUnit.OTHER;
            reading.meter("total", total, unit);
        }
    }

    private static OptionalLong unitCode(Map<Oid, SnmpValue> units, Oid marker) {
        SnmpValue unit = units.get(marker);
        return unit == null ? OptionalLong.empty() : unit.asLong();
    }

    private static void mapImagingCounters(Snapshot snapshot, ReadingBuilder reading) {
        NavigableMap<Oid, SnmpValue> serviceTypes = snapshot.column(IC_KEY_ENTRY.append(IC_KEY_SERVICE_TYPE));
        NavigableMap<Oid, SnmpValue> subunits = snapshot.column(IC_KEY_ENTRY.append(IC_KEY_SUBUNIT_INDEX));
        Set<Long> seen = new HashSet<>();
        for (Map.Entry<Oid, SnmpValue> key : serviceTypes.entrySet()) {
            long subunit = subunits.containsKey(key.getKey())
                    ? subunits.get(key.getKey()).asLong().orElse(0) : 0;
            OptionalLong service = key.getValue().asLong();
            // keys of subunits (a marker, a scanner...) count part of a service: only whole services,
            // and only the first key of each service type, are meters
            if (subunit != 0 || service.isEmpty() || !seen.add(service.getAsLong())) {
                continue;
            }
            Oid row = key.getKey().append(WORK_TOTALS, LIFETIME);
            long type = service.getAsLong();
            if (type == SYSTEM_TOTALS) {
                OptionalLong total = snapshot.number(IC_IMPRESSION_TOTAL_IMPS.append(row));
                // a zero next to a counting Printer MIB marker is an unimplemented counter, not a new printer
                if (total.isPresent() && (total.getAsLong() > 0 || !reading.meters().containsKey("total"))) {
                    put(snapshot, reading, "total", IC_IMPRESSION_TOTAL_IMPS, row, MeterUnit.IMPRESSIONS);
                }
                put(snapshot, reading, "mono", IC_IMPRESSION_MONOCHROME_IMPS, row, MeterUnit.IMPRESSIONS);
                put(snapshot, reading, "color", IC_IMPRESSION_FULL_COLOR_IMPS, row, MeterUnit.IMPRESSIONS);
                put(snapshot, reading, "duplex", IC_TWO_SIDED_TOTAL_IMPS, row, MeterUnit.IMPRESSIONS);
                put(snapshot, reading, "sheets", IC_SHEET_TOTAL_SHEETS, row, MeterUnit.SHEETS);
            } else if (type == PRINT || type == COPY || type == FAX_IN) {
                String name = type == PRINT ? "print" : type == COPY ? "copy" : "fax";
                put(snapshot, reading, name, IC_IMPRESSION_TOTAL_IMPS, row, MeterUnit.IMPRESSIONS);
                put(snapshot, reading, name + ".mono", IC_IMPRESSION_MONOCHROME_IMPS, row, MeterUnit.IMPRESSIONS);
                put(snapshot, reading, name + ".color", IC_IMPRESSION_FULL_COLOR_IMPS, row, MeterUnit.IMPRESSIONS);
            } else if (type == SCAN) {
                // MeterUnit has no "images"; a scanned image is one page side
                put(snapshot, reading, "scan", IC_IMAGE_TOTAL_IMAGES, row, MeterUnit.PAGES);
            }
        }
    }

    private static void put(Snapshot snapshot, ReadingBuilder reading, String name, Oid column, Oid row,
                            MeterUnit unit) {
        OptionalLong value = snapshot.number(column.append(row));
        if (value.isPresent() && value.getAsLong() >= 0) {
            reading.meter(name, value.getAsLong(), unit);
        }
    }
}
