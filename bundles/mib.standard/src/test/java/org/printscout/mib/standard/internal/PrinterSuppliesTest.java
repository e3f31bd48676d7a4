package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.model.Supply;
import org.printscout.api.model.SupplyLevel;
import org.printscout.api.snmp.Snapshot;

class PrinterSuppliesTest {

    private static final String SUPPLY = "1.3.6.1.2.1.43.11.1.1.";
    private static final String COLORANT = "1.3.6.1.2.1.43.12.1.1.4.";

    private static List<Supply> map(Snapshot snapshot) {
        ReadingBuilder reading = new ReadingBuilder();
        PrinterSupplies.map(snapshot, reading);
        return reading.supplies();
    }

    @Test
    void readsEveryColumnOfASupply() {
        Snapshot snapshot = TestSnapshot.with()
                .integer(SUPPLY + "2.1.1", 1).integer(SUPPLY + "3.1.1", 2).integer(SUPPLY + "4.1.1", 3)
                .integer(SUPPLY + "5.1.1", 3).text(SUPPLY + "6.1.1", "Cyan Toner").integer(SUPPLY + "7.1.1", 13)
                .integer(SUPPLY + "8.1.1", 2500).integer(SUPPLY + "9.1.1", 500)
                .text(COLORANT + "1.1", "black").text(COLORANT + "1.2", "cyan")
                .build();
        assertEquals(List.of(new Supply(1, "Cyan Toner", "toner", "cyan", "tenthsOfGrams",
                SupplyLevel.ofPrinterMib(500), SupplyLevel.ofPrinterMib(2500), null)), map(snapshot));
    }

    @Test
    void leavesWhatTheDeviceDoesNotSayUnknown() {
        Snapshot snapshot = TestSnapshot.with()
                .integer(SUPPLY + "3.1.4", 0).integer(SUPPLY + "5.1.4", 35).text(SUPPLY + "6.1.4", "Matte Toner")
                .integer(SUPPLY + "8.1.4", -1)
                .build();
        assertEquals(List.of(new Supply(4, "Matte Toner", "35", null, null, SupplyLevel.UNKNOWN, SupplyLevel.OTHER,
                null)), map(snapshot));
    }

    @Test
    void findsLabelledPartNumbersOnly() {
        assertEquals(Optional.of("006R01509"), PrinterSupplies.partNumber("Black Toner, PN 006R01509;SN48178080E0000481"));
        assertEquals(Optional.of("TN-2420"), PrinterSupplies.partNumber("Toner P/N: TN-2420"));
        assertEquals(Optional.of("X950X2KG"), PrinterSupplies.partNumber("Black Cartridge, Part Number X950X2KG"));
        assertEquals(Optional.empty(), PrinterSupplies.partNumber("Fuser, PN unknown;SNunknown"));
        assertEquals(Optional.empty(), PrinterSupplies.partNumber("Black Cartridge 827A HP CF300A"));
        assertEquals(Optional.empty(), PrinterSupplies.partNumber("OPN 12 drum"));
    }
}
