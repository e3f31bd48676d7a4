package org.printscout.mib.konica.internal;

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
 * Konica Minolta (enterprise 18334), including its Develop OEM brand, which answers under the same
 * enterprise: the model name (which on OEM firmware is the OEM's: "Develop ineo+ 280"), firmware,
 * and the print/copy/scan counters of the {@code 18334.1.1.1.5.7.2} tree. See the README.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "konica", enterprise = 18334, rank = 100)
public final class KonicaMinoltaMapper implements Mapper {

    static final Oid MODEL = Oid.parse("1.3.6.1.4.1.18334.1.1.1.1.6.2.1.0");
    static final Oid FIRMWARE = Oid.parse("1.3.6.1.4.1.18334.1.1.1.1.6.1.0");

    /** Counters: 2.1.x totals; 2.2.1.5.colour.function with colour 1 black, 2 full colour, function 1 copy, 2 print. */
    static final ScalarMeters METERS = ScalarMeters.builder()
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.1.1.0", "total", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.1.3.0", "duplex", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.1.5.0", "scan", MeterUnit.PAGES)
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.2.1.5.1.1", "copy.mono", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.2.1.5.2.1", "copy.color", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.2.1.5.1.2", "print.mono", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.2.1.5.2.2", "print.color", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.2.1.7.1.2", "konica.print.mono.large", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.18334.1.1.1.5.7.2.2.1.7.2.2", "konica.print.color.large", MeterUnit.IMPRESSIONS)
            .build();

    static final OidPlan PLAN = METERS.declare(OidPlan.builder().scalar(MODEL).scalar(FIRMWARE)).build();

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.of(snapshot, MODEL).ifPresent(name -> {
            // OEM firmware names its own brand; the manufacturer follows the name the device gives
            if (name.regionMatches(true, 0, "Develop", 0, "Develop".length())) {
                ModelNames.withoutVendor(name, "Develop").ifPresent(model -> {
                    reading.model(model);
                    reading.manufacturer("Develop");
                });
            } else {
                ModelNames.withoutVendor(name, "KONICA MINOLTA").ifPresent(reading::model);
            }
        });
        VendorText.of(snapshot, FIRMWARE).ifPresent(reading::firmware);
        METERS.map(snapshot, reading);
    }
}
