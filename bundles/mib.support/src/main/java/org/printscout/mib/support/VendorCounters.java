package org.printscout.mib.support;

import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;

/**
 * Page counters as vendors send them: Integer32, Counter32, Gauge32 or Counter64, and on some
 * firmware a decimal number as text. Negative values (an Integer32 that overflowed, a Counter64
 * beyond 2^63, or -1 for "not supported") are not counts and are left out.
 */
public final class VendorCounters {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private VendorCounters() {
    }

    public static OptionalLong count(Snapshot snapshot, Oid oid) {
        return snapshot.get(oid).map(VendorCounters::count).orElse(OptionalLong.empty());
    }

    public static OptionalLong count(SnmpValue value) {
        if (value.type().isNumeric()) {
            if (value.type() == SnmpType.TIMETICKS) {
                return OptionalLong.empty();
            }
            long n = value.asLong().orElse(-1);
            return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
        }
        if (value.type() == SnmpType.OCTET_STRING) {
            String text = value.asText().strip();
            if (DIGITS.matcher(text).matches()) {
                return OptionalLong.of(Long.parseLong(text));
            }
        }
        return OptionalLong.empty();
    }
}
