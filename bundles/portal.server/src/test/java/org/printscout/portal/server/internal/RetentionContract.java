package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/**
 * History with bounded growth (issue 17 item 2) on each database: 100 days of readings every 6 hours,
 * thinned with every reading kept 10 days, daily values to 40 days, monthly before; the meters' last
 * and the supplies' last and lowest of each period survive, reports without readings go, the billing
 * export still reads the thinned history exactly where a kept reading is, and a second run changes
 * nothing.
 */
abstract class RetentionContract {

    abstract DataSource freshDatabase() throws Exception;

    @Test
    void readingsThinToDailyThenMonthlyValuesAndTheDatabaseStopsGrowingWithTime() throws Exception {
        DataSource dataSource = freshDatabase();
        Migrator.migrate(dataSource);
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        TenancyStore tenancy = new TenancyStore(dataSource, clock);
        tenancy.createDealer("d1", "Dealer");
        tenancy.createCustomer("c1", "d1", "Acme");
        tenancy.createSite("s1", "c1", "HQ", "{\"configurations\":{}}");
        TenancyStore.Activation a = tenancy.activate(tenancy.newActivationKey("s1"), "pc").orElseThrow();
        TenancyStore.AgentRef agent = new TenancyStore.AgentRef(a.agentId(), "s1");
        ReportStore reports = new ReportStore(dataSource, clock);
        ReportParser parser = new ReportParser(new ReportParser.Limits(64 * 1024, 1024 * 1024, 200), 2, Duration.ofSeconds(10), clock,
                Duration.ofSeconds(300));
        Instant start = Instant.parse("2026-08-25T00:00:00Z"); // 100 days before now
        int readings = 0;
        for (Instant at = start; !at.isAfter(now); at = at.plus(Duration.ofHours(6))) {
            long n = Duration.between(start, at).toHours() / 6;
            // the toner drains 1 % a reading and is replaced at 0; at 06:00 it dips 5 % below the trend (a misreading)
            long level = 100 - n % 100 - (at.atZone(ZoneOffset.UTC).getHour() == 6 ? 5 : 0);
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + UUID.randomUUID()
                    + "\" agent=\"" + agent.agentId() + "\" site=\"s1\" kind=\"status\" finished=\"" + at + "\">"
                    + DevicePagesContract.device("10.0.0.1", "KY-1", "M2540", at, "running", DevicePagesContract.status("running")
                            + "<meter name=\"total\">" + (1000 + 10 * n) + "</meter>" + DevicePagesContract.toner((int) Math.max(0, level)))
                    + "</report>";
            reports.storeReport(agent, parser.parse(PortalContract.zip("report.xml", xml.getBytes(StandardCharsets.UTF_8))));
            readings++;
        }
        assertEquals(readings, count(dataSource, "SELECT COUNT(*) FROM meter_reading"));
        Retention retention = new Retention(dataSource, clock, 10, 40);
        Retention.Outcome first = retention.run(100_000);
        // raw: 2026-11-23 .. 2026-12-03 12:00 (10 days × 4 + 3); daily: 2026-10-01 .. 2026-11-22 (53 days: the month of the
        // daily limit is kept daily); monthly: August (7 days of it), September
        long raw = count(dataSource, "SELECT COUNT(*) FROM meter_reading WHERE read_at >= TIMESTAMP '2026-11-23 00:00:00+00'");
        assertEquals(43, raw);
        long daily = count(dataSource, "SELECT COUNT(*) FROM meter_reading WHERE read_at >= TIMESTAMP '2026-10-01 00:00:00+00' "
                + "AND read_at < TIMESTAMP '2026-11-23 00:00:00+00'");
        assertEquals(53, daily);
        long monthly = count(dataSource, "SELECT COUNT(*) FROM meter_reading WHERE read_at < TIMESTAMP '2026-10-01 00:00:00+00'");
        assertEquals(2, monthly);
        assertEquals(53, first.days());
        assertEquals(2, first.months());
        // kept: the last of each day, 18:00
        assertEquals(List.of(18L), hours(dataSource, "SELECT read_at FROM meter_reading WHERE read_at >= TIMESTAMP '2026-10-01 00:00:00+00' "
                + "AND read_at < TIMESTAMP '2026-11-23 00:00:00+00'"));
        // supplies: the last and the lowest (06:00, the dip) of each day
        assertEquals(List.of(6L, 18L), hours(dataSource, "SELECT report.finished FROM supply_reading JOIN report ON report.id = supply_reading.report_id "
                + "WHERE report.finished >= TIMESTAMP '2026-10-01 00:00:00+00' AND report.finished < TIMESTAMP '2026-11-23 00:00:00+00'"));
        assertEquals(43 + 53 * 2 + 4, count(dataSource, "SELECT COUNT(*) FROM supply_reading"),
                "raw, two a day, and per month the last and the lowest");
        assertEquals(count(dataSource, "SELECT COUNT(DISTINCT report_id) FROM supply_reading"), count(dataSource, "SELECT COUNT(*) FROM report"),
                "reports without readings are gone");
        // the export at a kept reading is still exact: 2026-11-01's boundary is estimated between 10-31 18:00 and 11-01 18:00
        MeterExport.Export export = new MeterExport(dataSource).export(new UserStore.User("a", UserStore.Role.ADMIN, "d1", true),
                Instant.parse("2026-10-31T18:00:00Z"), Instant.parse("2026-11-30T18:00:00Z"));
        MeterExport.MeterUsage total = export.devices().get(0).meters().get(0);
        assertEquals(false, total.start().estimated());
        assertEquals(false, total.end().estimated());
        assertEquals(30 * 4 * 10, total.usage());

        Retention.Outcome again = retention.run(100_000);
        assertEquals(0, again.days() + again.months());
        assertEquals(0, again.meterRows() + again.supplyRows() + again.reports());
        assertTrue(first.meterRows() > 0 && first.reports() > 0, first.toString());
    }

    private static long count(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The distinct UTC hours of the timestamps the query returns, sorted. */
    private static List<Long> hours(DataSource dataSource, String sql) throws Exception {
        java.util.TreeSet<Long> out = new java.util.TreeSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add((long) r.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).getHour());
            }
        }
        return List.copyOf(out);
    }
}
