package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_CODE;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_DESCRIPTION;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_GROUP;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_GROUP_INDEX;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_SEVERITY_LEVEL;
import static org.printscout.mib.standard.internal.StandardOids.PRT_CONSOLE_DISPLAY_BUFFER_TEXT;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

import org.printscout.api.model.Alert;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * What the printer tells its operator: the Printer MIB alert table (prtAlertTable, the active
 * alerts) and the console display lines (prtConsoleDisplayBufferText). Both tables are indexed by
 * hrDeviceIndex first. Alerts of every device are kept, since an alert of an attached finisher
 * ("stacker full") stops the printer as well; console lines are taken from the printer's own
 * console when it has one, so the lines of two consoles are not interleaved.
 */
final class PrinterAlerts {

    private PrinterAlerts() {
    }

    static void map(Snapshot snapshot, Optional<Oid> printer, ReadingBuilder reading) {
        mapAlerts(snapshot, reading);
        mapConsole(snapshot, printer, reading);
    }

    private static void mapAlerts(Snapshot snapshot, ReadingBuilder reading) {
        NavigableMap<Oid, SnmpValue> severities = snapshot.column(PRT_ALERT_SEVERITY_LEVEL);
        NavigableMap<Oid, SnmpValue> groups = snapshot.column(PRT_ALERT_GROUP);
        NavigableMap<Oid, SnmpValue> groupIndexes = snapshot.column(PRT_ALERT_GROUP_INDEX);
        NavigableMap<Oid, SnmpValue> codes = snapshot.column(PRT_ALERT_CODE);
        NavigableMap<Oid, SnmpValue> descriptions = snapshot.column(PRT_ALERT_DESCRIPTION);
        TreeSet<Oid> rows = new TreeSet<>();
        rows.addAll(severities.keySet());
        rows.addAll(codes.keySet());
        rows.addAll(descriptions.keySet());
        for (Oid row : rows) {
            int index = (int) row.arc(row.size() - 1);
            String severity = number(severities, row).stream().mapToObj(PrinterMibNames::alertSeverity)
                    .findFirst().orElse(null);
            String group = number(groups, row).stream().mapToObj(PrinterMibNames::alertGroup).findFirst().orElse(null);
            // RFC 3805: -1 when the alert is not about one entry of its group's table
            int groupIndex = (int) number(groupIndexes, row).orElse(-1);
            String code = number(codes, row).stream().mapToObj(PrinterMibNames::alertCode).findFirst().orElse(null);
            String description = Optional.ofNullable(descriptions.get(row)).flatMap(DeviceText::of).orElse(null);
            reading.alert(new Alert(index, severity, group, groupIndex, code, description));
        }
    }

    private static OptionalLong number(Map<Oid, SnmpValue> column, Oid row) {
        SnmpValue value = column.get(row);
        return value == null ? OptionalLong.empty() : value.asLong();
    }

    private static void mapConsole(Snapshot snapshot, Optional<Oid> printer, ReadingBuilder reading) {
        NavigableMap<Oid, SnmpValue> lines = snapshot.column(PRT_CONSOLE_DISPLAY_BUFFER_TEXT);
        boolean printerHasLines = printer.isPresent()
                && lines.keySet().stream().anyMatch(row -> row.arc(0) == printer.get().arc(0));
        lines.forEach((row, text) -> {
            if (!printerHasLines || row.arc(0) == printer.get().arc(0)) {
                DeviceText.of(text).ifPresent(reading::consoleLine);
            }
        });
    }
}
