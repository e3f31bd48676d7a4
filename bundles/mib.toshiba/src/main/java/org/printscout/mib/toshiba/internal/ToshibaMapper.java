package org.printscout.mib.toshiba.internal;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.mib.support.VendorText;

/**
 * Toshiba TEC (enterprise 1129): the barcode-printer MIB's product number (the serial), model and
 * firmware version. e-STUDIO devices built by Lexmark answer under Lexmark's enterprise and are
 * the Lexmark mapper's; no e-STUDIO page counter with a usable source was found (see the README).
 */
@Component(service = Mapper.class)
@MapperClaims(name = "toshiba", enterprise = 1129, rank = 100)
public final class ToshibaMapper implements Mapper {

    static final Oid PRODUCT_NUMBER = Oid.parse("1.3.6.1.4.1.1129.1.2.1.1.1.1.1.0");
    static final Oid PRODUCT_VERSION = Oid.parse("1.3.6.1.4.1.1129.1.2.1.1.1.1.2.0");
    static final Oid DEVICE_MODEL = Oid.parse("1.3.6.1.4.1.1129.1.2.1.1.1.2.1.0");

    static final OidPlan PLAN = OidPlan.builder().scalar(PRODUCT_NUMBER).scalar(PRODUCT_VERSION).scalar(DEVICE_MODEL)
            .build();

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.serial(VendorText.of(snapshot, PRODUCT_NUMBER)).ifPresent(reading::serialNumber);
        VendorText.of(snapshot, DEVICE_MODEL).ifPresent(reading::model);
        // TEC firmware reports versions as "B1.2"; the leading letter is a build marker, kept as sent
        VendorText.of(snapshot, PRODUCT_VERSION).ifPresent(reading::firmware);
    }
}
