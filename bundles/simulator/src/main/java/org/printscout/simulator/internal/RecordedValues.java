package org.printscout.simulator.internal;

import java.util.Arrays;
import java.util.Map;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * A recording as sorted arrays of SNMP4J OIDs and values: lookups are binary searches, and the
 * repeats of one recording in a large fleet share the OID array and copy only the value array (a
 * few kilobytes) to carry their own serial numbers and MACs.
 */
final class RecordedValues {

    private final OID[] oids;
    private final Variable[] values;

    private RecordedValues(OID[] oids, Variable[] values) {
        this.oids = oids;
        this.values = values;
    }

    static RecordedValues of(Snapshot snapshot) {
        int size = snapshot.size();
        OID[] oids = new OID[size];
        Variable[] values = new Variable[size];
        int i = 0;
        for (Map.Entry<Oid, SnmpValue> entry : snapshot.asMap().entrySet()) {
            oids[i] = Variables.toOid(entry.getKey());
            values[i] = Variables.toVariable(entry.getValue());
            i++;
        }
        return new RecordedValues(oids, values);
    }

    /** The same OIDs with some values replaced; OIDs that are not recorded are ignored. */
    RecordedValues withValues(Map<Oid, SnmpValue> replacements) {
        if (replacements.isEmpty()) {
            return this;
        }
        Variable[] copy = values.clone();
        replacements.forEach((oid, value) -> {
            int index = Arrays.binarySearch(oids, Variables.toOid(oid));
            if (index >= 0) {
                copy[index] = Variables.toVariable(value);
            }
        });
        return new RecordedValues(oids, copy);
    }

    Variable get(OID oid) {
        int index = Arrays.binarySearch(oids, oid);
        return index >= 0 ? values[index] : null;
    }

    /** Index of the first recorded OID greater than {@code oid}, or {@link #size()}. */
    int indexAfter(OID oid) {
        int index = Arrays.binarySearch(oids, oid);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** Index of the last recorded OID not greater than {@code oid}, or -1. */
    int indexAtOrBefore(OID oid) {
        int index = Arrays.binarySearch(oids, oid);
        return index >= 0 ? index : -index - 2;
    }

    OID oidAt(int index) {
        return oids[index];
    }

    Variable valueAt(int index) {
        return values[index];
    }

    int size() {
        return oids.length;
    }
}
