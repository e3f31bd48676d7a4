package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_DESCR;
import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_PRINTER;
import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_STATUS;
import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_TYPE;
import static org.printscout.mib.standard.internal.StandardOids.HR_PRINTER_DETECTED_ERROR_STATE;
import static org.printscout.mib.standard.internal.StandardOids.HR_PRINTER_STATUS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;

/**
 * The printer's row of the Host Resources device table (RFC 2790) and what hangs off it: its
 * description, hrDeviceStatus, hrPrinterStatus and hrPrinterDetectedErrorState. The Printer MIB
 * indexes its tables by the same hrDeviceIndex, so the row found here also selects the Printer MIB
 * rows of the printer when a device has several.
 */
final class HostResources {

    private HostResources() {
    }

    /**
     * The hrDeviceIndex (as a one-arc OID) of the printer: the first hrDevicePrinter row; when the
     * agent does not give hrDeviceType, the first row of the hrPrinterTable (which only has printer
     * rows), else the first hrDeviceTable row.
     */
    static Optional<Oid> printerDevice(Snapshot snapshot) {
        NavigableMap<Oid, SnmpValue> types = snapshot.column(HR_DEVICE_TYPE);
        for (Map.Entry<Oid, SnmpValue> row : types.entrySet()) {
            if (row.getValue().asOid().filter(HR_DEVICE_PRINTER::equals).isPresent()) {
                return Optional.of(row.getKey());
            }
        }
        if (!types.isEmpty()) {
            return Optional.empty();
        }
        NavigableMap<Oid, SnmpValue> printers = snapshot.column(HR_PRINTER_STATUS);
        if (printers.isEmpty()) {
            printers = snapshot.column(HR_PRINTER_DETECTED_ERROR_STATE);
        }
        if (!printers.isEmpty()) {
            return Optional.of(printers.firstKey());
        }
        NavigableMap<Oid, SnmpValue> descriptions = snapshot.column(HR_DEVICE_DESCR);
        return descriptions.isEmpty() ? Optional.empty() : Optional.of(descriptions.firstKey());
    }

    /** hrDeviceDescr of the printer row. */
    static Optional<String> description(Snapshot snapshot, Optional<Oid> printer) {
        return printer.flatMap(row -> snapshot.get(HR_DEVICE_DESCR.append(row))).flatMap(DeviceText::of);
    }

    /** Device status, printer status and error conditions of the printer row. */
    static void mapStatus(Snapshot snapshot, Optional<Oid> printer, ReadingBuilder reading) {
        if (printer.isEmpty()) {
            return;
        }
        Oid row = printer.get();
        snapshot.number(HR_DEVICE_STATUS.append(row)).ifPresent(
                code -> reading.deviceStatus(PrinterMibNames.deviceStatus(code)));
        snapshot.number(HR_PRINTER_STATUS.append(row)).ifPresent(
                code -> reading.printerStatus(PrinterMibNames.printerStatus(code)));
        snapshot.get(HR_PRINTER_DETECTED_ERROR_STATE.append(row))
                .filter(v -> v.type() == SnmpType.OCTET_STRING)
                .ifPresent(v -> conditions(v.asBytes()).forEach(reading::condition));
    }

    /** The named conditions set in an hrPrinterDetectedErrorState bit string. */
    static List<String> conditions(byte[] errorState) {
        List<String> names = new ArrayList<>();
        List<String> bits = PrinterMibNames.ERROR_STATE_BITS;
        for (int bit = 0; bit < bits.size() && bit / 8 < errorState.length; bit++) {
            if ((errorState[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                names.add(bits.get(bit));
            }
        }
        return names;
    }
}
