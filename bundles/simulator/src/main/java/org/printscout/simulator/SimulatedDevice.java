package org.printscout.simulator;

import java.net.InetSocketAddress;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.printscout.api.snmp.Snapshot;

/** One running simulated device. */
@ProviderType
public interface SimulatedDevice {

    /** The recording's name; also a v1/v2c community the device answers. */
    String name();

    /** Where the device listens, with the port actually bound (useful when 0 was asked for). */
    InetSocketAddress address();

    /** Every v1/v2c community the device answers. */
    Set<String> communities();

    /** The device's SNMPv3 authoritative engine id (each device has its own). */
    byte[] engineId();

    /** The values the device serves: its recording, with this copy's serial numbers and MACs. */
    Snapshot served();

    Faults faults();

    /** Replaces this device's faults; takes effect with the next request. */
    void setFaults(Faults faults);

    TrafficStatistics statistics();
}
