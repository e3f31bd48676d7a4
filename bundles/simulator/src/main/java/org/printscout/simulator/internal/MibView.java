package org.printscout.simulator.internal;

import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * What one device serves for one request: its recording, worn by the time since the start (when
 * {@link Wear} is on), with the synthetic table (when that fault is on) laid over it. A view is made
 * for one request at one instant, so every answer in it is of the same moment. Answers in SNMP's
 * lexicographic order.
 */
final class MibView {

    private final RecordedValues recorded;
    private final SyntheticRows synthetic;
    private final Wear wear;
    private final long elapsedNanos;

    MibView(RecordedValues recorded, SyntheticRows synthetic) {
        this(recorded, synthetic, Wear.OFF, 0);
    }

    MibView(RecordedValues recorded, SyntheticRows synthetic, Wear wear, long elapsedNanos) {
        this.recorded = recorded;
        this.synthetic = synthetic;
        this.wear = wear;
        this.elapsedNanos = elapsedNanos;
    }

    Variable get(OID oid) {
        if (synthetic != null && synthetic.covers(oid)) {
            return synthetic.get(oid);
        }
        Variable value = recorded.get(oid);
        return value == null ? null : worn(oid, value);
    }

    private Variable worn(OID oid, Variable value) {
        return wear.isOff() ? value : wear.apply(oid, value, elapsedNanos, recorded);
    }

    private VariableBinding recordedAt(int index) {
        OID oid = recorded.oidAt(index);
        return new VariableBinding(oid, worn(oid, recorded.valueAt(index)));
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
        return index < recorded.size() ? recordedAt(index) : null;
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
        return index >= 0 ? recordedAt(index) : null;
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
