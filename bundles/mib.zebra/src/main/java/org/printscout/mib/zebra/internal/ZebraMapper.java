package org.printscout.mib.zebra.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.printscout.mib.support.VendorText;

/**
 * Zebra label printers: Zebra's own enterprise (10642) and ZebraNet print servers, which answer
 * under Extended Systems' enterprise (683, ESI-MIB). ESI made print servers for other vendors too,
 * so under 683 only a Zebra sysDescr is accepted. Reads the serial number, model, firmware and the
 * printed length odometer. See the README.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "zebra", enterprise = {10642, 683}, rank = 100)
public final class ZebraMapper implements Mapper {

    static final Oid GEN_SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.683.1.5.0");
    static final Oid GEN_VERSION = Oid.parse("1.3.6.1.4.1.683.1.9.0");
    static final Oid ZQL_SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.10642.200.19.5.0");
    static final Oid ZBR_MODEL = Oid.parse("1.3.6.1.4.1.10642.1.1.0");
    static final Oid ZBR_FIRMWARE = Oid.parse("1.3.6.1.4.1.10642.1.2.0");
    /** zql-odometer-total-print-length, text such as "1920 INCHES, 4876 CENTIMETERS". */
    static final Oid ODOMETER_TOTAL_LENGTH = Oid.parse("1.3.6.1.4.1.10642.200.17.3.0");

    static final OidPlan PLAN = OidPlan.builder().scalar(GEN_SERIAL_NUMBER).scalar(GEN_VERSION)
            .scalar(ZQL_SERIAL_NUMBER).scalar(ZBR_MODEL).scalar(ZBR_FIRMWARE).scalar(ODOMETER_TOTAL_LENGTH).build();

    private static final int ESI = 683;
    private static final Pattern ZEBRA = Pattern.compile("(?i)\\bZebra");
    private static final Pattern INCHES = Pattern.compile("(?i)\\b(\\d{1,14})\\s*INCH");

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public boolean appliesTo(DeviceFacts device) {
        return device.enterprise().orElse(0) != ESI || ZEBRA.matcher(device.sysDescr()).find();
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.serial(VendorText.of(snapshot, GEN_SERIAL_NUMBER).or(() -> VendorText.of(snapshot, ZQL_SERIAL_NUMBER)))
                .ifPresent(reading::serialNumber);
        // "ZTC" is Zebra Technologies Corporation's prefix to the model name
        VendorText.of(snapshot, ZBR_MODEL).flatMap(model -> ModelNames.withoutVendor(model, "ZTC", "Zebra"))
                .ifPresent(model -> {
                    reading.model(model);
                    reading.manufacturer("Zebra");
                });
        VendorText.of(snapshot, GEN_VERSION).or(() -> VendorText.of(snapshot, ZBR_FIRMWARE)).ifPresent(reading::firmware);
        inches(VendorText.of(snapshot, ODOMETER_TOTAL_LENGTH)).ifPresent(inches ->
                // MeterUnit has no inches; ten-thousandths of an inch (Printer MIB unit 3) keeps it exact
                reading.meter("zebra.printLength", Math.multiplyExact(inches, 10_000L), MeterUnit.TEN_THOUSANDTHS_OF_INCHES));
    }

    static Optional<Long> inches(Optional<String> odometer) {
        if (odometer.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = INCHES.matcher(odometer.get());
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
