package org.printscout.mib.brother.internal;

import java.util.regex.Pattern;

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
 * Brother (enterprise 2435): serial number, model and firmware from Brother's private MIB. Brother
 * agents also answer HP's serial-number OID, with a binary blob that is not a serial, so this mapper
 * never reads it. Brother's page counters (brInfoCounter) are a binary record whose layout Brother
 * does not publish, so they are not read; see the README.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "brother", enterprise = 2435, rank = 100)
public final class BrotherMapper implements Mapper {

    static final Oid SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.1.0");
    /** The printer's name as Brother's own firmware gives it ("Brother MFC-L2710DW series"). */
    static final Oid MODEL = Oid.parse("1.3.6.1.4.1.2435.2.4.3.2435.5.13.3.0");
    /** Main firmware as text ("Firmware Ver.Q"). */
    static final Oid FIRMWARE = Oid.parse("1.3.6.1.4.1.2435.2.4.3.1240.6.5.0");
    static final Oid ROM_VERSION = Oid.parse("1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.17.0");

    static final OidPlan PLAN = OidPlan.builder().scalar(SERIAL_NUMBER).scalar(MODEL).scalar(FIRMWARE)
            .scalar(ROM_VERSION).build();

    private static final Pattern FIRMWARE_PREFIX = Pattern.compile("^Firmware\\s+Ver\\.?\\s*", Pattern.CASE_INSENSITIVE);

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.serial(VendorText.of(snapshot, SERIAL_NUMBER)).ifPresent(reading::serialNumber);
        VendorText.of(snapshot, MODEL).flatMap(model -> ModelNames.withoutVendor(model, "Brother"))
                .ifPresent(model -> {
                    reading.model(model);
                    reading.manufacturer("Brother");
                });
        VendorText.of(snapshot, FIRMWARE).map(f -> FIRMWARE_PREFIX.matcher(f).replaceFirst(""))
                .or(() -> VendorText.of(snapshot, ROM_VERSION))
                .ifPresent(reading::firmware);
    }
}
