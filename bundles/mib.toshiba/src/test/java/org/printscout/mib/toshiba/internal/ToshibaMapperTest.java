package org.printscout.mib.toshiba.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;
import org.printscout.mib.testing.Readings;
import org.printscout.mib.testing.Recordings;
import org.printscout.mib.testing.VendorMapperContract;

class ToshibaMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new ToshibaMapper();
    }

    @Override
    protected String vendor() {
        return "toshiba";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new ToshibaMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("toshiba", new ToshibaMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void labelPrinterStubsYieldNothing() {
        assertEquals(null, read("toshiba-tec_ev4").identity().serialNumber());
    }

}
