package org.printscout.mib.samsung.internal;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.mib.support.ModelNames;
import org.printscout.mib.support.VendorText;

/**
 * Samsung (enterprise 236, and "Samsung ..." sysDescr for agents that send no sysObjectID):
 * SAMSUNG-PRINTER-EXT-MIB's scmPrtGeneralSimple group (model, serial number, firmware). Its count
 * table (scmPrtCountTable) describes each counter by media size, colorant and duplex codes whose
 * values the MIB imports from a TC module not found, so it is not read; see the README.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "samsung", enterprise = 236, sysDescr = "^Samsung ", rank = 100)
public final class SamsungMapper implements Mapper {

    static final Oid MODEL_NAME = Oid.parse("1.3.6.1.4.1.236.11.5.11.55.5.1.1.0");
    static final Oid OS_FIRMWARE = Oid.parse("1.3.6.1.4.1.236.11.5.11.55.5.1.2.0");
    static final Oid SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.236.11.5.11.55.5.1.4.0");

    static final OidPlan PLAN = OidPlan.builder().scalar(MODEL_NAME).scalar(OS_FIRMWARE).scalar(SERIAL_NUMBER).build();

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.of(snapshot, MODEL_NAME).flatMap(model -> ModelNames.withoutVendor(model, "Samsung"))
                .ifPresent(reading::model);
        VendorText.of(snapshot, OS_FIRMWARE).ifPresent(reading::firmware);
        VendorText.serial(VendorText.of(snapshot, SERIAL_NUMBER)).ifPresent(reading::serialNumber);
    }
}
