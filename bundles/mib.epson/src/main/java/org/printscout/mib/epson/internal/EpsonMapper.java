package org.printscout.mib.epson.internal;

import java.util.Map;
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
import org.printscout.mib.support.VendorText;

/**
 * Epson (enterprise 1248), printers and network scan servers: serial numbers, model and firmware.
 * Epson names the device model inside the hrDeviceID it gives its Host Resources rows
 * ({@code 1248.1.2.1.<length>.<characters>}), which also covers its scan servers, whose only
 * hrDevice row is not a printer and so gives the standard mapper no model. No Epson page counter
 * with a usable source was found; see the README.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "epson", enterprise = 1248, rank = 100)
public final class EpsonMapper implements Mapper {

    static final Oid SCANNER_SERIAL = Oid.parse("1.3.6.1.4.1.1248.1.1.3.1.1.1.0");
    static final Oid SCANNER_FIRMWARE = Oid.parse("1.3.6.1.4.1.1248.1.1.3.1.21.1.1.2.1");
    static final Oid PRINTER_MODEL = Oid.parse("1.3.6.1.4.1.1248.1.2.2.1.1.1.2.1");
    static final Oid PRINTER_SERIAL = Oid.parse("1.3.6.1.4.1.1248.1.2.2.1.1.1.5.1");
    /** HOST-RESOURCES-MIB hrDeviceID. */
    static final Oid HR_DEVICE_ID = Oid.parse("1.3.6.1.2.1.25.3.2.1.4");
    /** Epson's product identifiers: the model follows as a length-prefixed string of character arcs. */
    static final Oid EPSON_PRODUCT = Oid.parse("1.3.6.1.4.1.1248.1.2.1");

    static final OidPlan PLAN = OidPlan.builder().scalar(SCANNER_SERIAL).scalar(SCANNER_FIRMWARE)
            .scalar(PRINTER_MODEL).scalar(PRINTER_SERIAL).column(HR_DEVICE_ID).build();

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.serial(VendorText.of(snapshot, PRINTER_SERIAL).or(() -> VendorText.of(snapshot, SCANNER_SERIAL)))
                .ifPresent(reading::serialNumber);
        VendorText.of(snapshot, PRINTER_MODEL).or(() -> modelFromDeviceId(snapshot))
                .map(model -> model.replaceFirst("(?i)^EPSON\\s+", ""))
                .ifPresent(model -> {
                    reading.model(model);
                    reading.manufacturer("Epson");
                });
        VendorText.of(snapshot, SCANNER_FIRMWARE).ifPresent(reading::firmware);
    }

    private static Optional<String> modelFromDeviceId(Snapshot snapshot) {
        for (Map.Entry<Oid, SnmpValue> row : snapshot.column(HR_DEVICE_ID).entrySet()) {
            Optional<String> model = row.getValue().asOid().flatMap(EpsonMapper::decodeProductId);
            if (model.isPresent()) {
                return model;
            }
        }
        return Optional.empty();
    }

    static Optional<String> decodeProductId(Oid id) {
        if (!id.startsWith(EPSON_PRODUCT) || id.size() <= EPSON_PRODUCT.size()) {
            return Optional.empty();
        }
        Oid rest = id.suffixAfter(EPSON_PRODUCT);
        long length = rest.arc(0);
        if (length < 1 || length != rest.size() - 1) {
            return Optional.empty();
        }
        StringBuilder model = new StringBuilder();
        for (int i = 1; i < rest.size(); i++) {
            long c = rest.arc(i);
            if (c < 0x20 || c > 0x7e) {
                return Optional.empty();
            }
            model.append((char) c);
        }
        String text = model.toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
