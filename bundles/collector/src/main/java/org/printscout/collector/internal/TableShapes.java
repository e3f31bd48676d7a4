package org.printscout.collector.internal;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.printscout.api.snmp.Oid;

/**
 * What each column looked like when a device was last read. A printer's tables barely change between
 * readings, so the next reading sizes its GETBULKs to them: a short column does not overshoot into the
 * next one, a column known to be empty costs no request of its own when the value that followed the
 * previous column last time lay beyond it, and a long column is read in parallel pieces. Only the shape
 * of requests depends on it, never what is read: a wrong guess costs bytes or a round trip. Bounded
 * (least recently read devices are forgotten) and safe for concurrent readings.
 */
final class TableShapes {

    /** Rows between two remembered OIDs of a long column, where parallel pieces of it may start. */
    static final int MARK_EVERY = 16;

    /**
     * A column at the last reading.
     *
     * @param rows values it held
     * @param marks the OID of every {@link #MARK_EVERY}th value, in order
     * @param after what the device answered right after the column's last value: the next OID it
     *        holds, {@link #END_OF_VIEW} when there was none, null when not seen (the column ended inside
     *        a walk)
     */
    record Shape(int rows, List<Oid> marks, Oid after) {
        Shape {
            marks = List.copyOf(marks);
        }
    }

    /** Stands for "nothing followed": greater than every OID a device can hold. */
    static final Oid END_OF_VIEW = Oid.of(-1, -1, -1);

    private final Map<InetSocketAddress, Map<Oid, Shape>> devices;

    TableShapes(int maxDevices) {
        if (maxDevices < 1) {
            throw new IllegalArgumentException("maxDevices must be at least 1, not " + maxDevices);
        }
        this.devices = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Map<Oid, Shape>> eldest) {
                return size() > maxDevices;
            }
        };
    }

    /** The column's shape at the last reading of the device, or null. */
    synchronized Shape shape(InetSocketAddress device, Oid column) {
        Map<Oid, Shape> known = devices.get(device);
        return known == null ? null : known.get(column);
    }

    synchronized void remember(InetSocketAddress device, Map<Oid, Shape> columns) {
        devices.computeIfAbsent(device, d -> new HashMap<>()).putAll(columns);
    }

    synchronized int size() {
        return devices.size();
    }
}
