package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.printscout.portal.server.internal.TenancyStore.ConfigStatus;
import org.printscout.portal.server.internal.UserStore.User;

/**
 * What pages and the operator's commands show, read only: agents, devices with their latest total
 * and supplies, meter history, reports, and every agent with its configuration verdict.
 */
final class ReadModels {

    record AgentRow(String agentId, String siteId, String siteName, String customerName, String hostname, Instant lastContact) {
    }

    /** A supply's newest reading and its run-out forecast from the level history ({@link #FORECAST_HISTORY}). */
    record SupplyRow(String description, String colorant, long level, long max, RunOutForecast.Forecast forecast) {
        /** Percent only for real amounts; -1/-2/-3 are states, not quantities. */
        int percent() {
            return level >= 0 && max > 0 ? (int) Math.min(100, 100 * level / max) : -1;
        }
    }

    record DeviceRow(long id, String siteName, String ip, String serial, String make, String model, String status,
                     Instant lastSeen, Long total, List<SupplyRow> supplies) {
    }

    record MeterPoint(Instant at, long value) {
    }

    /** An agent for the operator's list (portal:agents): every dealer's. */
    record AgentOverview(String agentId, String siteId, Instant lastContact, Optional<ConfigStatus> configStatus) {
    }

    record ReportRow(String id, String agentId, String kind, Instant finished, Instant received, int devices) {
    }

    record MeterValue(String name, String unit, long value) {
    }

    record SupplyValue(int index, String description, String type, String colorant, long level, long max) {
    }

    /** A device as the portal last heard of it: its newest meter and supply readings. */
    record DeviceReadings(String siteId, String ip, String mac, String serial, String make, String model, String status,
                          Instant lastSeen, List<MeterValue> meters, List<SupplyValue> supplies) {
    }

    /** How far back the supply levels for the run-out forecast are read (the forecast itself uses its own window of them). */
    static final java.time.Duration FORECAST_HISTORY = java.time.Duration.ofDays(90);

    private final DataSource dataSource;
    private final java.time.Clock clock;

    ReadModels(DataSource dataSource) {
        this(dataSource, java.time.Clock.systemUTC());
    }

