package org.printscout.api.report;

import java.time.Instant;
import java.util.Objects;


/**
 * A report waiting in the spool.
 *
 * @param id the report's id (a UUID), also its idempotency key: the portal counts an id once
 * @param kind the scan it reports
 * @param created when it was spooled; the spool's order
 * @param size its zipped size in bytes
 */
public record SpooledReport(String id, ScanKind kind, Instant created, long size) {
    public SpooledReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
    }
}
