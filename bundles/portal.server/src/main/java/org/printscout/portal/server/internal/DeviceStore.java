package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.printscout.portal.server.internal.UserStore.User;

/**
 * The device page's and the fleet view's read model, scoped like every page by {@link UserStore#SCOPE}:
 * one device with its identity, address history, status, newest meters and supplies and their histories
 * over a range; and the fleet filtered by customer, site, model, serial and status, with what needs
 * attention (low supplies, offline, in error).
 */
final class DeviceStore {

    /** hrPrinterDetectedErrorState conditions that stop a device or need a person (low paper or toner do not). */
    static final Set<String> ERROR_CONDITIONS = Set.of("noPaper", "noToner", "doorOpen", "jammed", "offline", "serviceRequested",
            "inputTrayMissing", "outputTrayMissing", "markerSupplyMissing", "outputFull");

    /** The first name segments of the normalised meters (docs/meters.md); any other is a vendor meter. */
    static final Set<String> NORMALISED_ROOTS = Set.of("total", "mono", "color", "duplex", "sheets", "print", "copy", "fax", "scan", "largeFormat");

    /** What "needs attention" means on the fleet view. */
    record Attention(int lowSupplyPercent, Duration offlineAfter) {
        static final Attention DEFAULT = new Attention(10, Duration.ofHours(2));
    }

    record Identity(long id, String customerId, String customerName, String siteId, String siteName, String make, String model, String serial,
                    String mac, String firmware, String ip, Instant firstSeen, Instant lastSeen, String deviceStatus, String printerStatus,
                    List<String> conditions, List<ReportParser.PrinterAlert> printerAlerts, Integer minSupplyPercent) {
        /** An error condition, a critical printer alert, or hrDeviceStatus down. */
        boolean inError() {
            return !errors().isEmpty();
        }

        List<String> errors() {
            return DeviceStore.errors(deviceStatus, conditions, printerAlerts);
        }
    }

