package org.printscout.mib.standard.internal;

import static org.printscout.mib.standard.internal.StandardOids.BROTHER_IEEE1284_DEVICE_ID;
import static org.printscout.mib.standard.internal.StandardOids.HP_IEEE1284_DEVICE_ID;
import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_DESCR;
import static org.printscout.mib.standard.internal.StandardOids.PPM_PRINTER_IEEE1284_DEVICE_ID;
import static org.printscout.mib.standard.internal.StandardOids.XEROX_IEEE1284_DEVICE_ID;
import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_STATUS;
import static org.printscout.mib.standard.internal.StandardOids.HR_DEVICE_TYPE;
import static org.printscout.mib.standard.internal.StandardOids.HR_PRINTER_ENTRY;
import static org.printscout.mib.standard.internal.StandardOids.IC_IMAGE_TOTAL_IMAGES;
import static org.printscout.mib.standard.internal.StandardOids.IC_IMPRESSION_FULL_COLOR_IMPS;
import static org.printscout.mib.standard.internal.StandardOids.IC_IMPRESSION_MONOCHROME_IMPS;
import static org.printscout.mib.standard.internal.StandardOids.IC_IMPRESSION_TOTAL_IMPS;
import static org.printscout.mib.standard.internal.StandardOids.IC_KEY_ENTRY;
import static org.printscout.mib.standard.internal.StandardOids.IC_SHEET_TOTAL_SHEETS;
import static org.printscout.mib.standard.internal.StandardOids.IC_TWO_SIDED_TOTAL_IMPS;
import static org.printscout.mib.standard.internal.StandardOids.IF_OPER_STATUS;
import static org.printscout.mib.standard.internal.StandardOids.IF_PHYS_ADDRESS;
import static org.printscout.mib.standard.internal.StandardOids.IF_TYPE;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_CODE;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_DESCRIPTION;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_GROUP;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_GROUP_INDEX;
import static org.printscout.mib.standard.internal.StandardOids.PRT_ALERT_SEVERITY_LEVEL;
import static org.printscout.mib.standard.internal.StandardOids.PRT_CONSOLE_DISPLAY_BUFFER_TEXT;
import static org.printscout.mib.standard.internal.StandardOids.PRT_GENERAL_SERIAL_NUMBER;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_COLORANT_VALUE;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_COUNTER_UNIT;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_LIFE_COUNT;
import static org.printscout.mib.standard.internal.StandardOids.PRT_MARKER_SUPPLIES_COLUMNS;
import static org.printscout.mib.standard.internal.StandardOids.SYS_DESCR;
import static org.printscout.mib.standard.internal.StandardOids.SYS_NAME;
import static org.printscout.mib.standard.internal.StandardOids.SYS_OBJECT_ID;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * The mapper every device gets: MIB-II, Host Resources (RFC 2790), Printer MIB (RFC 3805) and the
 * PWG Imaging System Counter MIB. It claims nothing, so it applies to every device, at rank 0, and
 * vendor mappers override any field they know better.
 *
 * <p>The plan is the same for every device. Table columns are declared one by one where only some
 * columns of a table are needed (ifTable 3 of 22, hrDeviceTable 3 of 6, prtMarkerTable 2 of 14,
 * prtMarkerSuppliesTable 6 of 8, prtAlertTable 5 of 8): the collector reads the columns of one table
 * side by side, in parallel once it knows the table's length. Tiny tables are declared as the whole
 * entry (hrPrinterTable, icKeyTable). See docs/mib-standard.md. The address is left to the collector, which knows where it sent the request;
 * ipAddrTable is not read.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "standard", rank = 0)
public final class StandardMibMapper implements Mapper {

    static final OidPlan PLAN = plan();

    private static OidPlan plan() {
        OidPlan.Builder plan = OidPlan.builder()
            .scalar(SYS_DESCR).scalar(SYS_OBJECT_ID).scalar(SYS_NAME)
            .scalar(HP_IEEE1284_DEVICE_ID).scalar(BROTHER_IEEE1284_DEVICE_ID).scalar(XEROX_IEEE1284_DEVICE_ID)
            .column(PPM_PRINTER_IEEE1284_DEVICE_ID)
            .column(IF_TYPE).column(IF_PHYS_ADDRESS).column(IF_OPER_STATUS)
            .column(HR_DEVICE_TYPE).column(HR_DEVICE_DESCR).column(HR_DEVICE_STATUS).column(HR_PRINTER_ENTRY)
            .column(PRT_GENERAL_SERIAL_NUMBER)
            .column(PRT_MARKER_COUNTER_UNIT).column(PRT_MARKER_LIFE_COUNT);
        PRT_MARKER_SUPPLIES_COLUMNS.forEach(plan::column);
        return plan.column(PRT_MARKER_COLORANT_VALUE)
            .column(PRT_CONSOLE_DISPLAY_BUFFER_TEXT)
            .column(PRT_ALERT_SEVERITY_LEVEL).column(PRT_ALERT_GROUP).column(PRT_ALERT_GROUP_INDEX)
            .column(PRT_ALERT_CODE).column(PRT_ALERT_DESCRIPTION)
            .column(IC_KEY_ENTRY).column(IC_IMPRESSION_TOTAL_IMPS).column(IC_IMPRESSION_MONOCHROME_IMPS)
            .column(IC_IMPRESSION_FULL_COLOR_IMPS).column(IC_TWO_SIDED_TOTAL_IMPS).column(IC_SHEET_TOTAL_SHEETS)
            .column(IC_IMAGE_TOTAL_IMAGES)
            .build();
    }

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        // sysDescr and sysName are reported as the device sent them; names are derived from cleaned text
        snapshot.text(SYS_DESCR).ifPresent(descr -> reading.identity("sysDescr", descr));
        snapshot.get(SYS_OBJECT_ID).flatMap(SnmpValue::asOid)
                .ifPresent(id -> reading.identity("sysObjectId", id.toString()));
        snapshot.text(SYS_NAME).ifPresent(name -> reading.identity("sysName", name));
        Optional<String> sysDescr = snapshot.get(SYS_DESCR).flatMap(DeviceText::of);

        InterfaceMac.select(snapshot).ifPresent(reading::macAddress);

        Optional<Oid> printer = HostResources.printerDevice(snapshot);
        SerialNumbers.select(snapshot, printer, sysDescr).ifPresent(reading::serialNumber);
        DeviceNames.Names names = DeviceNames.of(sysDescr, HostResources.description(snapshot, printer), DeviceId.of(snapshot));
        names.manufacturer().ifPresent(reading::manufacturer);
        names.model().ifPresent(reading::model);

        HostResources.mapStatus(snapshot, printer, reading);
        PrinterAlerts.map(snapshot, printer, reading);
        PrinterSupplies.map(snapshot, reading);
        PageCounters.map(snapshot, reading);
    }
}
