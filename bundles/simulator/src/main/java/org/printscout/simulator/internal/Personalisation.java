package org.printscout.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;

/**
 * Makes the repeats of one recording distinct printers: an inventory keys devices by serial number
 * and MAC, so a thousand copies of fifty recordings must not collapse into fifty devices. Copy 0 is
 * the recording as it is; copy n gets serial numbers whose last four characters are {@code S} and n
 * in base 36, and MACs whose last three octets are shifted by n (the vendor prefix stays, since
 * recognising a vendor by it is legitimate).
 */
final class Personalisation {

    /** Where the recordings keep serial numbers (see testdata/printers/README.md); text values only. */
    private static final List<Oid> SERIAL_OIDS = List.of(
            Oid.parse("1.3.6.1.2.1.43.5.1.1.17"),          // prtGeneralSerialNumber (column)
            Oid.parse("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3"),  // HP serial-number
            Oid.parse("1.3.6.1.4.1.367.3.2.1.2.1.4"),       // Ricoh
            Oid.parse("1.3.6.1.4.1.683.1.5"),               // Zebra/ESI genSerialNumber
            Oid.parse("1.3.6.1.4.1.1347.43.5.1.1.28"),      // Kyocera
            Oid.parse("1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.1")); // Brother brInfoSerialNumber

    private static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    private static final Oid IF_PHYS_ADDRESS = Oid.parse("1.3.6.1.2.1.2.2.1.6");
    /** HP JetDirect puts the serial into sysDescr ("…,SN:VNCRC48198,…"). */
    private static final Pattern SERIAL_IN_DESCRIPTION = Pattern.compile("SN:([A-Za-z0-9]+)");

    private Personalisation() {
    }

    /** The values copy {@code copy} of {@code recording} serves differently; empty for copy 0. */
    static Map<Oid, SnmpValue> replacements(Snapshot recording, int copy) {
        Map<Oid, SnmpValue> replaced = new LinkedHashMap<>();
        if (copy == 0) {
            return replaced;
        }
        for (Oid root : SERIAL_OIDS) {
            recording.subtree(root).forEach((oid, value) -> {
                if (value.type() == SnmpType.OCTET_STRING && value.isPrintable() && !value.asText().isEmpty()) {
                    replaced.put(oid, SnmpValue.text(serial(value.asText(), copy)));
                }
            });
        }
        recording.get(SYS_DESCR).ifPresent(description -> {
            Matcher serial = SERIAL_IN_DESCRIPTION.matcher(description.asText());
            if (description.type() == SnmpType.OCTET_STRING && serial.find()) {
                String changed = description.asText().substring(0, serial.start(1)) + serial(serial.group(1), copy)
                        + description.asText().substring(serial.end(1));
                replaced.put(SYS_DESCR, SnmpValue.octets(changed.getBytes(StandardCharsets.UTF_8)));
            }
        });
        recording.subtree(IF_PHYS_ADDRESS).forEach((oid, value) -> {
            byte[] mac = value.asBytes();
            if (mac.length == 6 && !isZero(mac)) {
                int low = ((mac[3] & 0xff) << 16 | (mac[4] & 0xff) << 8 | (mac[5] & 0xff)) + copy;
                mac[3] = (byte) (low >> 16);
                mac[4] = (byte) (low >> 8);
                mac[5] = (byte) low;
                replaced.put(oid, SnmpValue.octets(mac));
            }
        });
        return replaced;
    }

    static String serial(String original, int copy) {
        String suffix = "S" + pad(Integer.toString(copy, 36).toUpperCase(Locale.ROOT), 3);
        if (original.length() <= suffix.length() + 2) {
            return original + suffix;
        }
        return original.substring(0, original.length() - suffix.length()) + suffix;
    }

    private static String pad(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
