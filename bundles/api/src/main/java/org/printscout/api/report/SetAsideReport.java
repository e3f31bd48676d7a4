package org.printscout.api.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A report the portal refused for good, kept on disk with the reason.
 *
 * @param report the report as it was spooled
 * @param file where it is kept
 * @param reason what the portal answered
 * @since 1.1
 */
public record SetAsideReport(SpooledReport report, Path file, String reason) {
    public SetAsideReport {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }
}
