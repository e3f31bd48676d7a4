package org.printscout.inventory.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.printscout.api.model.DeviceIdentity;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.DeviceStatus;
import org.printscout.api.model.Meter;
import org.printscout.api.model.MeterUnit;

/** Readings made up for inventory tests. */
final class Readings {

    private Readings() {
    }

    static DeviceReading of(String address, String serial, String mac, long total, Instant at) {
        return new DeviceReading(new DeviceIdentity(address, mac, serial, "HP", "LaserJet", "1.3.6.1.4.1.11.2.3.9.1",
                "HP ETHERNET MULTI-ENVIRONMENT", "printer", "1.0"), at,
                new DeviceStatus("running", "idle", List.of(), List.of()), List.of(new Meter("total", total, MeterUnit.values()[0])),
                List.of(), List.of(), Map.of("serialNumber", "hp"), List.of());
    }
}
