package org.printscout.mib.standard.internal;

import java.util.List;

import org.printscout.api.snmp.Oid;

/**
 * The objects of the standard MIBs this bundle reads. Every OID a part of the mapper reads is
 * named here, and {@link StandardMibMapper#PLAN} declares each of them (or the table entry that
 * holds it), so the plan and the reads cannot drift apart unnoticed.
 */
final class StandardOids {

    private StandardOids() {
    }

    // MIB-II system group (RFC 3418)
    static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    static final Oid SYS_OBJECT_ID = Oid.parse("1.3.6.1.2.1.1.2.0");
    static final Oid SYS_NAME = Oid.parse("1.3.6.1.2.1.1.5.0");

    // IEEE 1284 Device ID: PWG Port Monitor MIB ppmPrinterIEEE1284DeviceId, and the copies HP (and
    // Brother, on the same layout) and Xerox publish where the PWG table is missing
    static final Oid PPM_PRINTER_IEEE1284_DEVICE_ID = Oid.parse("1.3.6.1.4.1.2699.1.2.1.2.1.1.3");
    static final Oid HP_IEEE1284_DEVICE_ID = Oid.parse("1.3.6.1.4.1.11.2.3.9.1.1.7.0");
    static final Oid BROTHER_IEEE1284_DEVICE_ID = Oid.parse("1.3.6.1.4.1.2435.2.3.9.1.1.7.0");
    static final Oid XEROX_IEEE1284_DEVICE_ID = Oid.parse("1.3.6.1.4.1.253.8.51.1.2.1.20.1");

    // MIB-II ifTable (RFC 2863)
    static final Oid IF_TYPE = Oid.parse("1.3.6.1.2.1.2.2.1.3");
    static final Oid IF_PHYS_ADDRESS = Oid.parse("1.3.6.1.2.1.2.2.1.6");
    static final Oid IF_OPER_STATUS = Oid.parse("1.3.6.1.2.1.2.2.1.8");

    // Host Resources hrDeviceTable and hrPrinterTable (RFC 2790)
    static final Oid HR_DEVICE_TYPE = Oid.parse("1.3.6.1.2.1.25.3.2.1.2");
    static final Oid HR_DEVICE_DESCR = Oid.parse("1.3.6.1.2.1.25.3.2.1.3");
    static final Oid HR_DEVICE_STATUS = Oid.parse("1.3.6.1.2.1.25.3.2.1.5");
    /** hrDeviceTypes: the registration point of the hrDeviceType values. */
    static final Oid HR_DEVICE_TYPES = Oid.parse("1.3.6.1.2.1.25.3.1");
    /** The hrDeviceType value of a printer (hrDevicePrinter). */
    static final Oid HR_DEVICE_PRINTER = HR_DEVICE_TYPES.append(5);
    static final Oid HR_PRINTER_ENTRY = Oid.parse("1.3.6.1.2.1.25.3.5.1");
    static final Oid HR_PRINTER_STATUS = HR_PRINTER_ENTRY.append(1);
    static final Oid HR_PRINTER_DETECTED_ERROR_STATE = HR_PRINTER_ENTRY.append(2);

    // Printer MIB v2 (RFC 3805)
    static final Oid PRT_GENERAL_SERIAL_NUMBER = Oid.parse("1.3.6.1.2.1.43.5.1.1.17");
    static final Oid PRT_MARKER_COUNTER_UNIT = Oid.parse("1.3.6.1.2.1.43.10.2.1.3");
    static final Oid PRT_MARKER_LIFE_COUNT = Oid.parse("1.3.6.1.2.1.43.10.2.1.4");
    static final Oid PRT_MARKER_SUPPLIES_ENTRY = Oid.parse("1.3.6.1.2.1.43.11.1.1");
    static final int SUPPLIES_COLORANT_INDEX = 3;
    static final int SUPPLIES_TYPE = 5;
    static final int SUPPLIES_DESCRIPTION = 6;
    static final int SUPPLIES_UNIT = 7;
    static final int SUPPLIES_MAX_CAPACITY = 8;
    static final int SUPPLIES_LEVEL = 9;
    /** The prtMarkerSuppliesTable columns the mapper reads (not MarkerIndex 2 nor Class 4). */
    static final List<Oid> PRT_MARKER_SUPPLIES_COLUMNS = java.util.stream.IntStream.of(SUPPLIES_COLORANT_INDEX, SUPPLIES_TYPE,
            SUPPLIES_DESCRIPTION, SUPPLIES_UNIT, SUPPLIES_MAX_CAPACITY, SUPPLIES_LEVEL).mapToObj(PRT_MARKER_SUPPLIES_ENTRY::append).toList();
    static final Oid PRT_MARKER_COLORANT_VALUE = Oid.parse("1.3.6.1.2.1.43.12.1.1.4");
    static final Oid PRT_CONSOLE_DISPLAY_BUFFER_TEXT = Oid.parse("1.3.6.1.2.1.43.16.5.1.2");
    static final Oid PRT_ALERT_SEVERITY_LEVEL = Oid.parse("1.3.6.1.2.1.43.18.1.1.2");
    static final Oid PRT_ALERT_GROUP = Oid.parse("1.3.6.1.2.1.43.18.1.1.4");
    static final Oid PRT_ALERT_GROUP_INDEX = Oid.parse("1.3.6.1.2.1.43.18.1.1.5");
    static final Oid PRT_ALERT_CODE = Oid.parse("1.3.6.1.2.1.43.18.1.1.7");
    static final Oid PRT_ALERT_DESCRIPTION = Oid.parse("1.3.6.1.2.1.43.18.1.1.8");

    // PWG Imaging System State and Counter MIB v2 (PWG 5106.3): imagingCounterMIB is
    // { enterprises pwg(2699) mibs(1) 3 }; 2699.1.2 is the unrelated Printer Port Monitor MIB.
    static final Oid IC_KEY_ENTRY = Oid.parse("1.3.6.1.4.1.2699.1.3.1.2.1.1");
    static final int IC_KEY_SERVICE_TYPE = 2;
    static final int IC_KEY_SUBUNIT_INDEX = 5;
    static final Oid IC_IMAGE_TOTAL_IMAGES = Oid.parse("1.3.6.1.4.1.2699.1.3.1.7.1.1.4");
    static final Oid IC_IMPRESSION_TOTAL_IMPS = Oid.parse("1.3.6.1.4.1.2699.1.3.1.8.1.1.4");
    static final Oid IC_IMPRESSION_MONOCHROME_IMPS = Oid.parse("1.3.6.1.4.1.2699.1.3.1.8.1.1.5");
    static final Oid IC_IMPRESSION_FULL_COLOR_IMPS = Oid.parse("1.3.6.1.4.1.2699.1.3.1.8.1.1.7");
    static final Oid IC_TWO_SIDED_TOTAL_IMPS = Oid.parse("1.3.6.1.4.1.2699.1.3.1.9.1.1.4");
    static final Oid IC_SHEET_TOTAL_SHEETS = Oid.parse("1.3.6.1.4.1.2699.1.3.1.10.1.1.4");
}
