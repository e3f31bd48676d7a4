package org.printscout.discovery.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses of a site: included blocks minus excluded ones, kept as a handful of disjoint
 * intervals and iterated lazily, so a /8 costs the same memory as a /24. Host names are kept as
 * names and resolved when the scan reaches them (DNS may change between scans).
 */
final class AddressRanges {

    /** Widest IPv6 block accepted: 2^24 addresses (a /104), the size of an IPv4 /8. */
    static final int MAX_IPV6_BITS = 24;

    private static final Pattern ENTRY_SEPARATORS = Pattern.compile("[,;]");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\\.?");

    /** Disjoint, sorted intervals; IPv4 ones first (family 4 sorts before 6). */
    private final List<Interval> intervals;
    private final List<Interval> exclusions;
    private final List<String> hostNames;

    private AddressRanges(List<Interval> intervals, List<Interval> exclusions, List<String> hostNames) {
        this.intervals = intervals;
        this.exclusions = exclusions;
        this.hostNames = hostNames;
    }

    /** Parsed entries: what is valid, and a message for each entry that is not. */
    record Parsed(AddressRanges ranges, List<String> problems) {
    }

    /**
     * Parses range entries as a site configures them. Each element may hold several entries separated
     * by line breaks, commas or semicolons; an entry that cannot be used is named with its line (and
     * item, when a line holds several) and left out, the others stand.
     */
    static Parsed parse(List<String> elements, RangePolicy policy) {
        List<Interval> included = new ArrayList<>();
        List<Interval> excluded = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        int line = 0;
        for (String element : elements) {
            for (String text : (element == null ? "" : element).split("\\R", -1)) {
                line++;
                String[] items = ENTRY_SEPARATORS.split(text, -1);
                for (int item = 0; item < items.length; item++) {
                    String entry = items[item].strip();
                    if (entry.isEmpty() || entry.startsWith("#")) {
                        continue;
                    }
                    String where = items.length > 1 ? "line " + line + ", item " + (item + 1) : "line " + line;
                    try {
                        boolean exclusion = entry.startsWith("!");
                        String body = exclusion ? entry.substring(1).strip() : entry;
                        Object parsed = parseEntry(body);
                        String refusal = parsed instanceof Interval interval && !exclusion ? policy.refusal(interval) : null;
                        if (refusal != null) {
                            throw new IllegalArgumentException(refusal);
                        }
                        if (parsed instanceof Interval interval) {
                            (exclusion ? excluded : included).add(interval);
                        } else if (exclusion) {
                            throw new IllegalArgumentException("an exclusion must be an address, range or prefix, not a host name");
                        } else {
                            names.add((String) parsed);
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add("range entry '" + entry + "' (" + where + ") refused: " + e.getMessage());
                    }
                }
            }
        }
        AddressRanges ranges = new AddressRanges(merge(included), merge(excluded), List.copyOf(names));
        if (ranges.size().compareTo(BigInteger.valueOf(policy.maxAddresses())) > 0) {
            throw new IllegalArgumentException("the ranges hold " + ranges.size() + " addresses; a site may hold at most "
                    + policy.maxAddresses() + " (maxSiteAddresses of org.printscout.discovery)");
        }
        return new Parsed(ranges, List.copyOf(problems));
    }

    /** An {@link Interval}, or the host name (a String). */
    private static Object parseEntry(String entry) {
        String body = entry.replaceAll("\\s*([-/])\\s*", "$1");
        if (body.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not an address, range, prefix or host name (separate entries with commas or lines)");
        }
        int slash = body.indexOf('/');
        if (slash >= 0) {
            return prefix(body.substring(0, slash), body.substring(slash + 1));
        }
        int dash = rangeDash(body);
        if (dash > 0) {
            byte[] first = literal(body.substring(0, dash));
            String endText = body.substring(dash + 1);
            byte[] last;
            if (first.length == 4 && endText.matches("[0-9]{1,3}")) {
                // 10.0.0.1-99: the last octet only, as administrators often write it
                last = first.clone();
                last[3] = (byte) octet(endText);
            } else {
                last = literal(endText);
            }
            if (first.length != last.length) {
                throw new IllegalArgumentException("the range mixes IPv4 and IPv6");
            }
            BigInteger from = new BigInteger(1, first);
            BigInteger to = new BigInteger(1, last);
            if (from.compareTo(to) > 0) {
                throw new IllegalArgumentException("the range ends before it starts");
            }
            return checkedSize(new Interval(first.length == 4 ? 4 : 6, from, to));
        }
        if (body.contains(":") || DOTTED_NUMBERS.matcher(body).matches() || body.startsWith("[")) {
            byte[] address = literal(body);
            BigInteger value = new BigInteger(1, address);
            return new Interval(address.length == 4 ? 4 : 6, value, value);
        }
        if (HOST_NAME.matcher(body).matches()) {
            return body.toLowerCase(java.util.Locale.ROOT);
        }
        throw new IllegalArgumentException("not an address, range, prefix or host name");
    }

    /** The dash of "a-b" where a is an address literal (host names may contain dashes too). */
    private static int rangeDash(String body) {
        int dash = body.indexOf('-');
        while (dash > 0) {
            String left = body.substring(0, dash);
            if (left.contains(":") || DOTTED_NUMBERS.matcher(left).matches()) {
                return dash;
            }
            dash = body.indexOf('-', dash + 1);
        }
        return -1;
    }

    private static Interval prefix(String addressText, String lengthText) {
        byte[] address = literal(addressText);
        int bits = address.length * 8;
        int length;
        try {
            length = Integer.parseInt(lengthText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix length '" + lengthText + "' is not a number");
        }
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " is not between 0 and " + bits);
        }
        BigInteger value = new BigInteger(1, address);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        BigInteger network = value.andNot(hostMask);
        return checkedSize(new Interval(address.length == 4 ? 4 : 6, network, network.or(hostMask)));
    }

