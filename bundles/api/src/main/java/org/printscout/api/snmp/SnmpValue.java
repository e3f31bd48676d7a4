package org.printscout.api.snmp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One SNMP value as a device sent it. Immutable. Numbers are kept as {@code long} (Counter64 values
 * above 2^63 wrap, which no printer meter reaches); strings are kept as the raw octets because
 * devices send text, MAC addresses and bitmasks in the same OCTET STRING type.
 */
public final class SnmpValue {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final SnmpType type;
    private final long number;
    private final byte[] octets;
    private final Oid oid;

    private SnmpValue(SnmpType type, long number, byte[] octets, Oid oid) {
        this.type = type;
        this.number = number;
        this.octets = octets;
        this.oid = oid;
    }

    public static SnmpValue integer(long value) {
        return number(SnmpType.INTEGER, value);
    }

    public static SnmpValue number(SnmpType type, long value) {
        if (!type.isNumeric()) {
            throw new IllegalArgumentException(type + " is not a numeric type");
        }
        return new SnmpValue(type, value, null, null);
    }

    public static SnmpValue octets(byte[] value) {
        return new SnmpValue(SnmpType.OCTET_STRING, 0, value.clone(), null);
    }

    public static SnmpValue text(String value) {
        return new SnmpValue(SnmpType.OCTET_STRING, 0, value.getBytes(StandardCharsets.UTF_8), null);
    }

    public static SnmpValue ipAddress(byte[] address) {
        if (address.length != 4) {
            throw new IllegalArgumentException("IpAddress needs 4 octets, got " + address.length);
        }
        return new SnmpValue(SnmpType.IP_ADDRESS, 0, address.clone(), null);
    }

    public static SnmpValue opaque(byte[] value) {
        return new SnmpValue(SnmpType.OPAQUE, 0, value.clone(), null);
    }

    public static SnmpValue objectId(Oid value) {
        return new SnmpValue(SnmpType.OBJECT_IDENTIFIER, 0, null, value);
    }

    public static SnmpValue nullValue() {
        return new SnmpValue(SnmpType.NULL, 0, null, null);
    }

    /** One of the SNMPv2 exceptions: noSuchObject, noSuchInstance, endOfMibView. */
    public static SnmpValue exception(SnmpType type) {
        if (!type.isException()) {
            throw new IllegalArgumentException(type + " is not an exception value");
        }
        return new SnmpValue(type, 0, null, null);
    }

    public SnmpType type() {
        return type;
    }

    /** True for an actual value, false for NULL and the v2 exceptions. */
    public boolean isPresent() {
        return !type.isException() && type != SnmpType.NULL;
    }

    /** The number, for numeric types; empty otherwise. */
    public OptionalLong asLong() {
        if (type.isNumeric()) {
            return OptionalLong.of(number);
        }
        return OptionalLong.empty();
    }

    /** The raw octets of an OCTET STRING, IpAddress or Opaque; an empty array for other types. */
    public byte[] asBytes() {
        return octets == null ? new byte[0] : octets.clone();
    }

    public Optional<Oid> asOid() {
        return Optional.ofNullable(oid);
    }

    /**
     * The value as display text: strings decoded as UTF-8 (or ISO-8859-1 when the octets are not
     * valid UTF-8), with control characters other than tab and newline removed and trailing NULs and
     * blanks trimmed; numbers in decimal; OIDs dotted; IpAddress dotted-quad.
     */
    public String asText() {
        switch (type) {
            case OCTET_STRING:
            case OPAQUE:
                return cleanText(decodeText(octets));
            case IP_ADDRESS:
                return (octets[0] & 0xff) + "." + (octets[1] & 0xff) + "." + (octets[2] & 0xff) + "." + (octets[3] & 0xff);
            case OBJECT_IDENTIFIER:
                return oid.toString();
            case NULL:
                return "";
            default:
                if (type.isException()) {
                    return "";
                }
                return Long.toString(number);
        }
    }

    /** The octets as upper-case hex without separators (empty for non-octet types). */
    public String asHex() {
        return octets == null ? "" : HEX.formatHex(octets);
    }

    /** True when the octets are printable text (UTF-8 or Latin-1), as opposed to binary data. */
    public boolean isPrintable() {
        if (octets == null) {
            return false;
        }
        int end = octets.length;
        while (end > 0 && octets[end - 1] == 0) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            int b = octets[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
            if (b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Octets as text: UTF-8 when they are valid UTF-8, else ISO-8859-1 (what devices that are not
     * UTF-8 overwhelmingly send). Nothing is removed or trimmed.
     */
    public static String decodeText(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    private static String cleanText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7f || c == '\t' || c == '\n') {
                sb.append(c);
            }
        }
        return sb.toString().strip();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnmpValue v && v.type == type && v.number == number
                && Arrays.equals(v.octets, octets) && java.util.Objects.equals(v.oid, oid);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Long.hashCode(number) * 17 + Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        if (type == SnmpType.OCTET_STRING && !isPrintable()) {
            return type + ":0x" + asHex();
        }
        return type + ":" + asText();
    }
}
