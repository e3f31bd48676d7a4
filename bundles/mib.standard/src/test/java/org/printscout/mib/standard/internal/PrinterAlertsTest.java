package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.printscout.api.model.Alert;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

class PrinterAlertsTest {

    private static final String ALERT = "1.3.6.1.2.1.43.18.1.1.";
    private static final String CONSOLE = "1.3.6.1.2.1.43.16.5.1.2.";

    private static DeviceReading map(Snapshot snapshot, Optional<Oid> printer) {
        ReadingBuilder reading = new ReadingBuilder();
        PrinterAlerts.map(snapshot, printer, reading);
        return reading.build(Instant.EPOCH);
    }

    @Test
    void namesSeverityGroupAndCode() {
        Snapshot snapshot = TestSnapshot.with()
                .integer(ALERT + "2.1.12", 3).integer(ALERT + "4.1.12", 8).integer(ALERT + "5.1.12", 2)
                .integer(ALERT + "7.1.12", 808).text(ALERT + "8.1.12", "Tray 2 empty")
                .integer(ALERT + "2.1.14", 5).integer(ALERT + "4.1.14", 11).integer(ALERT + "5.1.14", -1)
                .integer(ALERT + "7.1.14", 4242).text(ALERT + "8.1.14", "")
                .build();
        assertEquals(List.of(
                new Alert(12, "critical", "input", 2, "inputMediaSupplyEmpty", "Tray 2 empty"),
                new Alert(14, "warningBinaryChangeEvent", "markerSupplies", -1, "4242", null)),
                map(snapshot, Optional.empty()).alerts());
    }

    @Test
    void takesTheConsoleLinesOfThePrinter() {
        Snapshot snapshot = TestSnapshot.with()
                .text(CONSOLE + "1.1", "Ready").text(CONSOLE + "1.2", "  Tray 2 low ")
                .text(CONSOLE + "2.1", "Finisher idle")
                .build();
        assertEquals(List.of("Ready", "Tray 2 low"), map(snapshot, Optional.of(Oid.of(1))).status().consoleDisplay());
        assertEquals(List.of("Ready", "Tray 2 low", "Finisher idle"),
                map(snapshot, Optional.of(Oid.of(9))).status().consoleDisplay());
    }
}
