package org.printscout.mib.support;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;

/**
 * Text from vendor OCTET STRINGs, repaired only where agents or the tools that recorded them are
 * known to mangle it:
 * <ul>
 *   <li>control octets are dropped (HP's PML objects start with two of them, {@code 01 15});</li>
 *   <li>a value that went through net-snmp's Hex-STRING output as text comes back as its first
 *       characters, a newline, then the rest as hex byte pairs ({@code "HP LaserJet MF\n50 20 4D ..."}):
 *       every such hex line is decoded and joined to the text without a separator;</li>
 *   <li>white space is collapsed.</li>
 * </ul>
 * Numbers are given in decimal. Nothing is ever thrown: a value that cannot be read is empty.
 */
public final class VendorText {

    private static final Pattern HEX_DUMP_LINE = Pattern.compile("(?:[0-9A-Fa-f]{2} ?)+");
    private static final Pattern HEX_TEXT = Pattern.compile("(?:[0-9A-Fa-f]{2})+");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern FILLER = Pattern.compile("[0x?*\\s.-]*", Pattern.CASE_INSENSITIVE);
    /** Values devices send when they have no serial number to tell. */
    private static final Set<String> PLACEHOLDERS = Set.of("unknown", "none", "n/a", "na", "not available",
            "not set", "null", "default", "serial number", "-");

    private VendorText() {
    }

    /** The repaired text at {@code oid}; empty when absent or blank. */
    public static Optional<String> of(Snapshot snapshot, org.printscout.api.snmp.Oid oid) {
        return snapshot.get(oid).flatMap(VendorText::of);
    }

    /** The repaired text of one value; empty when blank. */
    public static Optional<String> of(SnmpValue value) {
        if (value.type() != SnmpType.OCTET_STRING && value.type() != SnmpType.OPAQUE) {
            return nonBlank(value.asText());
        }
        byte[] raw = value.asBytes();
        StringBuilder text = new StringBuilder();
        for (String line : decode(raw).split("\n", -1)) {
            String kept = withoutControls(line);
            if (text.length() > 0 && HEX_DUMP_LINE.matcher(kept.strip()).matches()) {
                text.append(decodeHexPairs(kept.replace(" ", "")));
            } else {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(kept);
            }
        }
        return nonBlank(WHITE_SPACE.matcher(text).replaceAll(" ").strip());
    }

    /**
     * The text, or what it spells when it is itself hex-encoded text ({@code "5A5443"} is {@code "ZTC"}):
     * for objects whose vendor sends either form. Hex is decoded only when every pair gives a printable
     * ASCII character, so a value that merely looks like hex but spells control codes stays as it is.
     */
    public static Optional<String> ofTextOrHex(SnmpValue value) {
        return of(value).map(text -> {
            if (text.length() >= 4 && HEX_TEXT.matcher(text).matches()) {
                String decoded = decodeHexPairs(text);
                if (!decoded.isEmpty() && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    return decoded.strip();
                }
            }
            return text;
        }).filter(s -> !s.isEmpty());
    }

    /** A serial number: the repaired text, unless it is a placeholder such as "unknown" or "0000000". */
    public static Optional<String> serial(Optional<String> text) {
        return text.filter(s -> !isPlaceholder(s));
    }

    static boolean isPlaceholder(String serial) {
        return PLACEHOLDERS.contains(serial.toLowerCase(Locale.ROOT)) || FILLER.matcher(serial).matches();
    }

    private static String decode(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        byte[] cut = end == raw.length ? raw : java.util.Arrays.copyOf(raw, end);
        String utf8 = new String(cut, StandardCharsets.UTF_8);
        // U+FFFD means the octets were not UTF-8: read them as Latin-1 instead of losing them
        return utf8.indexOf('\uFFFD') >= 0 ? new String(cut, StandardCharsets.ISO_8859_1) : utf8;
    }

    private static String withoutControls(String line) {
        StringBuilder kept = new StringBuilder(line.length());
        line.codePoints().filter(c -> c >= 0x20 && c != 0x7f || c == '\t').forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String decodeHexPairs(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return withoutControls(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
