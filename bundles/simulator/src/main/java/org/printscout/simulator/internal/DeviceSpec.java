package org.printscout.simulator.internal;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.printscout.api.snmp.Snapshot;
import org.printscout.simulator.Faults;

/**
 * A device to start.
 *
 * @param address where to bind
 * @param name the recording's name (its community)
 * @param recording the recorded values, shared by every copy of the same recording
 * @param copyNumber 0 for the first device of a recording, n for its n-th repeat in a fleet, which
 *        gets distinct serial numbers and MACs
 * @param faults the device's own faults, or null for the simulator's
 */
public record DeviceSpec(InetSocketAddress address, String name, Snapshot recording, int copyNumber, Faults faults) {
    public DeviceSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recording, "recording");
    }
}
