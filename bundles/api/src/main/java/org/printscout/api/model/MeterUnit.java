package org.printscout.api.model;

/** What a meter counts; Printer-MIB prtMarkerCounterUnit values where they exist. */
public enum MeterUnit {
    IMPRESSIONS(7),
    SHEETS(8),
    CLICKS(-1),
    PAGES(-1),
    LINES(6),
    CHARACTERS(5),
    METERS(17),
    FEET(16),
    TEN_THOUSANDTHS_OF_INCHES(3),
    MICROMETERS(4),
    DOT_ROWS(9),
    HOURS(11),
    OTHER(-1);

    private final int printerMibCode;

    MeterUnit(int printerMibCode) {
        this.printerMibCode = printerMibCode;
    }

    /** The unit of a Printer-MIB prtMarkerCounterUnit value; OTHER for codes it does not know. */
    public static MeterUnit ofPrinterMib(long code) {
        for (MeterUnit u : values()) {
            if (u.printerMibCode == code) {
                return u;
            }
        }
        return OTHER;
    }
}
