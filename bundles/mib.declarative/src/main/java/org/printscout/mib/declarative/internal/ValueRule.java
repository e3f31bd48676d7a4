package org.printscout.mib.declarative.internal;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpValue;

/**
 * One {@code <value>} (or supply column) of a mapping: where a value is read and how it is
 * transformed, always in the same order: decode, regex (first group), strip, then for numbers parse,
 * multiply, divide. A fixed order keeps the file format attribute-only and a rule readable at a glance.
 *
 * @param oid the scalar OID, or for a supply column the column OID
 * @param regex searched in the decoded text; the first group (the whole match if it has none) is kept
 * @param multiply 1 when absent
 * @param divide 1 when absent; integer division rounds down
 * @param line where the rule is in its file, for messages
 */
record ValueRule(Oid oid, Decode decode, Pattern regex, long multiply, long divide, int line) {

    private static final Pattern HEX_DIGITS = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9][0-9,]*");

    boolean scales() {
        return multiply != 1 || divide != 1;
    }

    /** The value as text after decode and regex; blank counts as missing. */
    Outcome<String> text(SnmpValue value) {
        if (value == null) {
            return Outcome.missing(oid + " is not in the snapshot");
        }
        Outcome<String> decoded = decode(value);
        if (!decoded.present()) {
            return decoded;
        }
        String text = decoded.value();
        if (regex != null) {
            Matcher m = regex.matcher(text);
            if (!m.find()) {
                return Outcome.missing(oid + ": regex '" + regex.pattern() + "' does not match '" + text + "'");
            }
            text = m.groupCount() >= 1 ? m.group(1) : m.group();
            if (text == null) {
                return Outcome.missing(oid + ": regex '" + regex.pattern() + "' matched without its first group");
            }
        }
        text = text.strip();
        if (text.isEmpty()) {
            return Outcome.missing(oid + " is empty");
        }
        return Outcome.of(text);
    }

    /** The value as an integer before multiply and divide: a number type as is, text parsed. */
    Outcome<Long> rawNumber(SnmpValue value) {
        if (value != null && value.type().isNumeric() && decode == Decode.TEXT && regex == null) {
            return Outcome.of(value.asLong().getAsLong());
        }
        Outcome<String> text = text(value);
        if (!text.present()) {
            return Outcome.missing(text.reason());
        }
        String digits = text.value();
        if (!INTEGER.matcher(digits).matches()) {
            return Outcome.missing(oid + ": '" + digits + "' is not a whole number"
                    + (regex == null ? " (a regex can pick the number out of the text)" : ""));
        }
        try {
            return Outcome.of(Long.parseLong(digits.replace(",", "").replace("+", "")));
        } catch (NumberFormatException e) {
            return Outcome.missing(oid + ": '" + digits + "' is too large");
        }
    }

    /** The number after multiply and divide. */
    Outcome<Long> number(SnmpValue value) {
        Outcome<Long> raw = rawNumber(value);
        if (!raw.present()) {
            return raw;
        }
        return scale(raw.value());
    }

    Outcome<Long> scale(long raw) {
        try {
            return Outcome.of(Math.floorDiv(Math.multiplyExact(raw, multiply), divide));
        } catch (ArithmeticException e) {
            return Outcome.missing(oid + ": " + raw + " × " + multiply + " does not fit a 64-bit meter");
        }
    }

    private Outcome<String> decode(SnmpValue value) {
        switch (decode) {
            case HEX:
                if (value.asBytes().length == 0) {
                    return Outcome.missing(oid + " has no octets to show as hex");
                }
                return Outcome.of(value.asHex());
            case HEX_TEXT: {
                String digits = value.asText().replaceAll("[\\s:]", "");
                if (digits.length() % 2 != 0 || !HEX_DIGITS.matcher(digits).matches()) {
                    return Outcome.missing(oid + ": '" + value.asText() + "' is not a hex string");
                }
                return Outcome.of(SnmpValue.octets(HexFormat.of().parseHex(digits)).asText());
            }
            case MAC: {
                String mac = macAddress(value);
                return mac == null ? Outcome.missing(oid + ": " + value + " is not a MAC address") : Outcome.of(mac);
            }
            case TEXT:
            default:
                return Outcome.of(value.asText());
        }
    }

    /** Six octets, or text of twelve hex digits with or without separators, as AA:BB:CC:DD:EE:FF; else null. */
    static String macAddress(SnmpValue value) {
        byte[] octets = value.asBytes();
        // six octets are a binary MAC even when they happen to be printable: text MACs are 12+ characters
        if (octets.length == 6) {
            return formatMac(HexFormat.of().formatHex(octets));
        }
        return macAddress(value.asText());
    }

    static String macAddress(String text) {
        String digits = text.strip().replaceAll("[:\\-. ]", "");
        if (digits.length() != 12 || !HEX_DIGITS.matcher(digits).matches()) {
            return null;
        }
        return formatMac(digits);
    }

    private static String formatMac(String twelveHexDigits) {
        String upper = twelveHexDigits.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(upper, i, i + 2);
        }
        return sb.toString();
    }
}
