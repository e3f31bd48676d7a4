package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_PRINTER;
import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_TYPE;
import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_TYPES;
import static org.printscout.mib.standard.internal.StandardOids.HR_PRINTER_ENTRY;
import static org.printscout.mib.standard.internal.StandardOids.PRT_GENERAL_SERIAL_NUMBER;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_COUNTER_UNIT;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_LIFE_COUNT;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_SUPPLIES_COLUMNS;
import static org.printscout.mib.standard.internal.StandardOids.SYS_DESCR;
import static org.printscout.mib.standard.internal.StandardOids.SYS_OBJECT_ID;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.regex.Pattern;

import org.printscout.api.mapper.OidPlan;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * Tells a printer from a host that merely lists printers, using only what the standard mapper's
 * plan fetches anyway ({@link #PLAN} is a subset of it).
 *
 * <p>A device is a printer when
 * <ol>
 *   <li>it implements the Printer MIB (RFC 3805): it has a marker (prtMarkerLifeCount or
 *       prtMarkerCounterUnit rows), marker supplies, or prtGeneralSerialNumber. Operating systems
 *       do not implement the Printer MIB for the queues they serve, so this alone is decisive; or</li>
 *   <li>its Host Resources device table has an hrDevicePrinter row with an hrPrinterTable entry
 *       (hrPrinterStatus or hrPrinterDetectedErrorState), and the Host Resources data does not come
 *       from a general-purpose host. Windows, and net-snmp on Linux, AIX or an appliance, list every
 *       print queue (even error lines of lpstat) as hrDevicePrinter, so the printer row alone
 *       proves nothing. Such a host is recognised by its sysObjectID (Microsoft, LAN Manager,
 *       net-snmp/UCD, Sun, IBM AIX, HP-UX), by a host-OS sysDescr ("Hardware: ... Software:
 *       Windows", "Linux ...", "AIX ..."), or by net-snmp's hrDeviceIndex numbering, in which every
 *       index is its device type shifted left by 8 or 16 bits (a printer queue is 1280 or 327680),
 *       which catches appliances that keep net-snmp but set their own sysObjectID and sysDescr.</li>
 * </ol>
 * Recognising a device by its vendor's sysObjectID alone is left to the vendor mappers.
 */
public final class PrinterRecognition {

    /** Everything {@link #isPrinter} reads. */
    public static final OidPlan PLAN = plan();

    private static final List<Oid> HOST_SYS_OBJECT_IDS = List.of(
            Oid.parse("1.3.6.1.4.1.311"),       // Microsoft
            Oid.parse("1.3.6.1.4.1.77"),        // LAN Manager (older Windows)
            Oid.parse("1.3.6.1.4.1.8072"),      // net-snmp
            Oid.parse("1.3.6.1.4.1.2021"),      // UCD-SNMP
            Oid.parse("1.3.6.1.4.1.42"),        // Sun
            Oid.parse("1.3.6.1.4.1.2.3.1.2"),   // IBM AIX
            Oid.parse("1.3.6.1.4.1.11.2.3.10")); // HP-UX (HP printers are 11.2.3.9)
    private static final Pattern HOST_SYS_DESCR = Pattern.compile(
            "^(?:Hardware:.*Software: Windows|Microsoft Windows|(?:Linux|AIX|SunOS|FreeBSD|NetBSD|OpenBSD|Darwin|HP-UX)\\s)",
            Pattern.DOTALL);

    private PrinterRecognition() {
    }

    private static OidPlan plan() {
        OidPlan.Builder plan = OidPlan.builder()
                .scalar(SYS_DESCR).scalar(SYS_OBJECT_ID)
                .column(HR_DEVICE_TYPE).column(HR_PRINTER_ENTRY)
                .column(PRT_GENERAL_SERIAL_NUMBER).column(PRT_MARKER_COUNTER_UNIT).column(PRT_MARKER_LIFE_COUNT);
        PRT_MARKER_SUPPLIES_COLUMNS.forEach(plan::column);
        return plan.build();
    }

    public static boolean isPrinter(Snapshot snapshot) {
        return implementsPrinterMib(snapshot) || hasHostResourcesPrinter(snapshot) && !isGeneralPurposeHost(snapshot);
    }

    static boolean implementsPrinterMib(Snapshot snapshot) {
        return !snapshot.subtree(PRT_MARKER_LIFE_COUNT).isEmpty()
                || !snapshot.subtree(PRT_MARKER_COUNTER_UNIT).isEmpty()
                || PRT_MARKER_SUPPLIES_COLUMNS.stream().anyMatch(column -> !snapshot.subtree(column).isEmpty())
                || !snapshot.subtree(PRT_GENERAL_SERIAL_NUMBER).isEmpty();
    }

    private static boolean hasHostResourcesPrinter(Snapshot snapshot) {
        for (Map.Entry<Oid, SnmpValue> row : snapshot.column(HR_DEVICE_TYPE).entrySet()) {
            if (row.getValue().asOid().filter(HR_DEVICE_PRINTER::equals).isPresent()
                    && (snapshot.get(HR_PRINTER_ENTRY.append(1).append(row.getKey())).isPresent()
                    || snapshot.get(HR_PRINTER_ENTRY.append(2).append(row.getKey())).isPresent())) {
                return true;
            }
        }
        return false;
    }

    static boolean isGeneralPurposeHost(Snapshot snapshot) {
        return generalPurposeHostEvidence(snapshot).isPresent();
    }

    /** What shows the Host Resources data to come from a general-purpose host, if anything does. */
    static Optional<String> generalPurposeHostEvidence(Snapshot snapshot) {
        Optional<Oid> sysObjectId = snapshot.get(SYS_OBJECT_ID).flatMap(SnmpValue::asOid);
        if (sysObjectId.filter(id -> HOST_SYS_OBJECT_IDS.stream().anyMatch(id::startsWith)).isPresent()) {
            return Optional.of("host sysObjectID " + sysObjectId.get());
        }
        if (snapshot.text(SYS_DESCR).filter(d -> HOST_SYS_DESCR.matcher(d).find()).isPresent()) {
            return Optional.of("host-OS sysDescr");
        }
        if (hasNetSnmpDeviceIndexes(snapshot.column(HR_DEVICE_TYPE))) {
            return Optional.of("net-snmp hrDeviceIndex numbering");
        }
        return Optional.empty();
    }

    /** True when every hrDeviceIndex is net-snmp's "type << 8 (or 16) + n". */
    private static boolean hasNetSnmpDeviceIndexes(NavigableMap<Oid, SnmpValue> types) {
        if (types.isEmpty()) {
            return false;
        }
        for (Map.Entry<Oid, SnmpValue> row : types.entrySet()) {
            Oid type = row.getValue().asOid().orElse(null);
            if (type == null || type.size() != HR_DEVICE_TYPES.size() + 1 || !type.startsWith(HR_DEVICE_TYPES)) {
                return false;
            }
            long typeArc = type.arc(type.size() - 1);
            long index = row.getKey().arc(0);
            if (index >> 8 != typeArc && index >> 16 != typeArc) {
                return false;
            }
        }
        return true;
    }
}
