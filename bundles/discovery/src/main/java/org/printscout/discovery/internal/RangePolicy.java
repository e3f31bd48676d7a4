package org.printscout.discovery.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;

/**
 * What a site may scan. Printers live on the site's own networks: private (RFC 1918, IPv6 unique
 * local), link-local and loopback addresses. A range outside them is refused unless the site's
 * administrator allowed public ranges; a site larger than the cap is refused as a whole. Both limits
 * are local settings ({@code org.printscout.discovery}), not the portal's (docs/discovery.md).
 */
record RangePolicy(boolean allowPublic, long maxAddresses) {

    /** No restriction beyond syntax: for tests of the parser itself. */
    static final RangePolicy ANY = new RangePolicy(true, Long.MAX_VALUE);

    private record Block(int family, BigInteger start, BigInteger end, String name) {
    }

    private static final List<Block> SITE_LOCAL = List.of(
            block("10.0.0.0", 8, "private"), block("172.16.0.0", 12, "private"), block("192.168.0.0", 16, "private"),
            block("169.254.0.0", 16, "link-local"), block("127.0.0.0", 8, "loopback"),
            block("fc00::", 7, "unique local"), block("fe80::", 10, "link-local"), block("::1", 128, "loopback"));

    private static Block block(String address, int bits, String name) {
        byte[] raw = AddressRanges.literal(address);
        int width = raw.length * 8;
        BigInteger start = new BigInteger(1, raw);
        BigInteger host = BigInteger.ONE.shiftLeft(width - bits).subtract(BigInteger.ONE);
        return new Block(raw.length == 4 ? 4 : 6, start, start.or(host), name);
    }

    /** Why an interval may not be scanned, or null when it may. */
    String refusal(AddressRanges.Interval interval) {
        if (allowPublic || siteLocal(interval.family(), interval.start(), interval.end())) {
            return null;
        }
        return "it is not a private, link-local or loopback range (printers are on the site's own networks); "
                + "set allowPublicRanges of org.printscout.discovery to scan public addresses";
    }

    /** Why a resolved host name's address may not be scanned, or null when it may. */
    String refusal(InetAddress address) {
        BigInteger value = new BigInteger(1, address.getAddress());
        return allowPublic || siteLocal(address.getAddress().length == 4 ? 4 : 6, value, value) ? null
                : "it resolves to the public address " + address.getHostAddress() + "; set allowPublicRanges of org.printscout.discovery to scan it";
    }

    private static boolean siteLocal(int family, BigInteger start, BigInteger end) {
        for (Block b : SITE_LOCAL) {
            if (b.family() == family && b.start().compareTo(start) <= 0 && b.end().compareTo(end) >= 0) {
                return true;
            }
        }
        return false;
    }
}
