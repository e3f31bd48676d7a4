package org.printscout.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SupplyLevelTest {

    @Test
    void printerMibSpecialValuesStayWhatTheyMeanNeverANumber() {
        assertSame(SupplyLevel.OTHER, SupplyLevel.ofPrinterMib(-1));
        assertSame(SupplyLevel.UNKNOWN, SupplyLevel.ofPrinterMib(-2));
        assertSame(SupplyLevel.SOME_REMAINING, SupplyLevel.ofPrinterMib(-3));
        assertSame(SupplyLevel.UNKNOWN, SupplyLevel.ofPrinterMib(-7), "other negatives are unknown");
        assertFalse(SupplyLevel.SOME_REMAINING.isAmount());
        assertEquals("some remaining", SupplyLevel.SOME_REMAINING.toString());
        assertEquals("unknown", SupplyLevel.UNKNOWN.toString());
    }

    @Test
    void zeroAndPositiveValuesAreAmounts() {
        SupplyLevel empty = SupplyLevel.ofPrinterMib(0);
        assertTrue(empty.isAmount());
        assertEquals(0, empty.amount());
        assertEquals("7500", SupplyLevel.ofPrinterMib(7500).toString());
    }
}
