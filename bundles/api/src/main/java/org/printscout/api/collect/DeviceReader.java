package org.printscout.api.collect;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.SnmpTarget;

/**
 * Reads one device completely: chooses the mappers that apply, fetches what they need in as few PDUs
 * as possible, and merges their fields. Completes exceptionally with an
 * {@link org.printscout.api.snmp.SnmpException} when the device cannot be reached at all.
 */
@ProviderType
public interface DeviceReader {

    CompletionStage<DeviceReading> read(SnmpTarget target);
}
