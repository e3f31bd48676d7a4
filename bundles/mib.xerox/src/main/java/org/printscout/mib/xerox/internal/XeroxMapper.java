package org.printscout.mib.xerox.internal;

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
 * Xerox (enterprise 253) and Fuji Xerox / FUJIFILM Business Innovation (297, whose devices share
 * most of Xerox's common MIB): the device ID string for the model, the device serial number, and
 * the counters of XEROX-HOST-RESOURCES-EXT-MIB's xcmHrDevDetailTable (value column, indexed by
 * hrDeviceIndex, detail type 20 = counters, counter number). See the README for sources.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "xerox", enterprise = {253, 297}, rank = 100)
public final class XeroxMapper implements Mapper {

    /** IEEE 1284 device ID of the printer ("MFG:Xerox; MDL:AltaLink C8045; ..."). */
    static final Oid DEVICE_ID = Oid.parse("1.3.6.1.4.1.253.8.51.1.2.1.20.1");
    static final Oid SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.253.8.53.3.2.1.3.1");

    /** xcmHrDevDetailValueInteger: hrDevice 1 = marker, 10 = scanner, 11 = copier. */
    static final ScalarMeters METERS = ScalarMeters.builder()
            .add("1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.1", "total", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.33", "color", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.34", "mono", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.253.8.53.13.2.1.6.11.20.25", "copy.color", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.253.8.53.13.2.1.6.11.20.3", "copy.mono", MeterUnit.IMPRESSIONS)
            .add("1.3.6.1.4.1.253.8.53.13.2.1.6.10.20.11", "xerox.scanToEmail", MeterUnit.PAGES)
            .add("1.3.6.1.4.1.253.8.53.13.2.1.6.10.20.12", "xerox.scanToNetwork", MeterUnit.PAGES)
            .build();

    static final OidPlan PLAN = METERS.declare(OidPlan.builder().scalar(DEVICE_ID).scalar(SERIAL_NUMBER)).build();

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.of(snapshot, DEVICE_ID).flatMap(id -> DeviceIdString.field(id, "MDL", "MODEL", "DES"))
                .flatMap(model -> ModelNames.withoutVendor(model, "FUJI XEROX", "FUJIFILM", "Xerox"))
                .ifPresent(reading::model);
        VendorText.serial(VendorText.of(snapshot, SERIAL_NUMBER)).ifPresent(reading::serialNumber);
        METERS.map(snapshot, reading);
    }
}