    /** A device's errors: its error conditions, the codes of its critical printer alerts, "down" (hrDeviceStatus); in that order, once each. */
    static List<String> errors(String deviceStatus, List<String> conditions, List<ReportParser.PrinterAlert> alerts) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String condition : conditions == null ? List.<String>of() : conditions) {
            if (ERROR_CONDITIONS.contains(condition)) {
                out.add(condition);
            }
        }
        for (ReportParser.PrinterAlert alert : alerts == null ? List.<ReportParser.PrinterAlert>of() : alerts) {
            if ("critical".equalsIgnoreCase(alert.severity())) {
                out.add(alert.code() == null || alert.code().isBlank() ? "critical alert" : alert.code());
            }
        }
        if ("down".equals(deviceStatus)) {
            out.add("down");
        }
        return List.copyOf(out);
    }

    record Address(String ip, Instant firstSeen, Instant lastSeen) {
    }

    record AgentSeen(String agentId, String hostname, Instant lastContact) {
    }

    record Meter(String name, String unit, long value, Instant at, boolean vendor) {
    }

    record Point(Instant at, long value) {
    }

    /** A supply's newest reading, its level history in the range and its run-out forecast. */
    record Supply(int index, String description, String type, String colorant, long level, long max, RunOutForecast.Forecast forecast,
                  List<Point> history) {
        int percent() {
            return level >= 0 && max > 0 ? (int) Math.min(100, 100 * level / max) : -1;
        }
    }

    /** An open alert of the device (issue 17 item 3). */
    record OpenAlert(long id, String summary, Instant opened) {
    }

    record Device(Identity identity, List<Address> addresses, Optional<AgentSeen> agent, List<Meter> meters, Map<String, List<Point>> meterHistory,
                  List<Supply> supplies, List<OpenAlert> alerts) {
    }

    /** The fleet view's filter; empty strings match everything. {@code status}: a hrDeviceStatus, or "attention". */
    record Filter(String customerId, String siteId, String model, String serial, String status) {
        static final Filter ALL = new Filter("", "", "", "", "");
    }

    record FleetRow(long id, String customerName, String siteName, String make, String model, String serial, String ip, String deviceStatus,
                    Instant lastSeen, Integer minSupplyPercent, boolean inError, List<String> reasons) {
    }

    /** A page of the fleet: the rows shown and how many matched in all. */
    record Fleet(List<FleetRow> rows, int matched) {
    }

    private static final String IDENTITY = "SELECT device.id, customer.id, customer.name, site.id, site.name, device.make, device.model, "
            + "device.serial, device.mac, device.firmware, device.ip, device.first_seen, device.last_seen, device.device_status, "
            + "device.printer_status, device.conditions, device.printer_alerts, device.min_supply_percent "
            + "FROM device JOIN site ON device.site_id = site.id JOIN customer ON site.customer_id = customer.id WHERE";

    private final DataSource dataSource;
    private final Clock clock;

    DeviceStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The device if the user may see it, with its histories since {@code since} (null: all). */
    Optional<Device> device(User user, long deviceId, Instant since) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Identity identity;
            try (PreparedStatement s = c.prepareStatement(IDENTITY + " device.id = ? AND" + UserStore.SCOPE)) {
                s.setLong(1, deviceId);
                UserStore.bindScope(s, 2, user);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    identity = identity(r);
                }
            }
            Instant from = since == null ? Instant.EPOCH : since;
            return Optional.of(new Device(identity, addresses(c, deviceId), agent(c, deviceId), meters(c, deviceId), meterHistory(c, deviceId, from),
                    supplies(c, deviceId, from), openAlerts(c, deviceId)));
        }
    }

    private static List<OpenAlert> openAlerts(Connection c, long deviceId) throws SQLException {
        List<OpenAlert> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, summary, opened FROM alert WHERE device_id = ? AND closed IS NULL ORDER BY opened, id")) {
            s.setLong(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new OpenAlert(r.getLong(1), r.getString(2), r.getTimestamp(3).toInstant()));
                }
            }
        }
        return out;
    }

    private static Identity identity(ResultSet r) throws SQLException {
        String conditions = r.getString(16);
        List<String> conditionList = conditions == null || conditions.isBlank() ? List.of() : List.of(conditions.strip().split(" "));
        List<ReportParser.PrinterAlert> alerts = new ArrayList<>();
        String alertText = r.getString(17);
        if (alertText != null && !alertText.isBlank()) {
            for (String line : alertText.split("\n")) {
                String[] parts = line.split("\t", 3);
                alerts.add(new ReportParser.PrinterAlert(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : ""));
            }
        }
        Timestamp first = r.getTimestamp(12);
        int lowest = r.getInt(18);
        return new Identity(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                r.getString(8), r.getString(9), r.getString(10), r.getString(11), first == null ? null : first.toInstant(),
                r.getTimestamp(13).toInstant(), r.getString(14), r.getString(15), conditionList, alerts, r.wasNull() ? null : lowest);
    }

    private static List<Address> addresses(Connection c, long deviceId) throws SQLException {
        List<Address> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT ip, first_seen, last_seen FROM device_address WHERE device_id = ? ORDER BY last_seen DESC")) {
            s.setLong(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Address(r.getString(1), r.getTimestamp(2).toInstant(), r.getTimestamp(3).toInstant()));
                }
            }
        }
        return out;
    }

    /** The agent whose report carried the device's newest meter reading, or (a device without meters) its newest supply reading. */
    private static Optional<AgentSeen> agent(Connection c, long deviceId) throws SQLException {
        Optional<AgentSeen> byMeters = agent(c, deviceId, "SELECT report.agent_id FROM meter_reading mr JOIN report ON report.id = mr.report_id "
                + "WHERE mr.device_id = ? ORDER BY mr.read_at DESC FETCH FIRST 1 ROWS ONLY");
        return byMeters.isPresent() ? byMeters : agent(c, deviceId, "SELECT report.agent_id FROM supply_reading sr JOIN report "
                + "ON report.id = sr.report_id WHERE sr.device_id = ? ORDER BY report.finished DESC FETCH FIRST 1 ROWS ONLY");
    }

    private static Optional<AgentSeen> agent(Connection c, long deviceId, String reportAgent) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT agent.id, agent.hostname, agent.last_contact FROM agent WHERE agent.id = ("
                + reportAgent + ")")) {
            s.setLong(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Timestamp last = r.getTimestamp(3);
                return Optional.of(new AgentSeen(r.getString(1), r.getString(2), last == null ? null : last.toInstant()));
            }
        }
    }

    /** Every meter's newest value (normalised meters first, then vendor meters, each by name). */
    private static List<Meter> meters(Connection c, long deviceId) throws SQLException {
        List<Meter> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT mr.name, mr.unit, mr.reading, mr.read_at FROM meter_reading mr WHERE mr.device_id = ? "
                + "AND mr.read_at = (SELECT MAX(m2.read_at) FROM meter_reading m2 WHERE m2.device_id = mr.device_id AND m2.name = mr.name) "
                + "ORDER BY mr.name")) {
            s.setLong(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String name = r.getString(1);
                    out.add(new Meter(name, r.getString(2), r.getLong(3), r.getTimestamp(4).toInstant(), vendor(name)));
                }
            }
        }
        out.sort((a, b) -> a.vendor() != b.vendor() ? Boolean.compare(a.vendor(), b.vendor()) : a.name().compareTo(b.name()));
        return out;
    }

    static boolean vendor(String meterName) {
        int dot = meterName.indexOf('.');
        return !NORMALISED_ROOTS.contains(dot < 0 ? meterName : meterName.substring(0, dot));
    }

    private static Map<String, List<Point>> meterHistory(Connection c, long deviceId, Instant since) throws SQLException {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, read_at, reading FROM meter_reading WHERE device_id = ? AND read_at >= ? "
                + "ORDER BY name, read_at")) {
            s.setLong(1, deviceId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), n -> new ArrayList<>()).add(new Point(r.getTimestamp(2).toInstant(), r.getLong(3)));
                }
            }
        }
        return out;
    }

    private List<Supply> supplies(Connection c, long deviceId, Instant since) throws SQLException {
        Instant forecastSince = clock.instant().minus(ReadModels.FORECAST_HISTORY);
        Instant from = since.isBefore(forecastSince) ? since : forecastSince;
        Map<Integer, List<RunOutForecast.Level>> levels = ReadModels.supplyHistory(c, deviceId, from);
        List<Supply> out = new ArrayList<>();
        for (ReadModels.SupplyValue supply : ReadModels.latestSupplyValues(c, deviceId)) {
            List<RunOutForecast.Level> history = levels.getOrDefault(supply.index(), List.of());
            List<Point> percent = new ArrayList<>();
            for (RunOutForecast.Level level : history) {
                if (!level.at().isBefore(since) && level.level() >= 0 && level.max() > 0) {
                    percent.add(new Point(level.at(), Math.min(100, 100 * level.level() / level.max())));
                }
            }
            out.add(new Supply(supply.index(), supply.description(), supply.type(), supply.colorant(), supply.level(), supply.max(),
                    RunOutForecast.of(history.stream().filter(l -> !l.at().isBefore(forecastSince)).toList()), percent));
        }
        return out;
    }

    /**
     * The fleet in the user's scope matching the filter, sorted by customer, site and address; at most
     * {@code limit} rows from {@code offset}. Model and serial match as case-insensitive substrings.
     */
    Fleet fleet(User user, Filter filter, Attention attention, int offset, int limit) throws SQLException {
        StringBuilder where = new StringBuilder(UserStore.SCOPE);
        List<Object> parameters = new ArrayList<>();
        if (!filter.customerId().isEmpty()) {
            where.append("AND customer.id = ? ");
            parameters.add(filter.customerId());
        }
        if (!filter.siteId().isEmpty()) {
            where.append("AND site.id = ? ");
            parameters.add(filter.siteId());
        }
        if (!filter.model().isEmpty()) {
            where.append("AND LOWER(COALESCE(device.make, '') || ' ' || COALESCE(device.model, '')) LIKE ? ESCAPE '!' ");
            parameters.add(like(filter.model()));
        }
        if (!filter.serial().isEmpty()) {
            where.append("AND LOWER(device.serial) LIKE ? ESCAPE '!' ");
            parameters.add(like(filter.serial()));
        }
        Timestamp offlineBefore = Timestamp.from(clock.instant().minus(attention.offlineAfter()));
        if (filter.status().equals("attention")) {
            where.append("AND (device.min_supply_percent <= ? OR device.last_seen < ? OR device.errors IS NOT NULL) ");
            parameters.add(attention.lowSupplyPercent());
            parameters.add(offlineBefore);
        } else if (!filter.status().isEmpty()) {
            where.append("AND device.device_status = ? ");
            parameters.add(filter.status());
        }
        String from = " FROM device JOIN site ON device.site_id = site.id JOIN customer ON site.customer_id = customer.id WHERE";
        try (Connection c = dataSource.getConnection()) {
            int matched;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*)" + from + where)) {
                bind(s, user, parameters);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    matched = r.getInt(1);
                }
            }
            List<FleetRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(IDENTITY + where + "ORDER BY customer.name, site.name, device.ip, device.id "
                    + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int next = bind(s, user, parameters);
                s.setInt(next, offset);
                s.setInt(next + 1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Identity d = identity(r);
                        rows.add(new FleetRow(d.id(), d.customerName(), d.siteName(), d.make(), d.model(), d.serial(), d.ip(), d.deviceStatus(),
                                d.lastSeen(), d.minSupplyPercent(), d.inError(), reasons(d, attention)));
                    }
                }
            }
            return new Fleet(rows, matched);
        }
    }

    /** Why a device needs attention, in words; empty when it does not. */
    List<String> reasons(Identity d, Attention attention) {
        List<String> out = new ArrayList<>();
        if (d.minSupplyPercent() != null && d.minSupplyPercent() <= attention.lowSupplyPercent()) {
            out.add(d.minSupplyPercent() == 0 ? "supply empty" : "supply low (" + d.minSupplyPercent() + "%)");
        }
        if (d.lastSeen().isBefore(clock.instant().minus(attention.offlineAfter()))) {
            out.add("offline (not seen for " + PageServlet.ago(d.lastSeen()).replace(" ago", "") + ")");
        }
        if (d.inError()) {
            out.add("in error (" + String.join(", ", d.errors()) + ")");
        }
        return out;
    }

    private static String like(String text) {
        return "%" + text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static int bind(PreparedStatement s, User user, List<Object> parameters) throws SQLException {
        UserStore.bindScope(s, 1, user);
        int i = 4;
        for (Object parameter : parameters) {
            if (parameter instanceof Integer n) {
                s.setInt(i++, n);
            } else if (parameter instanceof Timestamp t) {
                s.setTimestamp(i++, t);
            } else {
                s.setString(i++, (String) parameter);
            }
        }
        return i;
    }

    /** The sites a user sees, for the fleet view's filter. */
    List<String[]> sites(User user) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT site.id, site.name, customer.name FROM site JOIN customer ON site.customer_id = customer.id "
                     + "WHERE" + UserStore.SCOPE + "ORDER BY customer.name, site.name")) {
            UserStore.bindScope(s, 1, user);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
        }
        return out;
    }
}
