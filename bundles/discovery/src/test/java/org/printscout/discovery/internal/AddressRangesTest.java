package org.printscout.discovery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressRangesTest {

    private static List<String> addresses(AddressRanges ranges) {
        List<String> out = new ArrayList<>();
        ranges.addresses().forEachRemaining(a -> out.add(a.getHostAddress()));
        return out;
    }

    private static AddressRanges valid(String... entries) {
        AddressRanges.Parsed parsed = AddressRanges.parse(List.of(entries), RangePolicy.ANY);
        assertEquals(List.of(), parsed.problems());
        return parsed.ranges();
    }

    @Test
    void acceptsSingleAddressesRangesPrefixesNamesAndIpv6() {
        AddressRanges r = valid("10.0.0.7", "10.0.1.1-10.0.1.3", "10.0.2.0/30", "printer.example.com", "fe80::1",
                "2001:db8::/126", "[2001:db8:1::5]", "10.0.3.250-252");
        assertEquals(List.of("10.0.0.7", "10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.2.0", "10.0.2.1", "10.0.2.2", "10.0.2.3",
                "10.0.3.250", "10.0.3.251", "10.0.3.252", "2001:db8:0:0:0:0:0:0", "2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:2",
                "2001:db8:0:0:0:0:0:3", "2001:db8:1:0:0:0:0:5", "fe80:0:0:0:0:0:0:1"), addresses(r));
        assertEquals(List.of("printer.example.com"), r.hostNames());
        assertEquals(BigInteger.valueOf(17), r.size());
    }

    @Test
    void takesOutExclusionsAndMergesOverlaps() {
        AddressRanges r = valid("10.0.0.0/29", "10.0.0.4-10.0.0.9", "!10.0.0.2", "!10.0.0.5-10.0.0.6");
        assertEquals(List.of("10.0.0.0", "10.0.0.1", "10.0.0.3", "10.0.0.4", "10.0.0.7", "10.0.0.8", "10.0.0.9"), addresses(r));
        assertEquals(BigInteger.valueOf(7), r.size());
        assertTrue(r.contains(InetAddress.getLoopbackAddress()) == false);
        assertTrue(r.excludes(addr("10.0.0.2")));
        assertFalse(r.contains(addr("10.0.0.6")));
        assertTrue(r.contains(addr("10.0.0.9")));
    }

    @Test
    void severalEntriesPerLineAndSeveralLinesPerElement() {
        AddressRanges r = valid("10.0.0.1, 10.0.0.2;10.0.0.3\n# a comment\n\n10.0.0.4");
        assertEquals(4, addresses(r).size());
    }

    @Test
    void namesEachBadEntryWithItsLineAndKeepsTheGoodOnes() {
        AddressRanges.Parsed parsed = AddressRanges.parse(List.of("10.0.0.1", "10.0.0.300", "10.0.0.9-10.0.0.2",
                "10.0.0.0/33", "a b", "10.0.0.5, 1.2.3, ::g", "2001:db8::/64", "!printer.example.com", "10.0.0.1-::1"), RangePolicy.ANY);
        assertEquals(List.of(
                "range entry '10.0.0.300' (line 2) refused: octet 300 is greater than 255",
                "range entry '10.0.0.9-10.0.0.2' (line 3) refused: the range ends before it starts",
                "range entry '10.0.0.0/33' (line 4) refused: prefix length 33 is not between 0 and 32",
                "range entry 'a b' (line 5) refused: not an address, range, prefix or host name (separate entries with commas or lines)",
                "range entry '1.2.3' (line 6, item 2) refused: '1.2.3' is not an IPv4 address (it needs four numbers)",
                "range entry '::g' (line 6, item 3) refused: '::g' is not an IPv6 address",
                "range entry '2001:db8::/64' (line 7) refused: the IPv6 block has 18446744073709551616 addresses; at most 2^24 (a /104) can be scanned",
                "range entry '!printer.example.com' (line 8) refused: an exclusion must be an address, range or prefix, not a host name",
                "range entry '10.0.0.1-::1' (line 9) refused: the range mixes IPv4 and IPv6"), parsed.problems());
        assertEquals(List.of("10.0.0.1", "10.0.0.5"), addresses(parsed.ranges()));
    }

    @Test
    void aSlashEightStreamsWithoutMaterialisingItsAddresses() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long id = Thread.currentThread().getId();

        AddressRanges small = valid("10.0.0.0/24");
        AddressRanges big = valid("10.0.0.0/8", "!10.128.0.0/9");
        assertEquals(BigInteger.valueOf(1L << 23), big.size());

        // the iterator's retained state is one position, whatever the size; walk a million addresses of
        // the /8 and check the heap does not grow with the count (allocation is garbage, not retained)
        Iterator<InetAddress> it = big.addresses();
        long before = allocation.getThreadAllocatedBytes(id);
        InetAddress last = null;
        for (int i = 0; i < 1_000_000; i++) {
            last = it.next();
        }
        long allocated = allocation.getThreadAllocatedBytes(id) - before;
        assertEquals("10.15.66.63", last.getHostAddress());
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        assertTrue(used < 64L << 20, "heap after walking a million addresses: " + used);
        assertTrue(allocated > 0);
        assertEquals(256, addresses(small).size());
    }

    @Test
    void theLastAddressOfTheSpaceEndsTheIteration() {
        assertEquals(List.of("255.255.255.254", "255.255.255.255"), addresses(valid("255.255.255.254/31")));
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void publicRangesAreRefusedUnlessAllowedPrivateLinkLocalAndLoopbackPass() {
        RangePolicy site = new RangePolicy(false, 1 << 25);
        AddressRanges.Parsed parsed = AddressRanges.parse(List.of("0.0.0.0/0", "10.1.0.0/16", "172.16.5.0/24", "192.168.1.1-192.168.1.9",
                "169.254.0.0/24", "127.77.0.0/24", "8.8.8.8", "172.15.255.250-172.16.0.5", "fe80::/112", "fd00::/104", "2001:db8::/120",
                "!8.8.4.4"), site);
        assertEquals(List.of(
                "range entry '0.0.0.0/0' (line 1) refused: it is not a private, link-local or loopback range (printers are on the site's "
                        + "own networks); set allowPublicRanges of org.printscout.discovery to scan public addresses",
                "range entry '8.8.8.8' (line 7) refused: it is not a private, link-local or loopback range (printers are on the site's "
                        + "own networks); set allowPublicRanges of org.printscout.discovery to scan public addresses",
                "range entry '172.15.255.250-172.16.0.5' (line 8) refused: it is not a private, link-local or loopback range (printers are on "
                        + "the site's own networks); set allowPublicRanges of org.printscout.discovery to scan public addresses",
                "range entry '2001:db8::/120' (line 11) refused: it is not a private, link-local or loopback range (printers are on the "
                        + "site's own networks); set allowPublicRanges of org.printscout.discovery to scan public addresses"),
                parsed.problems());
        assertEquals(BigInteger.valueOf(65536 + 256 + 9 + 256 + 256 + 65536 + 16777216), parsed.ranges().size());
        assertEquals(List.of(), AddressRanges.parse(List.of("8.8.8.8", "2001:db8::/120"), new RangePolicy(true, 1 << 20)).problems());
    }

    @Test
    void aSiteLargerThanTheCapIsRefusedAsAWholeWithTheKeyNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AddressRanges.parse(List.of("10.0.0.0/8"), new RangePolicy(false, 1 << 20)));
        assertEquals("the ranges hold 16777216 addresses; a site may hold at most 1048576 (maxSiteAddresses of org.printscout.discovery)",
                e.getMessage());
        // exclusions count: a /11 minus a /12 is a /12, which fits
        assertEquals(BigInteger.valueOf(1 << 20), AddressRanges.parse(List.of("10.0.0.0/11", "!10.16.0.0/12"),
                new RangePolicy(false, 1 << 20)).ranges().size());
    }
}
