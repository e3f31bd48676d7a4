package org.printscout.simulator.internal;

import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * What one device serves for one request: its recording, with the synthetic table (when that fault
 * is on) laid over it. Answers in SNMP's lexicographic order.
 */
final class MibView {

    private final RecordedValues recorded;
    private final SyntheticRows synthetic;

    MibView(RecordedValues recorded, SyntheticRows synthetic) {
        this.recorded = recorded;
        this.synthetic = synthetic;
    }

    Variable get(OID oid) {
        if (synthetic != null && synthetic.covers(oid)) {
            return synthetic.get(oid);
        }
        return recorded.get(oid);
    }

    /** The first instance after {@code oid}, or null at the end of the MIB. */
    VariableBinding next(OID oid) {
        VariableBinding fromRecording = nextRecorded(oid);
        VariableBinding fromTable = synthetic == null ? null : synthetic.next(oid);
        if (fromTable == null) {
            return fromRecording;
        }
        if (fromRecording == null || fromTable.getOid().compareTo(fromRecording.getOid()) < 0) {
            return fromTable;
        }
        return fromRecording;
    }

    private VariableBinding nextRecorded(OID oid) {
        int index = recorded.indexAfter(oid);
        if (synthetic != null) {
            while (index < recorded.size() && synthetic.covers(recorded.oidAt(index))) {
                index = recorded.indexAfter(recorded.oidAt(index));
            }
        }
        return index < recorded.size() ? new VariableBinding(recorded.oidAt(index), recorded.valueAt(index)) : null;
    }

    /**
     * The instance at {@code oid} or the last recorded one before it: the answer of an agent whose
     * GETNEXT does not move forward (the walk-loop fault).
     */
    VariableBinding atOrBefore(OID oid) {
        Variable here = get(oid);
        if (here != null) {
            return new VariableBinding(oid, here);
        }
        int index = recorded.indexAtOrBefore(oid);
        return index >= 0 ? new VariableBinding(recorded.oidAt(index), recorded.valueAt(index)) : null;
    }

    /**
     * Whether a missing {@code oid} is an absent instance of an object the device has (so
     * noSuchInstance) rather than an object it lacks (noSuchObject). Without MIB modules the
     * simulator guesses as net-snmp answers: the object is known when something is recorded under
     * the OID's parent, e.g. {@code sysDescr.1} next to {@code sysDescr.0}, or a missing row of a
     * table column.
     */
    boolean isKnownObject(OID oid) {
        if (synthetic != null && synthetic.covers(oid)) {
            return true;
        }
        if (oid.size() < 2) {
            return false;
        }
        OID parent = oid.trim();
        int index = recorded.indexAfter(parent);
        return index < recorded.size() && recorded.oidAt(index).startsWith(parent);
    }
}
