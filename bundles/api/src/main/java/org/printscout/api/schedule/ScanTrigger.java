package org.printscout.api.schedule;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts the daily meter scan (discovery and reading of every site's ranges) now, outside its
 * schedule: the Force Discovery Scan command and administrators use it. The scan runs and reports
 * exactly as a scheduled one; the daily schedule is not moved.
 */
@ProviderType
public interface ScanTrigger {

    /**
     * Starts the meter scan and returns at once.
     *
     * @return false, starting nothing, when a meter or discovery scan is already running
     */
    boolean startMeterScan();
}
