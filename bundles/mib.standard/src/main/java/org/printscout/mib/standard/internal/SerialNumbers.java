package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.PRT_GENERAL_SERIAL_NUMBER;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * The printer's serial number from the standard MIBs: prtGeneralSerialNumber of the printer's row,
 * else the first row that has one; if the Printer MIB has none, an "SN:" (or "S/N") field of
 * sysDescr, which is where HP JetDirect cards put it. Serial numbers kept in private MIBs are the
 * vendor mappers' job.
 */
final class SerialNumbers {

    /** Values devices send when they have no serial number to tell. */
    private static final Set<String> PLACEHOLDERS = Set.of("unknown", "none", "n/a", "na", "not available",
            "not set", "null", "default", "serial number", "-");
    private static final Pattern FILLER = Pattern.compile("[0x?*\\s.-]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SYS_DESCR_SERIAL = Pattern.compile(
            "(?:^|[\\s,;])S/?N(?:\\s*[:=#]\\s*|\\s+)([A-Za-z0-9][A-Za-z0-9-]{3,})");

    private SerialNumbers() {
    }

    static Optional<String> select(Snapshot snapshot, Optional<Oid> printer, Optional<String> sysDescr) {
        Map<Oid, SnmpValue> serials = snapshot.column(PRT_GENERAL_SERIAL_NUMBER);
        Optional<String> ofPrinter = printer.map(serials::get).flatMap(SerialNumbers::usable);
        if (ofPrinter.isPresent()) {
            return ofPrinter;
        }
        for (SnmpValue value : serials.values()) {
            Optional<String> serial = usable(value);
            if (serial.isPresent()) {
                return serial;
            }
        }
        return sysDescr.flatMap(SerialNumbers::fromSysDescr);
    }

    static Optional<String> fromSysDescr(String sysDescr) {
        Matcher m = SYS_DESCR_SERIAL.matcher(sysDescr);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> usable(SnmpValue value) {
        return DeviceText.of(value).filter(s -> !isPlaceholder(s));
    }

    static boolean isPlaceholder(String serial) {
        return PLACEHOLDERS.contains(serial.toLowerCase(Locale.ROOT)) || FILLER.matcher(serial).matches();
    }
}
