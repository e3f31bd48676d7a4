package org.printscout.mib.support;

import java.util.Locale;
import java.util.Optional;

/**
 * An IEEE 1284 device ID ({@code MFG:HP;CMD:PJL,PCL;MDL:HP LaserJet MFP M129-M134;DES:...}), which
 * printers publish in several private MIBs. Keys are matched case-insensitively; agents differ in
 * whether they put a space after the separators.
 */
public final class DeviceIdString {

    private DeviceIdString() {
    }

    /** The value of the first of {@code keys} the string has, e.g. {@code field(id, "MDL", "MODEL")}. */
    public static Optional<String> field(String deviceId, String... keys) {
        for (String key : keys) {
            for (String part : deviceId.split(";")) {
                int colon = part.indexOf(':');
                if (colon > 0 && part.substring(0, colon).strip().toUpperCase(Locale.ROOT).equals(key)) {
                    String value = part.substring(colon + 1).strip();
                    if (!value.isEmpty()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
