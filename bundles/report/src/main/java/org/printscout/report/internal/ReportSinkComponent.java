package org.printscout.report.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.report.ReportSink;
import org.printscout.api.report.ScanResult;
import org.printscout.api.status.StatusContributor;
import org.printscout.api.report.ReportSpool;
import org.printscout.api.report.SetAsideReport;
import org.printscout.api.report.SpooledReport;

/**
 * Turns each finished scan into a zipped report in the spool. Needs its configuration (the agent id
 * comes from activation): an agent that is not activated writes no reports, since nobody could
 * receive them under a name.
 */
@Component(service = {ReportSink.class, ReportSpool.class, StatusContributor.class},
        configurationPid = ReportSinkComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ReportConfig.class)
public final class ReportSinkComponent implements ReportSink, ReportSpool, StatusContributor {

    static final String PID = "org.printscout.report";

    private final Logger log;
    private final ReportWriter writer = new ReportWriter();
    private final ReportWriter.Origin origin;
    private final FileSpool spool;

    @Activate
    public ReportSinkComponent(@Reference(service = LoggerFactory.class) Logger log, ReportConfig config) throws IOException {
        this.log = log;
        this.origin = new ReportWriter.Origin(required("agentId", config.agentId()), config.siteId());
        FileSpool.Bounds bounds = new FileSpool.Bounds(
                inRange("maxSpoolMib", config.maxSpoolMib(), 1, 10240) * 1024L * 1024L,
                Duration.ofDays(inRange("maxAgeDays", config.maxAgeDays(), 1, 3650)));
        this.spool = new FileSpool(Path.of(required("spoolDirectory", config.spoolDirectory())), bounds,
                Clock.systemUTC(), log::warn);
        log.info("reports for agent " + origin.agent() + " spooled in " + spool.directory() + " ("
                + spool.pending().size() + " waiting)");
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PID + ": key '" + key + "' must be set");
        }
        return value.strip();
    }

    private static int inRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PID + ": key '" + key + "' is " + value + "; it must be between "
                    + min + " and " + max);
        }
        return value;
    }

    @Override
    public void accept(ScanResult scan) throws IOException {
        String id = UUID.randomUUID().toString();
        byte[] zipped = writer.zipped(id, origin, scan, note -> log.warn("report " + id + ": " + note));
        SpooledReport report = spool.store(id, scan.kind(), zipped);
        // info, not debug: one line per scan is what an administrator needs to follow a report to the portal
        log.info("spooled " + report.kind() + " report " + id + ": " + scan.readings().size() + " devices, "
                + zipped.length + " bytes");
    }

    @Override
    public List<SpooledReport> pending() throws IOException {
        return spool.pending();
    }

    @Override
    public byte[] read(SpooledReport report) throws IOException {
        return spool.read(report);
    }

    @Override
    public void acknowledge(SpooledReport report) throws IOException {
        spool.acknowledge(report);
    }

    @Override
    public void setAside(SpooledReport report, String reason) throws IOException {
        spool.setAside(report, reason);
    }

    @Override
    public List<SetAsideReport> setAside() throws IOException {
        return spool.setAside();
    }

    @Override
    public String title() {
        return "report spool";
    }

    @Override
    public String text() {
        String text = "directory " + spool.directory() + "; " + spool.storedCount() + " stored and " + spool.evictedCount()
                + " evicted since start";
        try {
            List<SetAsideReport> refused = spool.setAside();
            if (!refused.isEmpty()) {
                SetAsideReport newest = refused.get(refused.size() - 1);
                String reason = newest.reason().lines().findFirst().orElse("");
                text += "\n" + refused.size() + " report(s) refused by the portal, kept in " + newest.file().getParent()
                        + "; newest " + newest.report().id() + " of " + newest.report().created() + ": "
                        + (reason.length() > 300 ? reason.substring(0, 300) + "..." : reason);
            }
        } catch (IOException e) {
            text += "\nrefused reports cannot be listed: " + e.getMessage();
        }
        return text;
    }
}
