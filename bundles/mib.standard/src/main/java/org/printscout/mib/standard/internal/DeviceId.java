package org.printscout.mib.standard.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

/**
 * The IEEE 1284 Device ID a printer publishes ({@code MFG:Hewlett-Packard;MDL:HP LaserJet M452nw;...}):
 * keys and values separated by ':', pairs by ';', keys case-insensitive, with the long spellings
 * MANUFACTURER and MODEL. It names make and model where sysDescr and hrDeviceDescr are missing or
 * generic (a print server's sysDescr, a "Generic" OEM description).
 */
final class DeviceId {

    /** The PWG column first (any row), then the vendor copies. */
    private static final List<Oid> SCALARS = List.of(StandardOids.HP_IEEE1284_DEVICE_ID, StandardOids.BROTHER_IEEE1284_DEVICE_ID,
            StandardOids.XEROX_IEEE1284_DEVICE_ID);
    /** A Device ID is short; a longer value is not read past this (hostile devices send anything). */
    private static final int MAX_LENGTH = 4096;

    private DeviceId() {
    }

    /** The Device ID's keys (upper case) to values, from the first source the snapshot has. */
    static Map<String, String> of(Snapshot snapshot) {
        Optional<String> text = snapshot.column(StandardOids.PPM_PRINTER_IEEE1284_DEVICE_ID).values().stream()
                .flatMap(v -> DeviceText.of(v).stream()).findFirst();
        for (Oid scalar : SCALARS) {
            if (text.isPresent()) {
                break;
            }
            text = snapshot.get(scalar).flatMap(DeviceText::of);
        }
        return text.map(DeviceId::parse).orElse(Map.of());
    }

    static Map<String, String> parse(String deviceId) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = deviceId.length() > MAX_LENGTH ? deviceId.substring(0, MAX_LENGTH) : deviceId;
        for (String pair : text.split(";")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = pair.substring(0, colon).strip().toUpperCase(Locale.ROOT);
            String value = pair.substring(colon + 1).strip();
            if (!value.isEmpty()) {
                fields.putIfAbsent(key, value);
            }
        }
        return fields;
    }

    static Optional<String> manufacturer(Map<String, String> fields) {
        return Optional.ofNullable(fields.getOrDefault("MFG", fields.get("MANUFACTURER")));
    }

    static Optional<String> model(Map<String, String> fields) {
        return Optional.ofNullable(fields.getOrDefault("MDL", fields.get("MODEL")));
    }
}
