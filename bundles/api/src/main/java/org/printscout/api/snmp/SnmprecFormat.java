package org.printscout.api.snmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code .snmprec} recording format of snmpsim: one {@code OID|TYPE|VALUE} line per variable,
 * TYPE the BER tag in decimal with a trailing {@code x} when VALUE is hex. Reading and writing here
 * means a Walk MIB output replays in the simulator and in mapper tests unchanged.
 */
public final class SnmprecFormat {

    private static final HexFormat HEX = HexFormat.of();

    private SnmprecFormat() {
    }

    /** A line that could not be read, with its number and the reason. */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        public FormatException(String source, int line, String problem) {
            super(source + ":" + line + ": " + problem);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Reads a whole recording. Blank lines and lines starting with '#' are skipped. */
    public static Snapshot read(Reader in, String sourceName) throws IOException {
        return read(in, sourceName, null);
    }

    /**
     * Reads a whole recording, skipping the lines that cannot be read instead of failing; each one is
     * handed to {@code skipped}. Real recordings carry the odd damaged line (an anonymised OID with
     * {@code xx} arcs, a corrupted counter such as {@code 6git3159}) and the rest of the device is
     * still worth replaying.
     */
    public static Snapshot readLenient(Reader in, String sourceName, Consumer<FormatException> skipped)
            throws IOException {
        return read(in, sourceName, java.util.Objects.requireNonNull(skipped, "skipped"));
    }

    /** {@code skipped == null} means strict: the first bad line fails the whole read. */
    private static Snapshot read(Reader in, String sourceName, Consumer<FormatException> skipped) throws IOException {
        Map<Oid, SnmpValue> values = new TreeMap<>();
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int first = line.indexOf('|');
            int second = first < 0 ? -1 : line.indexOf('|', first + 1);
            try {
                if (second < 0) {
                    throw new FormatException(sourceName, number, "expected OID|TYPE|VALUE");
                }
                Oid oid;
                try {
                    oid = Oid.parse(line.substring(0, first));
                } catch (IllegalArgumentException e) {
                    throw new FormatException(sourceName, number, e.getMessage());
                }
                try {
                    values.put(oid, parseValue(line.substring(first + 1, second), line.substring(second + 1)));
                } catch (IllegalArgumentException e) {
                    throw new FormatException(sourceName, number, e.getMessage());
                }
            } catch (FormatException bad) {
                if (skipped == null) {
                    throw bad;
                }
                skipped.accept(bad);
            }
        }
        return Snapshot.of(values);
    }

    static SnmpValue parseValue(String typeField, String text) {
        boolean hex = typeField.endsWith("x");
        String tagText = hex ? typeField.substring(0, typeField.length() - 1) : typeField;
        int tag;
        try {
            tag = Integer.parseInt(tagText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported type '" + typeField + "'");
        }
        SnmpType type = SnmpType.ofTag(tag);
        byte[] octets = hex ? parseHex(text) : null;
        switch (type) {
            case OCTET_STRING:
                return SnmpValue.octets(hex ? octets : text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case OPAQUE:
                return SnmpValue.opaque(hex ? octets : text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case IP_ADDRESS:
                return SnmpValue.ipAddress(hex ? octets : parseIpv4(text));
            case OBJECT_IDENTIFIER:
                return SnmpValue.objectId(Oid.parse(text));
            case NULL:
                return SnmpValue.nullValue();
            default:
                if (type.isException()) {
                    return SnmpValue.exception(type);
                }
                try {
                    long value = hex ? new java.math.BigInteger(text, 16).longValue() : new java.math.BigInteger(text.strip()).longValue();
                    return SnmpValue.number(type, value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number for type " + tag + ": '" + text + "'");
                }
        }
    }

    private static byte[] parseHex(String text) {
        String digits = text.strip().replace(" ", "").replace(":", "");
        try {
            return HEX.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad hex value '" + text + "'");
        }
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.strip().split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad IpAddress '" + text + "'");
        }
        try {
            byte[] address = InetAddress.getByName(text.strip()).getAddress();
            if (address.length != 4) {
                throw new IllegalArgumentException("bad IpAddress '" + text + "'");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad IpAddress '" + text + "'");
        }
    }

    /** Writes one line; text that would not survive a line-based file is written as hex. */
    public static void write(Writer out, Oid oid, SnmpValue value) {
        try {
            out.write(oid.toString());
            out.write('|');
            out.write(formatValue(value));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String formatValue(SnmpValue value) {
        SnmpType type = value.type();
        switch (type) {
            case OCTET_STRING:
            case OPAQUE: {
                byte[] raw = value.asBytes();
                String plain = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
                boolean safe = value.isPrintable() && plain.indexOf('\n') < 0 && plain.indexOf('\r') < 0
                        && java.util.Arrays.equals(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8), raw)
                        && (raw.length == 0 || raw[raw.length - 1] != 0);
                return safe ? type.tag() + "|" + plain : type.tag() + "x|" + HEX.formatHex(raw);
            }
            case IP_ADDRESS:
            case OBJECT_IDENTIFIER:
            case NULL:
                return type.tag() + "|" + value.asText();
            default:
                return type.tag() + "|" + value.asText();
        }
    }
}
