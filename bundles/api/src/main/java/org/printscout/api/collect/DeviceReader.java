package org.printscout.api.collect;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.Snapshot;

/**
 * Reads one device completely: chooses the mappers that apply, fetches what they need in as few PDUs
 * as possible, and merges their fields. Completes exceptionally with an
 * {@link org.printscout.api.snmp.SnmpException} when the device cannot be reached at all.
 */
@ProviderType
public interface DeviceReader {

    CompletionStage<DeviceReading> read(SnmpTarget target);

    /**
     * Reads a recorded device (a {@code .snmprec} file or a Walk MIB output) exactly as a live one:
     * the same mappers, the same plan, and only the recorded values the plan asks for, so a reading
     * from a recording equals the reading of the device it was recorded from.
     *
     * @param address what to report as the device's address
     */
    CompletionStage<DeviceReading> replay(Snapshot recording, String address);
}
