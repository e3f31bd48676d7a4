package org.printscout.api.discovery;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a running (or finished) discovery scan stands.
 *
 * @param addresses addresses the scan will probe (exclusions taken out)
 * @param done addresses probed so far, answered or not
 * @param responding addresses where an SNMP agent answered one of the credentials
 * @param printers responding devices recognised as printers
 * @param read printers read completely
 */
public record ScanProgress(String site, Instant started, long addresses, long done, long responding, long printers,
                           long read) {

    /** Addresses probed per second since the start. */
    public double rate(Instant now) {
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        return done / seconds;
    }
}
