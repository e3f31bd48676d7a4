package org.printscout.api.snmp;

import java.util.Arrays;

/**
 * An SNMP object identifier: an immutable sequence of non-negative arcs, ordered lexicographically
 * as SNMP orders them (so a walk can check that every answer moves strictly forward).
 */
public final class Oid implements Comparable<Oid> {

    private final int[] arcs;

    private Oid(int[] arcs) {
        this.arcs = arcs;
    }

    /** Parses dotted notation ({@code 1.3.6.1.2.1.1.1.0}; a leading dot is accepted). */
    public static Oid parse(String dotted) {
        String s = dotted.strip();
        if (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty OID");
        }
        String[] parts = s.split("\\.", -1);
        int[] arcs = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                long arc = Long.parseLong(parts[i]);
                if (arc < 0 || arc > 0xFFFF_FFFFL) {
                    throw new NumberFormatException();
                }
                arcs[i] = (int) arc;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an OID: '" + dotted + "' (arc " + (i + 1) + ")");
            }
        }
        return new Oid(arcs);
    }

    /** Wraps arcs given as unsigned 32-bit values; the array is copied. */
    public static Oid of(int... arcs) {
        return new Oid(arcs.clone());
    }

    public int size() {
        return arcs.length;
    }

    /** The arc at {@code index}, as an unsigned value. */
    public long arc(int index) {
        return Integer.toUnsignedLong(arcs[index]);
    }

    public int[] toArray() {
        return arcs.clone();
    }

    public Oid append(int... more) {
        int[] joined = Arrays.copyOf(arcs, arcs.length + more.length);
        System.arraycopy(more, 0, joined, arcs.length, more.length);
        return new Oid(joined);
    }

    public Oid append(Oid suffix) {
        return append(suffix.arcs);
    }

    /** True when this OID lies inside the subtree rooted at {@code prefix} (or equals it). */
    public boolean startsWith(Oid prefix) {
        if (prefix.arcs.length > arcs.length) {
            return false;
        }
        for (int i = 0; i < prefix.arcs.length; i++) {
            if (arcs[i] != prefix.arcs[i]) {
                return false;
            }
        }
        return true;
    }

    /** The arcs after {@code prefix}, e.g. a table row's index; requires {@link #startsWith}. */
    public Oid suffixAfter(Oid prefix) {
        if (!startsWith(prefix)) {
            throw new IllegalArgumentException(this + " is not under " + prefix);
        }
        return new Oid(Arrays.copyOfRange(arcs, prefix.arcs.length, arcs.length));
    }

    /** The smallest OID that follows the whole subtree of this one (the end of a walk range). */
    public Oid subtreeEnd() {
        int[] next = arcs.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != -1) {
                next[i]++;
                return new Oid(Arrays.copyOf(next, i + 1));
            }
        }
        return new Oid(new int[] {-1, -1});
    }

    @Override
    public int compareTo(Oid other) {
        int n = Math.min(arcs.length, other.arcs.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compareUnsigned(arcs[i], other.arcs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(arcs.length, other.arcs.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Oid other && Arrays.equals(arcs, other.arcs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(arcs);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(arcs.length * 4);
        for (int i = 0; i < arcs.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(Integer.toUnsignedString(arcs[i]));
        }
        return sb.toString();
    }
}
