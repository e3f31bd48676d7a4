package org.printscout.api.report;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Finished reports on disk, until the portal has them. */
@ProviderType
public interface ReportSpool {

    /** The reports waiting, oldest first. */
    List<SpooledReport> pending() throws IOException;

    /**
     * The report's bytes: a ZIP archive holding {@code report.xml} (docs/report-1.xsd).
     *
     * @throws java.nio.file.NoSuchFileException when it was evicted or acknowledged meanwhile
     */
    byte[] read(SpooledReport report) throws IOException;

    /** Removes a report the portal acknowledged; one already gone is not an error. */
    void acknowledge(SpooledReport report) throws IOException;

    /**
     * Moves a report the portal refused for good (it can never be stored there) out of the way of the
     * ones behind it. It is kept, with the reason, where an administrator can find it; it is never
     * sent again. One already gone is not an error.
     *
     * @since 1.1
     */
    void setAside(SpooledReport report, String reason) throws IOException;

    /**
     * The reports set aside, oldest first, with their reasons.
     *
     * @since 1.1
     */
    List<SetAsideReport> setAside() throws IOException;
}
