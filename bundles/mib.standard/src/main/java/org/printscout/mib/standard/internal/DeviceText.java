package org.printscout.mib.standard.internal;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.printscout.api.snmp.SnmpValue;

/**
 * Turns the OCTET STRING text a printer sends into display text: cut at the first NUL (firmware
 * often sends C strings with garbage after the terminator), decoded as UTF-8 or else ISO-8859-1,
 * control characters dropped, white space collapsed.
 *
 * <p>It also repairs one kind of damage: a value that went through net-snmp's Hex-STRING output and
 * came back as text, where the device's bytes appear as a dump of hex byte pairs ("41 42 43 00"),
 * sometimes after the first characters of the original text (one recording of an HP M880 has
 * "Black Cartridge \n38 32 37 41 ..."). A line made only of hex byte pairs that decodes to
 * printable text is replaced by that text, joined to the line before without a separator, since a
 * hex dump breaks lines by byte count, not between words.
 */
final class DeviceText {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HEX_PAIRS = Pattern.compile("\\s*[0-9A-Fa-f]{2}(?:[ \\t]+[0-9A-Fa-f]{2})*\\s*");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    /** A value that is a hex dump as a whole needs more than a pair or two to be told from text like "12". */
    private static final int MIN_PAIRS_OF_WHOLE_DUMP = 3;

    private DeviceText() {
    }

    /** The cleaned text of an OCTET STRING (or any value's display text); empty when nothing is left. */
    static Optional<String> of(SnmpValue value) {
        String text = decode(value);
        String cleaned = WHITE_SPACE.matcher(repairHexDump(text)).replaceAll(" ").strip();
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned);
    }

    /** The value's text with line breaks kept, before hex-dump repair and white-space collapsing. */
    private static String decode(SnmpValue value) {
        byte[] raw = value.asBytes();
        if (raw.length == 0) {
            return value.asText();
        }
        return dropControlCharacters(decodeBytes(untilNul(raw)));
    }

    private static String repairHexDump(String text) {
        String[] lines = text.split("\r?\n", -1);
        boolean wholeValueIsDump = true;
        for (String line : lines) {
            if (!line.isBlank() && !HEX_PAIRS.matcher(line).matches()) {
                wholeValueIsDump = false;
                break;
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        // consecutive dump lines are decoded together: a dump breaks lines by byte count, which may
        // split a multi-byte character
        ByteArrayOutputStream dumped = new ByteArrayOutputStream();
        boolean previousWasLiteral = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean mayBeDump = i > 0 || wholeValueIsDump && pairCount(line) >= MIN_PAIRS_OF_WHOLE_DUMP;
            Optional<DumpLine> dump = mayBeDump ? dumpLine(line) : Optional.empty();
            if (dump.isPresent()) {
                dumped.writeBytes(dump.get().bytes());
                if (dump.get().endsValue()) {
                    break;
                }
                previousWasLiteral = false;
            } else {
                out.append(decodeBytes(dumped.toByteArray()));
                dumped.reset();
                if (previousWasLiteral) {
                    out.append(' ');
                }
                out.append(line);
                previousWasLiteral = true;
            }
        }
        return out.append(decodeBytes(dumped.toByteArray())).toString();
    }

    /** The bytes of one dump line, up to a NUL; {@code endsValue} when it held that terminating NUL. */
    private record DumpLine(byte[] bytes, boolean endsValue) {
    }

    private static Optional<DumpLine> dumpLine(String line) {
        if (line.isBlank() || !HEX_PAIRS.matcher(line).matches()) {
            return Optional.empty();
        }
        byte[] bytes = HEX.parseHex(line.replaceAll("\\s+", ""));
        byte[] value = untilNul(bytes);
        for (byte b : value) {
            // ASCII control characters mean binary data, not text; bytes >= 0x80 may be UTF-8 or Latin-1
            if (b >= 0 && b < 0x20 && b != '\t' || b == 0x7f) {
                return Optional.empty();
            }
        }
        return Optional.of(new DumpLine(value, value.length < bytes.length));
    }

    private static int pairCount(String line) {
        return line.replaceAll("\\s+", "").length() / 2;
    }

    private static byte[] untilNul(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                byte[] cut = new byte[i];
                System.arraycopy(raw, 0, cut, 0, i);
                return cut;
            }
        }
        return raw;
    }

    private static String decodeBytes(byte[] raw) {
        return SnmpValue.decodeText(raw);
    }

    private static String dropControlCharacters(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7f || c == '\t' || c == '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
