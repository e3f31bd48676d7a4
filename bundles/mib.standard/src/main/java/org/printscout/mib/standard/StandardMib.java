package org.printscout.mib.standard;

import org.printscout.api.discovery.PrinterRecognizer;
import org.printscout.api.mapper.Mapper;
import org.printscout.mib.standard.internal.StandardMibMapper;
import org.printscout.mib.standard.internal.StandardPrinterRecognizer;

/** The standard MIB mapper (MIB-II, Host-Resources, Printer-MIB, PWG counters) as a plain object. */
public final class StandardMib {

    private StandardMib() {
    }

    /** A new standard mapper; it keeps no state between snapshots. */
    public static Mapper mapper() {
        return new StandardMibMapper();
    }

    /** A new recognizer of printers by the standard MIBs (Printer-MIB rows, hrDeviceType printer). */
    public static PrinterRecognizer recognizer() {
        return new StandardPrinterRecognizer();
    }
}
