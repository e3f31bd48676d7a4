package org.printscout.simulator;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpVersion;

/**
 * One accepted request as a device saw it: which OIDs were asked for, so a test can prove that a
 * collector asked only for what its mappers declared.
 *
 * @param device the name of the device that answered (its recording's name)
 * @param deviceAddress where the device listens
 * @param client where the request came from
 * @param version the SNMP version of the request
 * @param kind the request type
 * @param oids the OIDs of the request's variable bindings, in order (for GETNEXT and GETBULK the
 *        starting points, not the OIDs answered)
 */
public record RequestRecord(String device, InetSocketAddress deviceAddress, InetSocketAddress client,
                            SnmpVersion version, PduKind kind, List<Oid> oids) {
    public RequestRecord {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        oids = List.copyOf(oids);
    }
}