    private static Interval checkedSize(Interval interval) {
        if (interval.family() == 6 && interval.size().bitLength() > MAX_IPV6_BITS + 1) {
            throw new IllegalArgumentException("the IPv6 block has " + interval.size() + " addresses; at most 2^"
                    + MAX_IPV6_BITS + " (a /" + (128 - MAX_IPV6_BITS) + ") can be scanned");
        }
        return interval;
    }

    /** An IPv4 or IPv6 literal; never a DNS lookup. */
    static byte[] literal(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.contains(":")) {
            if (!s.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv6 address");
            }
            try {
                // a literal with ':' and only hex digits is parsed, never looked up
                byte[] b = InetAddress.getByName(s).getAddress();
                if (b.length != 16) {
                    throw new IllegalArgumentException("'" + s + "' is not an IPv6 address");
                }
                return b;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv6 address");
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv4 address (it needs four numbers)");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) octet(parts[i]);
        }
        return b;
    }

    private static int octet(String part) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + part + "' is not a number from 0 to 255");
        }
        int v = Integer.parseInt(part);
        if (v > 255) {
            throw new IllegalArgumentException("octet " + v + " is greater than 255");
        }
        return v;
    }

    /** Sorted, merged intervals (overlapping or adjacent ones joined). */
    private static List<Interval> merge(List<Interval> in) {
        List<Interval> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingInt(Interval::family).thenComparing(Interval::start));
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            if (!out.isEmpty()) {
                Interval last = out.get(out.size() - 1);
                if (last.family() == i.family() && last.end().add(BigInteger.ONE).compareTo(i.start()) >= 0) {
                    out.set(out.size() - 1, new Interval(last.family(), last.start(), last.end().max(i.end())));
                    continue;
                }
            }
            out.add(i);
        }
        return out;
    }

    /** Addresses to scan, exclusions taken out (host names not counted). */
    BigInteger size() {
        BigInteger total = BigInteger.ZERO;
        for (Interval i : intervals) {
            total = total.add(i.size());
        }
        for (Interval x : exclusions) {
            for (Interval i : intervals) {
                total = total.subtract(i.overlap(x));
            }
        }
        return total;
    }

    boolean isEmpty() {
        return intervals.isEmpty() && hostNames.isEmpty();
    }

    List<String> hostNames() {
        return hostNames;
    }

    /** True when the address lies in an included block and no excluded one. */
    boolean contains(InetAddress address) {
        return !excludes(address) && find(intervals, address);
    }

    boolean excludes(InetAddress address) {
        return find(exclusions, address);
    }

    private static boolean find(List<Interval> list, InetAddress address) {
        byte[] raw = address.getAddress();
        int family = raw.length == 4 ? 4 : 6;
        BigInteger v = new BigInteger(1, raw);
        for (Interval i : list) {
            if (i.family() == family && i.start().compareTo(v) <= 0 && i.end().compareTo(v) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The addresses in order, exclusions skipped, computed one at a time: only the current position is
     * held, whatever the size of the blocks.
     */
    Iterator<InetAddress> addresses() {
        return new Iterator<>() {
            private int block;
            private BigInteger next = intervals.isEmpty() ? null : intervals.get(0).start();

            {
                skipExcluded();
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public InetAddress next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                InetAddress current = toAddress(intervals.get(block).family(), next);
                next = next.add(BigInteger.ONE);
                skipExcluded();
                return current;
            }

            /** Moves {@code next} past excluded addresses and exhausted blocks. */
            private void skipExcluded() {
                while (next != null) {
                    Interval current = intervals.get(block);
                    if (next.compareTo(current.end()) > 0) {
                        block++;
                        next = block < intervals.size() ? intervals.get(block).start() : null;
                        continue;
                    }
                    Interval hit = exclusionAt(current.family(), next);
                    if (hit == null) {
                        return;
                    }
                    next = hit.end().add(BigInteger.ONE);
                }
            }
        };
    }

    private Interval exclusionAt(int family, BigInteger value) {
        for (Interval x : exclusions) {
            if (x.family() == family && x.start().compareTo(value) <= 0 && x.end().compareTo(value) >= 0) {
                return x;
            }
        }
        return null;
    }

    private static InetAddress toAddress(int family, BigInteger value) {
        int length = family == 4 ? 4 : 16;
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a " + length + "-byte address is always valid", e);
        }
    }

    /** Inclusive interval of addresses of one family, as unsigned numbers. */
    record Interval(int family, BigInteger start, BigInteger end) {
        BigInteger size() {
            return end.subtract(start).add(BigInteger.ONE);
        }

        BigInteger overlap(Interval other) {
            if (family != other.family) {
                return BigInteger.ZERO;
            }
            BigInteger from = start.max(other.start);
            BigInteger to = end.min(other.end);
            return from.compareTo(to) > 0 ? BigInteger.ZERO : to.subtract(from).add(BigInteger.ONE);
        }
    }
}
