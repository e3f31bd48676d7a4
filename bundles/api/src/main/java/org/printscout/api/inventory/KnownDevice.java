package org.printscout.api.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.printscout.api.model.DeviceReading;

/**
 * A device the agent has found, as the inventory keeps it.
 *
 * @param id stable identifier, derived from serial number and MAC address when the device tells them
 * @param address the address it answered at last; {@code port} its SNMP port
 * @param previousAddresses addresses it had before (most recent first, bounded)
 * @param online false once the device stopped answering; it is kept, never deleted for silence
 * @param profile the credential profile it answered to, {@code credentialEntry} the id of the entry
 *        within it (never a secret)
 * @param lastReading the last complete reading
 */
public record KnownDevice(String id, String serialNumber, String macAddress, String address, int port,
                          List<String> previousAddresses, Instant firstSeen, Instant lastSeen, boolean online,
                          Instant offlineSince, String site, String profile, String credentialEntry,
                          DeviceReading lastReading) {
    public KnownDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        previousAddresses = previousAddresses == null ? List.of() : List.copyOf(previousAddresses);
    }
}
