package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class InterfaceMacTest {

    private static final String TYPE = "1.3.6.1.2.1.2.2.1.3.";
    private static final String ADDRESS = "1.3.6.1.2.1.2.2.1.6.";
    private static final String STATUS = "1.3.6.1.2.1.2.2.1.8.";

    @Test
    void prefersTheEthernetPortThatIsUp() {
        TestSnapshot snapshot = TestSnapshot.with()
                .integer(TYPE + 1, 24).text(ADDRESS + 1, "").integer(STATUS + 1, 1)
                .integer(TYPE + 2, 6).hex(ADDRESS + 2, "606DC743C343").integer(STATUS + 2, 2)
                .integer(TYPE + 3, 6).hex(ADDRESS + 3, "9457a534df33").integer(STATUS + 3, 1);
        assertEquals(Optional.of("94:57:A5:34:DF:33"), InterfaceMac.select(snapshot.build()));
    }

    @Test
    void prefersAWirelessPortThatIsUpToAnotherKindOfInterface() {
        TestSnapshot snapshot = TestSnapshot.with()
                .integer(TYPE + 1, 1).hex(ADDRESS + 1, "020000000001").integer(STATUS + 1, 1)
                .integer(TYPE + 2, 71).hex(ADDRESS + 2, "0A0000000002").integer(STATUS + 2, 1);
        assertEquals(Optional.of("0A:00:00:00:00:02"), InterfaceMac.select(snapshot.build()));
    }

    @Test
    void takesAnEthernetPortThatIsDownWhenNothingBetterIsThere() {
        TestSnapshot snapshot = TestSnapshot.with()
                .integer(TYPE + 1, 6).hex(ADDRESS + 1, "001122334455").integer(STATUS + 1, 2);
        assertEquals(Optional.of("00:11:22:33:44:55"), InterfaceMac.select(snapshot.build()));
    }

    @Test
    void skipsAddressesNoStationHas() {
        TestSnapshot snapshot = TestSnapshot.with()
                .integer(TYPE + 1, 6).hex(ADDRESS + 1, "000000000000")
                .integer(TYPE + 2, 6).hex(ADDRESS + 2, "FFFFFFFFFFFF")
                .integer(TYPE + 3, 6).hex(ADDRESS + 3, "01005E000001")
                .integer(TYPE + 4, 6).hex(ADDRESS + 4, "0011223344")
                .integer(TYPE + 5, 24).hex(ADDRESS + 5, "001122334455");
        assertEquals(Optional.empty(), InterfaceMac.select(snapshot.build()));
    }

    @Test
    void readsAnAddressSentAsText() {
        TestSnapshot snapshot = TestSnapshot.with()
                .integer(TYPE + 1, 6).text(ADDRESS + 1, "0:20:4a:fa:9b:ee");
        assertEquals(Optional.of("00:20:4A:FA:9B:EE"), InterfaceMac.select(snapshot.build()));
    }
}
