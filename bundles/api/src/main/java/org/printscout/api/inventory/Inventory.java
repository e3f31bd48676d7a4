package org.printscout.api.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.printscout.api.model.DeviceReading;

/**
 * The devices the agent knows, persisted so that they survive restarts and crashes.
 *
 * <p>A device is identified by its serial number and MAC address together: a device that moves to
 * another address (DHCP) stays one device with its history, and two devices that answer at the same
 * address (one after the other, or behind different ports) are never merged. Only a device that tells
 * neither is identified by its address, port and sysObjectID.
 */
@ProviderType
public interface Inventory {

    /** Every known device, sorted by address. */
    List<KnownDevice> devices();

    Optional<KnownDevice> device(String id);

    /**
     * Records a reading of a device that answered: creates the device or updates the one with the
     * same identity (address, last reading, last seen, back online).
     */
    KnownDevice recordReading(DeviceReading reading, int port, String site, String profile, String credentialEntry);

    /** Marks a device that did not answer as offline (it is kept). */
    void markOffline(String id, Instant when);

    /** Writes pending changes to disk now (normally done shortly after each change). */
    void flush();
}
