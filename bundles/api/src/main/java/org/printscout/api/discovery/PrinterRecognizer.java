package org.printscout.api.discovery;

import org.osgi.annotation.versioning.ConsumerType;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.snmp.Snapshot;

/**
 * Tells printers from other SNMP devices during a discovery probe, from a few OIDs. Discovery
 * fetches {@link #plan()} (scalars by GET, columns walked) once a device has answered, and asks every
 * registered recognizer; a vendor mapper's claim on the device's sysObjectID or sysDescr counts too
 * unless a recognizer says {@link Verdict#NOT_PRINTER}.
 */
@ConsumerType
public interface PrinterRecognizer {

    enum Verdict {
        /** The device is a printer or MFP. */
        PRINTER,
        /** The device is positively something else (a host that lists print queues, say). */
        NOT_PRINTER,
        /** Nothing decisive: other evidence (a vendor mapper's claim) decides. */
        UNDECIDED
    }

    /** What {@link #recognise} reads; keep it small, it is asked of every SNMP device on the network. */
    OidPlan plan();

    /** Decides from a snapshot holding sysDescr, sysObjectID and what {@link #plan()} asked for. */
    Verdict recognise(Snapshot snapshot);
}
