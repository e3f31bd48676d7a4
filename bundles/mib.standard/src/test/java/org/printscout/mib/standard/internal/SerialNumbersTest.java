package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

class SerialNumbersTest {

    private static final String SERIAL = "1.3.6.1.2.1.43.5.1.1.17.";

    @Test
    void takesThePrinterRowsSerialFirst() {
        Snapshot snapshot = TestSnapshot.with().text(SERIAL + 1, "FINISHER1").text(SERIAL + 2, "ABC1234567").build();
        assertEquals(Optional.of("ABC1234567"),
                SerialNumbers.select(snapshot, Optional.of(Oid.of(2)), Optional.empty()));
        assertEquals(Optional.of("FINISHER1"), SerialNumbers.select(snapshot, Optional.empty(), Optional.empty()));
    }

    @Test
    void skipsPlaceholdersAndFallsBackToSysDescr() {
        Snapshot snapshot = TestSnapshot.with().text(SERIAL + 1, "0000000000").text(SERIAL + 2, "Unknown").build();
        assertEquals(Optional.of("CNB9K12345"), SerialNumbers.select(snapshot, Optional.empty(),
                Optional.of("HP ETHERNET MULTI-ENVIRONMENT,SN:CNB9K12345,FN:1G11F33")));
        assertTrue(SerialNumbers.isPlaceholder("XXXXXXXX"));
        assertFalse(SerialNumbers.isPlaceholder("X3B8022793"));
    }

    @Test
    void findsOnlyLabelledSerialsInSysDescr() {
        assertEquals(Optional.of("AAAAAAA000AAAA000"),
                SerialNumbers.fromSysDescr("Samsung CLX-3170 Series;V1.00.01.64;S/N AAAAAAA000AAAA000"));
        assertEquals(Optional.empty(), SerialNumbers.fromSysDescr("Samsung M4080FX; V11.01;NIC ;S/N "));
        assertEquals(Optional.empty(), SerialNumbers.fromSysDescr("ACME printer, SNMPv2 agent"));
    }
}
