package org.printscout.simulator.internal;

import org.printscout.simulator.Faults.SyntheticTable;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * The rows of a {@link SyntheticTable}, computed from the OID instead of stored: instance
 * {@code table.1.column.row} for columns 1 to 3 and rows 1 to N.
 */
final class SyntheticRows {

    static final int COLUMNS = 3;

    private final OID table;
    private final OID entry;
    private final OID first;
    private final OID end;
    private final int rows;

    SyntheticRows(SyntheticTable table) {
        this.table = Variables.toOid(table.table());
        this.entry = new OID(this.table).append(1);
        this.first = instance(1, 1);
        this.end = this.table.nextPeer();
        this.rows = table.rows();
    }

    /** True when {@code oid} lies in the table's subtree, where the recording is hidden. */
    boolean covers(OID oid) {
        return oid.startsWith(table);
    }

    Variable get(OID oid) {
        if (oid.size() != entry.size() + 2 || !oid.startsWith(entry)) {
            return null;
        }
        long column = oid.getUnsigned(entry.size());
        long row = oid.getUnsigned(entry.size() + 1);
        if (column < 1 || column > COLUMNS || row < 1 || row > rows) {
            return null;
        }
        return value((int) column, (int) row);
    }

    /** The first instance after {@code oid}, or null when none of the table's instances follows it. */
    VariableBinding next(OID oid) {
        if (oid.compareTo(first) < 0) {
            return binding(1, 1);
        }
        if (oid.compareTo(end) >= 0 || !oid.startsWith(entry)) {
            return null;
        }
        // oid is inside table.1: find the (column, row) it sits on or just after
        long column = oid.size() > entry.size() ? oid.getUnsigned(entry.size()) : 0;
        if (column < 1) {
            return binding(1, 1);
        }
        if (column > COLUMNS) {
            return null;
        }
        if (oid.size() == entry.size() + 1) {
            return binding((int) column, 1);
        }
        long row = oid.getUnsigned(entry.size() + 1);
        long nextRow = row < 1 ? 1 : row + 1;
        if (nextRow <= rows) {
            return binding((int) column, (int) nextRow);
        }
        return column < COLUMNS ? binding((int) column + 1, 1) : null;
    }

    private VariableBinding binding(int column, int row) {
        return new VariableBinding(instance(column, row), value(column, row));
    }

    private OID instance(int column, int row) {
        return new OID(entry).append(column).append(row);
    }

    private static Variable value(int column, int row) {
        switch (column) {
            case 1:
                return new Integer32(row);
            case 2:
                return new OctetString("synthetic row " + row);
            default:
                return new Counter32(10L * row);
        }
    }
}
