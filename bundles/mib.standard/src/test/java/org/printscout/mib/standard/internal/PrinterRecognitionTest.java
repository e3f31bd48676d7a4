package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrinterRecognitionTest {

    private static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
    private static final String SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
    private static final String HR_DEVICE_TYPE = "1.3.6.1.2.1.25.3.2.1.2.";
    private static final String HR_PRINTER_STATUS = "1.3.6.1.2.1.25.3.5.1.1.";
    private static final String PRINTER = "1.3.6.1.2.1.25.3.1.5";
    private static final String PROCESSOR = "1.3.6.1.2.1.25.3.1.3";

    @Test
    void takesAnyPrinterMibMarkerOrSupplyAsProof() {
        assertTrue(PrinterRecognition.isPrinter(TestSnapshot.with()
                .text(SYS_DESCR, "Whatever").integer("1.3.6.1.2.1.43.11.1.1.9.1.1", 50).build()));
        assertTrue(PrinterRecognition.isPrinter(TestSnapshot.with()
                .counter("1.3.6.1.2.1.43.10.2.1.4.1.1", 12345).build()));
    }

    @Test
    void acceptsAHostResourcesPrinterOfADedicatedDevice() {
        assertTrue(PrinterRecognition.isPrinter(TestSnapshot.with()
                .text(SYS_DESCR, "ZebraNet Wired PS").oid(SYS_OBJECT_ID, "1.3.6.1.4.1.683.6.0")
                .oid(HR_DEVICE_TYPE + 1, PRINTER).oid(HR_DEVICE_TYPE + 2, PROCESSOR)
                .integer(HR_PRINTER_STATUS + 1, 3).build()));
    }

    @Test
    void wantsAPrinterTableEntryForTheHostResourcesPrinter() {
        assertFalse(PrinterRecognition.isPrinter(TestSnapshot.with()
                .text(SYS_DESCR, "Some appliance").oid(HR_DEVICE_TYPE + 1, PRINTER).build()));
    }

    @Test
    void rejectsTheQueuesOfAWindowsHost() {
        assertFalse(PrinterRecognition.isPrinter(TestSnapshot.with()
                .text(SYS_DESCR, "Hardware: Intel64 Family 6 - Software: Windows Version 6.3")
                .oid(SYS_OBJECT_ID, "1.3.6.1.4.1.311.1.1.3.1.2")
                .oid(HR_DEVICE_TYPE + 1, PRINTER).integer(HR_PRINTER_STATUS + 1, 3).build()));
        assertFalse(PrinterRecognition.isPrinter(TestSnapshot.with()
                .text(SYS_DESCR, "Hardware: x86 - Software: Windows 2000 Version 5.1")
                .oid(SYS_OBJECT_ID, "1.3.6.1.4.1.9999.1")
                .oid(HR_DEVICE_TYPE + 1, PRINTER).integer(HR_PRINTER_STATUS + 1, 3).build()));
    }

    @Test
    void rejectsNetSnmpQueuesEvenBehindAnApplianceIdentity() {
        assertFalse(PrinterRecognition.isPrinter(TestSnapshot.with()
                .text(SYS_DESCR, "NXC2500").oid(SYS_OBJECT_ID, "1.3.6.1.4.1.890.1.15")
                .oid(HR_DEVICE_TYPE + 768, PROCESSOR).oid(HR_DEVICE_TYPE + 1280, PRINTER)
                .integer(HR_PRINTER_STATUS + 1280, 3).build()));
        assertFalse(PrinterRecognition.isPrinter(TestSnapshot.with()
                .text(SYS_DESCR, "Appliance").oid(SYS_OBJECT_ID, "1.3.6.1.4.1.21317")
                .oid(HR_DEVICE_TYPE + 196608, PROCESSOR).oid(HR_DEVICE_TYPE + 327680, PRINTER)
                .integer(HR_PRINTER_STATUS + 327680, 3).build()));
    }
}
