package org.printscout.mib.lexmark.internal;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.mib.support.ModelNames;
import org.printscout.mib.support.ScalarMeters;
import org.printscout.mib.support.VendorText;

/**
 * Lexmark (enterprise 641), including devices Lexmark builds for others that keep Lexmark's
 * enterprise (Toshiba e-STUDIO305CS). The LEXMARK-MPS-MIB device table gives model and serial.
 * Lexmark's page counters are documented only by third-party notes and were not seen on a
 * recording, so they are kept under {@code lexmark.*} names rather than as normalised meters,
 * which would override the standard Printer MIB total; see the README.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "lexmark", enterprise = 641, rank = 100)
public final class LexmarkMapper implements Mapper {

    static final Oid DEVICE_MODEL = Oid.parse("1.3.6.1.4.1.641.6.2.3.1.4.1");
    static final Oid DEVICE_SERIAL = Oid.parse("1.3.6.1.4.1.641.6.2.3.1.5.1");

    static final ScalarMeters METERS = ScalarMeters.builder()
            .add("1.3.6.1.4.1.641.2.1.5.1.0", "lexmark.total", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.641.2.1.5.2.0", "lexmark.mono", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.641.2.1.5.3.0", "lexmark.color", MeterUnit.IMPRESSIONS)
            .build();

    static final OidPlan PLAN = METERS.declare(OidPlan.builder().scalar(DEVICE_MODEL).scalar(DEVICE_SERIAL)).build();

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.of(snapshot, DEVICE_MODEL).flatMap(model -> ModelNames.withoutVendor(model, "Lexmark"))
                .ifPresent(reading::model);
        VendorText.serial(VendorText.of(snapshot, DEVICE_SERIAL)).ifPresent(reading::serialNumber);
        METERS.map(snapshot, reading);
    }
}
