package org.printscout.api.discovery;

import org.osgi.annotation.versioning.ConsumerType;
import org.printscout.api.model.DeviceReading;

/** Follows a scan as it runs; called from the scan's threads, so keep the calls short. */
@ConsumerType
public interface ScanListener {

    ScanListener NONE = new ScanListener() {
    };

    /** A snapshot of the counts, at most a few times a second. */
    default void progress(ScanProgress progress) {
    }

    /** A printer was read. */
    default void deviceRead(DeviceReading reading) {
    }
}
