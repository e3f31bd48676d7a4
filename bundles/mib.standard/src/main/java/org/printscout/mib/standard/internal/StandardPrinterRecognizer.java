package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_TYPE;
import static org.printscout.mib.standard.internal.StandardOids.HR_PRINTER_DETECTED_ERROR_STATE;
import static org.printscout.mib.standard.internal.StandardOids.HR_PRINTER_STATUS;
import static org.printscout.mib.standard.internal.StandardOids.PRT_GENERAL_SERIAL_NUMBER;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_COUNTER_UNIT;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_LIFE_COUNT;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_SUPPLIES_ENTRY;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.discovery.PrinterRecognizer;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.snmp.Snapshot;

/**
 * {@link PrinterRecognition} offered to discovery: Printer MIB or a Host Resources printer of a
 * dedicated device is a printer; a general-purpose host (Windows, net-snmp, ...) is positively not
 * one, so that a vendor mapper's claim on its enterprise (HP-UX under HP's 11, say) does not count.
 */
@Component(service = PrinterRecognizer.class)
public final class StandardPrinterRecognizer implements PrinterRecognizer {

    /**
     * Narrower than {@link PrinterRecognition#PLAN}: one supplies column instead of the whole entry is
     * enough to see that the table exists, and this plan is asked of every SNMP device on a network.
     */
    static final OidPlan PROBE_PLAN = OidPlan.builder()
            .column(HR_DEVICE_TYPE).column(HR_PRINTER_STATUS).column(HR_PRINTER_DETECTED_ERROR_STATE)
            .column(PRT_GENERAL_SERIAL_NUMBER).column(PRT_MARKER_COUNTER_UNIT).column(PRT_MARKER_LIFE_COUNT)
            .column(PRT_MARKER_SUPPLIES_ENTRY.append(9))
            .build();

    @Override
    public OidPlan plan() {
        return PROBE_PLAN;
    }

    @Override
    public Verdict recognise(Snapshot snapshot) {
        if (PrinterRecognition.isPrinter(snapshot)) {
            return Verdict.PRINTER;
        }
        return PrinterRecognition.isGeneralPurposeHost(snapshot) ? Verdict.NOT_PRINTER : Verdict.UNDECIDED;
    }
}