    ReadModels(DataSource dataSource, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    List<AgentOverview> agentOverview() throws SQLException {
        List<AgentOverview> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent.id, agent.site_id, agent.last_contact, status.etag, status.applied, status.reason, "
                     + "status.reported FROM agent LEFT JOIN agent_config_status status ON status.agent_id = agent.id ORDER BY agent.site_id, agent.id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Timestamp last = r.getTimestamp(3);
                Optional<ConfigStatus> status = r.getString(4) == null ? Optional.empty()
                        : Optional.of(new ConfigStatus(r.getString(4), r.getBoolean(5), r.getString(6), r.getTimestamp(7).toInstant()));
                out.add(new AgentOverview(r.getString(1), r.getString(2), last == null ? null : last.toInstant(), status));
            }
        }
        return out;
    }

    List<AgentRow> agents(User user) throws SQLException {
        List<AgentRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent.id, site.id, site.name, customer.name, agent.hostname, agent.last_contact "
                     + "FROM agent JOIN site ON agent.site_id = site.id JOIN customer ON site.customer_id = customer.id WHERE"
                     + UserStore.SCOPE + "ORDER BY customer.name, site.name, agent.id")) {
            UserStore.bindScope(s, 1, user);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp last = r.getTimestamp(6);
                    out.add(new AgentRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            last == null ? null : last.toInstant()));
                }
            }
        }
        return out;
    }

    List<DeviceRow> devices(User user) throws SQLException {
        List<DeviceRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT device.id, site.name, device.ip, device.serial, device.make, "
                     + "device.model, device.device_status, device.last_seen FROM device JOIN site ON device.site_id = site.id "
                     + "JOIN customer ON site.customer_id = customer.id WHERE" + UserStore.SCOPE + "ORDER BY site.name, device.ip")) {
            UserStore.bindScope(s, 1, user);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    out.add(new DeviceRow(id, r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7), r.getTimestamp(8).toInstant(), latestTotal(c, id), latestSupplies(c, id, clock.instant().minus(FORECAST_HISTORY))));
                }
            }
        }
        return out;
    }

    private static Long latestTotal(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT reading FROM meter_reading WHERE device_id = ? AND name = 'total' "
                + "ORDER BY read_at DESC FETCH FIRST 1 ROWS ONLY")) {
            s.setLong(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    private static List<SupplyRow> latestSupplies(Connection c, long deviceId, Instant historySince) throws SQLException {
        List<SupplyRow> out = new ArrayList<>();
        java.util.Map<Integer, List<RunOutForecast.Level>> history = supplyHistory(c, deviceId, historySince);
        for (SupplyValue supply : latestSupplyValues(c, deviceId)) {
            out.add(new SupplyRow(supply.description(), supply.colorant(), supply.level(), supply.max(),
                    RunOutForecast.of(history.getOrDefault(supply.index(), List.of()))));
        }
        return out;
    }

    /** Each supply's levels since {@code since}, by supply index, dated by their report. */
    static java.util.Map<Integer, List<RunOutForecast.Level>> supplyHistory(Connection c, long deviceId, Instant since) throws SQLException {
        java.util.Map<Integer, List<RunOutForecast.Level>> out = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT sr.idx, report.finished, sr.level_value, sr.max_value FROM supply_reading sr "
                + "JOIN report ON report.id = sr.report_id WHERE sr.device_id = ? AND report.finished >= ? ORDER BY report.finished")) {
            s.setLong(1, deviceId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getInt(1), i -> new ArrayList<>())
                            .add(new RunOutForecast.Level(r.getTimestamp(2).toInstant(), r.getLong(3), r.getLong(4)));
                }
            }
        }
        return out;
    }

    List<MeterPoint> totalHistory(long deviceId) throws SQLException {
        List<MeterPoint> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT read_at, reading FROM meter_reading WHERE device_id = ? AND name = 'total' "
                     + "ORDER BY read_at")) {
            s.setLong(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new MeterPoint(r.getTimestamp(1).toInstant(), r.getLong(2)));
                }
            }
        }
        return out;
    }

    List<ReportRow> reports() throws SQLException {
        List<ReportRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, agent_id, kind, finished, received, devices FROM report ORDER BY received, id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new ReportRow(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                        r.getTimestamp(5).toInstant(), r.getInt(6)));
            }
        }
        return out;
    }

    /** Every device with the meters and supplies of the newest report that carried each. */
    List<DeviceReadings> deviceReadings() throws SQLException {
        List<DeviceReadings> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, site_id, ip, mac, serial, make, model, device_status, last_seen "
                     + "FROM device ORDER BY site_id, ip, id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long id = r.getLong(1);
                out.add(new DeviceReadings(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), r.getString(8), r.getTimestamp(9).toInstant(), latestMeters(c, id), latestSupplyValues(c, id)));
            }
        }
        return out;
    }

    private static List<MeterValue> latestMeters(Connection c, long deviceId) throws SQLException {
        List<MeterValue> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, unit, reading FROM meter_reading WHERE device_id = ? AND read_at = "
                + "(SELECT MAX(read_at) FROM meter_reading WHERE device_id = ?) ORDER BY name")) {
            s.setLong(1, deviceId);
            s.setLong(2, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new MeterValue(r.getString(1), r.getString(2), r.getLong(3)));
                }
            }
        }
        return out;
    }

    static List<SupplyValue> latestSupplyValues(Connection c, long deviceId) throws SQLException {
        List<SupplyValue> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT idx, description, supply_type, colorant, level_value, max_value "
                + "FROM supply_reading WHERE device_id = ? AND report_id = (SELECT report.id FROM report JOIN supply_reading sr "
                + "ON sr.report_id = report.id WHERE sr.device_id = ? ORDER BY report.finished DESC FETCH FIRST 1 ROWS ONLY) ORDER BY idx")) {
            s.setLong(1, deviceId);
            s.setLong(2, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new SupplyValue(r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6)));
                }
            }
        }
        return out;
    }

    int countReports() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM report");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
