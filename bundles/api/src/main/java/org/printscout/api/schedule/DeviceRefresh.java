package org.printscout.api.schedule;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.printscout.api.model.DeviceReading;

/**
 * Reads one known device now, outside the schedules, exactly as the status scan reads it: at its
 * last address, with the credential entry it answered to last (else the others of its profile), and
 * the reading recorded in the inventory. A fleet update uses it to see a new mapper work on a real
 * device before it calls the update healthy.
 *
 * @since 2.1
 */
@ProviderType
public interface DeviceRefresh {

    /**
     * Reads the device with this inventory id.
     *
     * @return the reading; completes exceptionally when the id is unknown, the device does not answer,
     *         or another device answers at its address
     */
    CompletionStage<DeviceReading> read(String deviceId);
}
