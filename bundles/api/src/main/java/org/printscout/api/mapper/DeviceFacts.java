package org.printscout.api.mapper;

import java.util.Objects;
import java.util.OptionalInt;

import org.printscout.api.snmp.Oid;

/**
 * What is known about a device before mapping: its sysObjectID and sysDescr, the two values every
 * mapper's claim is matched against.
 */
public record DeviceFacts(Oid sysObjectId, String sysDescr) {

    private static final Oid ENTERPRISES = Oid.parse("1.3.6.1.4.1");

    public DeviceFacts {
        sysDescr = Objects.requireNonNullElse(sysDescr, "");
    }

    /** The private enterprise number of sysObjectID (1.3.6.1.4.1.N...), if it has one. */
    public OptionalInt enterprise() {
        if (sysObjectId != null && sysObjectId.size() > ENTERPRISES.size() && sysObjectId.startsWith(ENTERPRISES)) {
            return OptionalInt.of((int) sysObjectId.arc(ENTERPRISES.size()));
        }
        return OptionalInt.empty();
    }
}
