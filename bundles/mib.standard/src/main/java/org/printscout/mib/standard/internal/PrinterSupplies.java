package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_COLORANT_VALUE;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_SUPPLIES_ENTRY;
import static org.printscout.mib.standard.internal.StandardOids.SUPPLIES_COLORANT_INDEX;
import static org.printscout.mib.standard.internal.StandardOids.SUPPLIES_DESCRIPTION;
import static org.printscout.mib.standard.internal.StandardOids.SUPPLIES_LEVEL;
import static org.printscout.mib.standard.internal.StandardOids.SUPPLIES_MAX_CAPACITY;
import static org.printscout.mib.standard.internal.StandardOids.SUPPLIES_TYPE;
import static org.printscout.mib.standard.internal.StandardOids.SUPPLIES_UNIT;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.model.Supply;
import org.printscout.api.model.SupplyLevel;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * The Printer MIB's prtMarkerSuppliesTable as supplies. Levels keep the RFC 3805 meaning of -1
 * (other), -2 (unknown) and -3 (some remaining), and a column the device does not answer leaves
 * the level unknown rather than zero. The description is the device's text, cleaned only of
 * encoding damage (see {@link DeviceText}); a labelled part number in it ("..., PN 006R01509;SN...")
 * is also given as {@link Supply#partNumber()}, the description itself stays whole.
 */
final class PrinterSupplies {

    /** A part number the description labels as such: "PN 006R01509", "P/N: 123-4", "Part No. X1". */
    private static final Pattern PART_NUMBER = Pattern.compile(
            "\\b(?:P/?N|Part\\s*(?:No\\.?|Number))[:#\\s]\\s*([A-Za-z0-9][A-Za-z0-9./-]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HAS_DIGIT = Pattern.compile(".*\\d.*");

    private PrinterSupplies() {
    }

    static void map(Snapshot snapshot, ReadingBuilder reading) {
        // row index (hrDeviceIndex.prtMarkerSuppliesIndex) -> column number -> value
        Map<Oid, Map<Integer, SnmpValue>> rows = new TreeMap<>();
        int columnArc = PRT_MARKER_SUPPLIES_ENTRY.size();
        snapshot.subtree(PRT_MARKER_SUPPLIES_ENTRY).forEach((oid, value) -> {
            if (oid.size() > columnArc + 1) {
                Oid row = oid.suffixAfter(PRT_MARKER_SUPPLIES_ENTRY.append((int) oid.arc(columnArc)));
                rows.computeIfAbsent(row, r -> new HashMap<>()).put((int) oid.arc(columnArc), value);
            }
        });
        rows.forEach((row, columns) -> reading.supply(supply(snapshot, row, columns)));
    }

    private static Supply supply(Snapshot snapshot, Oid row, Map<Integer, SnmpValue> columns) {
        Optional<String> description = Optional.ofNullable(columns.get(SUPPLIES_DESCRIPTION)).flatMap(DeviceText::of);
        String type = number(columns, SUPPLIES_TYPE).stream().mapToObj(PrinterMibNames::supplyType).findFirst().orElse(null);
        String unit = number(columns, SUPPLIES_UNIT).stream().mapToObj(PrinterMibNames::supplyUnit).findFirst().orElse(null);
        SupplyLevel max = level(columns, SUPPLIES_MAX_CAPACITY);
        SupplyLevel level = level(columns, SUPPLIES_LEVEL);
        String colorant = colorant(snapshot, row, number(columns, SUPPLIES_COLORANT_INDEX)).orElse(null);
        String partNumber = description.flatMap(PrinterSupplies::partNumber).orElse(null);
        int index = (int) row.arc(row.size() - 1);
        return new Supply(index, description.orElse(null), type, colorant, unit, level, max, partNumber);
    }

    private static OptionalLong number(Map<Integer, SnmpValue> columns, int column) {
        SnmpValue value = columns.get(column);
        return value == null ? OptionalLong.empty() : value.asLong();
    }

    private static SupplyLevel level(Map<Integer, SnmpValue> columns, int column) {
        OptionalLong raw = number(columns, column);
        return raw.isPresent() ? SupplyLevel.ofPrinterMib(raw.getAsLong()) : SupplyLevel.UNKNOWN;
    }

    /** prtMarkerColorantValue of the supply's colorant; index 0 means the supply has none. */
    private static Optional<String> colorant(Snapshot snapshot, Oid row, OptionalLong colorantIndex) {
        if (colorantIndex.isEmpty() || colorantIndex.getAsLong() <= 0 || row.size() < 2) {
            return Optional.empty();
        }
        Oid device = Oid.of((int) row.arc(0));
        return snapshot.get(PRT_MARKER_COLORANT_VALUE.append(device).append((int) colorantIndex.getAsLong()))
                .flatMap(DeviceText::of);
    }

    static Optional<String> partNumber(String description) {
        Matcher m = PART_NUMBER.matcher(description);
        while (m.find()) {
            String candidate = m.group(1);
            if (HAS_DIGIT.matcher(candidate).matches()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
