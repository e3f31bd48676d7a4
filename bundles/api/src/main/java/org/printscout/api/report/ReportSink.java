package org.printscout.api.report;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes finished scans. The report bundle's sink writes them to the on-disk spool for upload;
 * other sinks (a local archive, a test) may be registered beside it.
 */
@ConsumerType
public interface ReportSink {

    /** Accepts a scan; returns once it is stored durably or throws if it could not be. */
    void accept(ScanResult scan) throws Exception;
}
