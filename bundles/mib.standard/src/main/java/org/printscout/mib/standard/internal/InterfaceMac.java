package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.IF_OPER_STATUS;
import static org.printscout.mib.standard.internal.StandardOids.IF_PHYS_ADDRESS;
import static org.printscout.mib.standard.internal.StandardOids.IF_TYPE;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * Picks the MAC address of the printer's physical network interface from the ifTable.
 *
 * <p>Printers list loopback, disabled Wi-Fi radios, Wi-Fi Direct and USB interfaces next to the
 * Ethernet port, so the choice is: skip what cannot be a station address (software loopback,
 * anything not 6 octets, all-zero, broadcast and group addresses), then prefer an Ethernet or
 * 802.11 interface that is up, then any Ethernet or 802.11 interface, then any interface that is up,
 * then the lowest ifIndex.
 */
final class InterfaceMac {

    private static final long SOFTWARE_LOOPBACK = 24;
    /** ethernetCsmacd(6), iso88023Csmacd(7), fastEther(62), fastEtherFX(69), ieee80211(71), gigabitEthernet(117). */
    private static final Set<Long> LAN_TYPES = Set.of(6L, 7L, 62L, 69L, 71L, 117L);
    private static final long OPER_UP = 1;
    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();
    /** Some agents send the address as text ("0:20:4a:fa:9b:ee") instead of 6 octets. */
    private static final Pattern MAC_TEXT = Pattern.compile(
            "([0-9A-Fa-f]{1,2})[:-]([0-9A-Fa-f]{1,2})[:-]([0-9A-Fa-f]{1,2})[:-]([0-9A-Fa-f]{1,2})[:-]([0-9A-Fa-f]{1,2})[:-]([0-9A-Fa-f]{1,2})");

    private InterfaceMac() {
    }

    private record Candidate(long ifIndex, byte[] address, boolean lan, boolean up) {
    }

    /** The chosen MAC, upper-case and colon-separated ("3C:2A:F4:BF:F5:1B"). */
    static Optional<String> select(Snapshot snapshot) {
        Map<Oid, SnmpValue> types = snapshot.column(IF_TYPE);
        Map<Oid, SnmpValue> status = snapshot.column(IF_OPER_STATUS);
        Comparator<Candidate> preference = Comparator
                .comparing((Candidate c) -> !(c.lan() && c.up()))
                .thenComparing(c -> !c.lan())
                .thenComparing(c -> !c.up())
                .thenComparingLong(Candidate::ifIndex);
        return snapshot.column(IF_PHYS_ADDRESS).entrySet().stream()
                .map(row -> {
                    OptionalLong type = number(types.get(row.getKey()));
                    if (type.isPresent() && type.getAsLong() == SOFTWARE_LOOPBACK) {
                        return null;
                    }
                    byte[] address = stationAddress(row.getValue());
                    if (address == null) {
                        return null;
                    }
                    boolean lan = type.isPresent() && LAN_TYPES.contains(type.getAsLong());
                    boolean up = number(status.get(row.getKey())).orElse(OPER_UP) == OPER_UP;
                    return new Candidate(row.getKey().arc(0), address, lan, up);
                })
                .filter(Objects::nonNull)
                .min(preference)
                .map(c -> HEX.formatHex(c.address()));
    }

    private static OptionalLong number(SnmpValue value) {
        return value == null ? OptionalLong.empty() : value.asLong();
    }

    /** The 6 octets of a unicast, non-zero address, or null. */
    static byte[] stationAddress(SnmpValue value) {
        byte[] raw = value.asBytes();
        if (raw.length != 6) {
            raw = parseText(raw);
            if (raw == null) {
                return null;
            }
        }
        boolean allZero = true;
        boolean allOnes = true;
        for (byte b : raw) {
            allZero &= b == 0;
            allOnes &= b == (byte) 0xff;
        }
        boolean group = (raw[0] & 0x01) != 0;
        return allZero || allOnes || group ? null : raw;
    }

    private static byte[] parseText(byte[] raw) {
        Matcher m = MAC_TEXT.matcher(new String(raw, StandardCharsets.ISO_8859_1).strip());
        if (!m.matches()) {
            return null;
        }
        byte[] address = new byte[6];
        for (int i = 0; i < 6; i++) {
            address[i] = (byte) Integer.parseInt(m.group(i + 1), 16);
        }
        return address;
    }
}
