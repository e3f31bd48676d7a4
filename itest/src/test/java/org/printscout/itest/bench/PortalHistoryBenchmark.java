package org.printscout.itest.bench;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.printscout.itest.PortalBrowser;
import org.printscout.itest.PortalProcess;
import org.printscout.portal.server.internal.TestPostgres;

/**
 * The portal's history at fleet scale on PostgreSQL (issue 17 item 2): {@code bench.devices} devices
 * (default 10 000; 100 per site and agent, 10 customers) with a year of status readings every 10
 * minutes as the retention leaves them — every reading of the last {@code bench.rawDays} days
 * (default 7), one a day before (each meter's last; each supply's last, which for a draining supply is
 * also its lowest) — 2 meters and 2 supplies each, written straight into the assembled portal's
 * database with generate_series. Then it prints the database's size and the device page's and the
 * fleet view's response times (p50, p95, max over {@code bench.samples} requests each, default 100)
 * through the portal's HTTP server, signed in as the admin. Goal: p95 under 200 ms on this machine.
 *
 * <pre>mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.bench.PortalHistoryBenchmark [-Dbench.devices=10000 -Dbench.rawDays=7]</pre>
 */
public final class PortalHistoryBenchmark {

    private PortalHistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("printscout.portal.distribution", System.getProperty("printscout.portal.distribution",
                Path.of("distribution/portal/target/printscout-portal").toAbsolutePath().toString()));
        int devices = Integer.getInteger("bench.devices", 10_000);
        int rawDays = Integer.getInteger("bench.rawDays", 7);
        int samples = Integer.getInteger("bench.samples", 100);
        int agents = Math.max(1, devices / 100);
        try (TestPostgres database = TestPostgres.start();
             PortalProcess portal = PortalProcess.provisioned("jdbcUrl = " + database.url("portal_test") + "\njdbcUser = portal\n")) {
            long started = System.nanoTime();
            try (Connection c = DriverManager.getConnection(database.url("portal_test"), "portal", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE t AS SELECT ts FROM generate_series(date_trunc('minute', now()) - interval '" + rawDays
                        + " days', date_trunc('minute', now()), interval '10 minutes') ts UNION ALL SELECT ts FROM generate_series("
                        + "date_trunc('day', now() - interval '365 days') + interval '23 hours 50 minutes', date_trunc('day', now() - interval '"
                        + rawDays + " days') - interval '10 minutes', interval '1 day') ts");
                s.execute("INSERT INTO customer (id, dealer_id, name) SELECT 'cust-' || c, 'd1', 'Customer ' || c FROM generate_series(1, 10) c");
                s.execute("INSERT INTO site (id, customer_id, name, config_json, config_version) SELECT 'site-' || a, 'cust-' || (a % 10 + 1), "
                        + "'Site ' || a, '{\"configurations\":{}}', 1 FROM generate_series(1, " + agents + ") a");
                s.execute("INSERT INTO agent (id, site_id, secret_hash, hostname, activated, last_contact) SELECT 'agent-' || a, 'site-' || a, 'x', "
                        + "'host-' || a, now() - interval '400 days', now() FROM generate_series(1, " + agents + ") a");
                s.execute("INSERT INTO device (id, site_id, device_key, ip, mac, serial, make, model, device_status, printer_status, last_seen, "
                        + "first_seen, firmware, min_supply_percent, errors) SELECT 100000 + d, 'site-' || (d % " + agents + " + 1), 'serial:SN' || d, "
                        + "'10.' || (d / 65536) || '.' || (d / 256 % 256) || '.' || (d % 256), NULL, 'SN' || d, CASE WHEN d % 3 = 0 THEN 'Kyocera' "
                        + "ELSE 'HP' END, CASE WHEN d % 3 = 0 THEN 'ECOSYS M2540dn' ELSE 'LaserJet M404' END, CASE WHEN d % 100 = 0 THEN 'down' "
                        + "ELSE 'running' END, 'idle', CASE WHEN d % 50 = 0 THEN now() - interval '1 day' ELSE now() END, now() - interval '365 days', "
                        + "'2.0', d % 100, CASE WHEN d % 100 = 0 THEN 'jammed down' END FROM generate_series(1, " + devices + ") d");
                s.execute("INSERT INTO report (id, agent_id, kind, finished, received, devices) SELECT 'r' || a || '-' || extract(epoch FROM ts)::bigint, "
                        + "'agent-' || a, 'status', ts, ts, 100 FROM generate_series(1, " + agents + ") a, t");
                long epoch0 = System.currentTimeMillis() / 1000 - 400L * 86_400;
                s.execute("INSERT INTO meter_reading (device_id, report_id, read_at, name, unit, reading) SELECT 100000 + d, 'r' || (d % " + agents
                        + " + 1) || '-' || extract(epoch FROM ts)::bigint, ts, m.name, 'impressions', (extract(epoch FROM ts)::bigint - " + epoch0
                        + ") / (300 + d % 600) * m.k FROM generate_series(1, " + devices + ") d, t, (VALUES ('total', 2), ('mono', 1)) m(name, k)");
                s.execute("INSERT INTO supply_reading (device_id, report_id, idx, description, supply_type, colorant, level_value, max_value) "
                        + "SELECT 100000 + d, 'r' || (d % " + agents + " + 1) || '-' || extract(epoch FROM ts)::bigint, i, CASE i WHEN 1 THEN 'Black Toner' "
                        + "ELSE 'Drum' END, 'toner', 'black', 100 - ((extract(epoch FROM ts)::bigint / 86400 + d) % (40 * i)) * 100 / (40 * i), 100 "
                        + "FROM generate_series(1, " + devices + ") d, t, generate_series(1, 2) i");
                s.execute("ANALYZE");
                System.out.printf(Locale.ROOT, "filled %d devices (%d agents), %d reading times per device (%d raw days every 10 min + daily), in %.0f s%n",
                        devices, agents, count(s, "SELECT COUNT(*) FROM t"), rawDays, (System.nanoTime() - started) / 1e9);
                System.out.printf(Locale.ROOT, "rows: %,d meter readings, %,d supply readings, %,d reports%n", count(s,
                        "SELECT COUNT(*) FROM meter_reading"), count(s, "SELECT COUNT(*) FROM supply_reading"), count(s, "SELECT COUNT(*) FROM report"));
                System.out.printf(Locale.ROOT, "database size: %.0f MB (pg_database_size)%n", count(s, "SELECT pg_database_size(current_database())")
                        / 1048576.0);
            }
            PortalBrowser admin = PortalBrowser.signedIn(portal.url().replaceAll("/$", ""), PortalProcess.USER, PortalProcess.PASSWORD);
            Random random = new Random(17);
            System.out.printf(Locale.ROOT, "%-40s %8s %8s %8s %8s%n", "page", "samples", "p50 ms", "p95 ms", "max ms");
            measure(admin, "device page, 30 days (default)", samples, () -> "/devices/" + (100001 + random.nextInt(devices)));
            measure(admin, "device page, 1 year", samples, () -> "/devices/" + (100001 + random.nextInt(devices)) + "?range=365d");
            measure(admin, "fleet view, first page", samples, () -> "/fleet");
            measure(admin, "fleet view, needs attention", samples, () -> "/fleet?status=attention");
            measure(admin, "fleet view, customer + model search", samples, () -> "/fleet?customer=cust-" + (1 + random.nextInt(10)) + "&model=ecosys");
            measure(admin, "fleet view, serial search", samples, () -> "/fleet?serial=SN" + (1 + random.nextInt(devices)));
            measure(admin, "fleet view, page 50", samples, () -> "/fleet?page=50");
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void measure(PortalBrowser admin, String name, int samples, java.util.function.Supplier<String> path) throws Exception {
        for (int i = 0; i < 5; i++) {
            admin.get(path.get()); // warm-up
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String p = path.get();
            long t0 = System.nanoTime();
            HttpResponse<String> answer = admin.get(p);
            times.add(System.nanoTime() - t0);
            if (answer.statusCode() != 200) {
                throw new AssertionError(p + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        Collections.sort(times);
        System.out.printf(Locale.ROOT, "%-40s %8d %8.1f %8.1f %8.1f%n", name, samples, times.get(samples / 2) / 1e6,
                times.get((int) Math.ceil(samples * 0.95) - 1) / 1e6, times.get(samples - 1) / 1e6);
    }
}
