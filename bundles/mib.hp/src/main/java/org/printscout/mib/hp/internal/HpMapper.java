package org.printscout.mib.hp.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.mib.support.DeviceIdString;
import org.printscout.mib.support.ModelNames;
import org.printscout.mib.support.ScalarMeters;
import org.printscout.mib.support.VendorText;

/**
 * HP printers and JetDirect print servers: HP-LASERJET-COMMON-MIB ({@code 1.3.6.1.4.1.11.2.3.9.4.2})
 * and the JetDirect status ID. It claims HP's enterprise and, by sysDescr, JetDirect cards that
 * answer under another vendor's sysObjectID (jetdirect_1: a JetDirect EX under Kyocera's). Every OID,
 * its source and the recordings it was verified on are listed in the bundle's README.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "hp", enterprise = 11, sysDescr = "^HP ETHERNET MULTI-ENVIRONMENT", rank = 100)
public final class HpMapper implements Mapper {

    /** gdStatusId: the IEEE 1284 device ID (MFG, MDL, DES...). */
    static final Oid GD_STATUS_ID = Oid.parse("1.3.6.1.4.1.11.2.3.9.1.1.7.0");
    /** HP-LASERJET-COMMON-MIB serial-number; PML text, sometimes hex-encoded. */
    static final Oid SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0");
    static final Oid FW_ROM_DATECODE = Oid.parse("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.5.0");
    static final Oid FW_ROM_REVISION = Oid.parse("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.6.0");

    /** status-prt-eng counters (one printed side each) and the flatbed scanner's count. */
    static final ScalarMeters METERS = ScalarMeters.builder()
            .add("1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.5.0", "total", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.6.0", "mono", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.7.0", "color", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.22.0", "duplex", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.11.2.3.9.4.2.1.2.2.1.74.0", "hp.scan.flatbed", MeterUnit.PAGES)
            .build();

    static final OidPlan PLAN = METERS.declare(OidPlan.builder()
            .scalar(GD_STATUS_ID).scalar(SERIAL_NUMBER).scalar(FW_ROM_DATECODE).scalar(FW_ROM_REVISION))
            .build();

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        // the value on HP firmware; on a Brother, the same OID holds a binary blob, but this mapper
        // never sees Brothers (they answer under enterprise 2435)
        VendorText.serial(snapshot.get(SERIAL_NUMBER).flatMap(VendorText::ofTextOrHex)).ifPresent(reading::serialNumber);

        Optional<String> deviceId = VendorText.of(snapshot, GD_STATUS_ID);
        // DES names this device ("HP LaserJet MFP M130nw"); MDL may name a driver family shared by
        // several models ("HP LaserJet MFP M129-M134"), so it is only the fallback
        deviceId.flatMap(id -> DeviceIdString.field(id, "DES", "DESCRIPTION", "MDL", "MODEL"))
                .flatMap(model -> ModelNames.withoutVendor(model, "Hewlett-Packard", "HP"))
                .ifPresent(reading::model);
        deviceId.flatMap(id -> DeviceIdString.field(id, "MFG", "MANUFACTURER"))
                .filter(mfg -> mfg.equalsIgnoreCase("HP") || mfg.equalsIgnoreCase("Hewlett-Packard"))
                .ifPresent(mfg -> reading.manufacturer("HP"));

        VendorText.of(snapshot, FW_ROM_REVISION).or(() -> VendorText.of(snapshot, FW_ROM_DATECODE))
                .ifPresent(reading::firmware);
        METERS.map(snapshot, reading);
    }
}
