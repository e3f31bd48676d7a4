package org.printscout.api.snmp;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What was read from one device: OID to value, in SNMP order. The same type backs a live read, a
 * replayed {@code .snmprec} recording and a Walk MIB output, so a mapper cannot tell them apart.
 * Immutable; exception values (noSuchObject etc.) are not kept.
 */
public final class Snapshot {

    private static final Snapshot EMPTY = new Snapshot(new TreeMap<>());

    private final NavigableMap<Oid, SnmpValue> values;

    private Snapshot(NavigableMap<Oid, SnmpValue> values) {
        this.values = Collections.unmodifiableNavigableMap(values);
    }

    public static Snapshot empty() {
        return EMPTY;
    }

    /** A snapshot of the given values; NULL and exception values are dropped. */
    public static Snapshot of(Map<Oid, SnmpValue> values) {
        TreeMap<Oid, SnmpValue> copy = new TreeMap<>();
        values.forEach((oid, value) -> {
            if (value != null && value.isPresent()) {
                copy.put(oid, value);
            }
        });
        return new Snapshot(copy);
    }

    public Optional<SnmpValue> get(Oid oid) {
        return Optional.ofNullable(values.get(oid));
    }

    /** Display text of a value (see {@link SnmpValue#asText()}); empty when absent or blank. */
    public Optional<String> text(Oid oid) {
        return get(oid).map(SnmpValue::asText).filter(s -> !s.isEmpty());
    }

    public OptionalLong number(Oid oid) {
        SnmpValue v = values.get(oid);
        return v == null ? OptionalLong.empty() : v.asLong();
    }

    /**
     * The rows of one table column: row index (the OID arcs after the column) to value, in row order.
     */
    public NavigableMap<Oid, SnmpValue> column(Oid column) {
        NavigableMap<Oid, SnmpValue> sub = values.subMap(column, false, column.subtreeEnd(), false);
        TreeMap<Oid, SnmpValue> rows = new TreeMap<>();
        sub.forEach((oid, value) -> rows.put(oid.suffixAfter(column), value));
        return rows;
    }

    /** Every value inside the subtree rooted at {@code root} (full OIDs). */
    public NavigableMap<Oid, SnmpValue> subtree(Oid root) {
        return values.subMap(root, true, root.subtreeEnd(), false);
    }

    public NavigableMap<Oid, SnmpValue> asMap() {
        return values;
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** This snapshot with the values of {@code other} added (other wins on equal OIDs). */
    public Snapshot merge(Snapshot other) {
        TreeMap<Oid, SnmpValue> joined = new TreeMap<>(values);
        joined.putAll(other.values);
        return new Snapshot(joined);
    }

    /** Only the values under the given roots, e.g. to prove a mapper sees nothing else. */
    public Snapshot restrictTo(Iterable<Oid> roots) {
        TreeMap<Oid, SnmpValue> kept = new TreeMap<>();
        for (Oid root : roots) {
            kept.putAll(subtree(root));
        }
        return new Snapshot(kept);
    }

    @Override
    public String toString() {
        return "Snapshot[" + values.size() + " values]";
    }
}
