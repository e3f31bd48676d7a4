package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * What each alert rule finds in the database now, and the reconciliation of its alerts with that
 * ({@link AlertStore#reconcile}): a condition that holds opens its alert once, one that cleared closes
 * it. Subjects: {@code supply:<device>:<index>}, {@code device:<id>}, {@code meter:<device>:<name>},
 * {@code agent:<id>}.
 */
final class AlertRules {

    /** How far back a meter's highest reading counts for "went backwards". */
    static final Duration BACKWARDS_WINDOW = Duration.ofDays(30);

    private final DataSource dataSource;
    private final AlertStore alerts;
    private final Clock clock;

    AlertRules(DataSource dataSource, AlertStore alerts, Clock clock) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Evaluates every rule of every dealer; returns how many alerts were opened and closed. */
    int[] evaluate(Instant digestAt) throws SQLException {
        int[] total = {0, 0};
        for (AlertStore.Rule rule : alerts.rules(null)) {
            int[] changed = alerts.reconcile(rule, findings(rule), digestAt);
            total[0] += changed[0];
            total[1] += changed[1];
        }
        return total;
    }

    /** The next daily digest: 07:00 UTC today if still ahead, else tomorrow's. */
    static Instant nextDigest(Instant now) {
        Instant today = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(7, 0).toInstant(ZoneOffset.UTC);
        return today.isAfter(now) ? today : today.plus(Duration.ofDays(1));
    }

    private static final String DEVICES = "SELECT device.id, customer.id, device.serial, device.make, device.model, device.ip, site.name";
    private static final String FROM = " FROM device JOIN site ON device.site_id = site.id JOIN customer ON site.customer_id = customer.id "
            + "WHERE customer.dealer_id = ? AND (CAST(? AS VARCHAR(64)) IS NULL OR customer.id = ?) ";

    List<AlertStore.Finding> findings(AlertStore.Rule rule) throws SQLException {
        Instant now = clock.instant();
        List<AlertStore.Finding> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            switch (rule.kind()) {
                case SUPPLY_BELOW:
                case SUPPLY_RUNS_OUT:
                    // candidates by the device's lowest supply (a runs-out forecast needs a drain, so every device with a level)
                    String where = rule.kind() == AlertStore.Kind.SUPPLY_BELOW ? "AND device.min_supply_percent < ?"
                            : "AND device.min_supply_percent IS NOT NULL";
                    try (PreparedStatement s = c.prepareStatement(DEVICES + FROM + where)) {
                        bind(s, rule);
                        if (rule.kind() == AlertStore.Kind.SUPPLY_BELOW) {
                            s.setInt(4, rule.threshold());
                        }
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                supplies(c, rule, r, now, out);
                            }
                        }
                    }
                    break;
                case DEVICE_OFFLINE:
                    try (PreparedStatement s = c.prepareStatement(DEVICES + ", device.last_seen" + FROM + "AND device.last_seen < ?")) {
                        bind(s, rule);
                        s.setTimestamp(4, Timestamp.from(now.minus(Duration.ofMinutes(rule.threshold()))));
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                out.add(new AlertStore.Finding("device:" + r.getLong(1), r.getString(2), r.getLong(1), null, name(r)
                                        + " offline: not seen since " + r.getTimestamp(8).toInstant()));
                            }
                        }
                    }
                    break;
                case DEVICE_ERROR:
                    try (PreparedStatement s = c.prepareStatement(DEVICES + ", device.errors" + FROM + "AND device.errors IS NOT NULL")) {
                        bind(s, rule);
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                out.add(new AlertStore.Finding("device:" + r.getLong(1), r.getString(2), r.getLong(1), null, name(r)
                                        + " in error: " + String.join(", ", r.getString(8).split(" "))));
                            }
                        }
                    }
                    break;
                case METER_BACKWARDS:
                    // the newest reading of a meter below the highest of the window before it
                    try (PreparedStatement s = c.prepareStatement(DEVICES + ", mr.name, mr.reading, (SELECT MAX(m2.reading) FROM meter_reading m2 "
                            + "WHERE m2.device_id = mr.device_id AND m2.name = mr.name AND m2.read_at < mr.read_at AND m2.read_at >= ?) AS before_max"
                            + FROM.replace(" FROM device ", " FROM device JOIN meter_reading mr ON mr.device_id = device.id ")
                            + "AND mr.read_at = (SELECT MAX(m3.read_at) FROM meter_reading m3 WHERE m3.device_id = mr.device_id AND m3.name = mr.name) "
                            + "AND mr.read_at >= ?")) {
                        s.setTimestamp(1, Timestamp.from(now.minus(BACKWARDS_WINDOW)));
                        s.setString(2, rule.dealerId());
                        s.setString(3, rule.customerId());
                        s.setString(4, rule.customerId());
                        s.setTimestamp(5, Timestamp.from(now.minus(BACKWARDS_WINDOW)));
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                long before = r.getLong(10);
                                if (!r.wasNull() && r.getLong(9) < before) {
                                    out.add(new AlertStore.Finding("meter:" + r.getLong(1) + ":" + r.getString(8), r.getString(2), r.getLong(1), null,
                                            name(r) + ": meter " + r.getString(8) + " went backwards from " + before + " to " + r.getLong(9)));
                                }
                            }
                        }
                    }
                    break;
                case AGENT_SILENT:
                    try (PreparedStatement s = c.prepareStatement("SELECT agent.id, customer.id, agent.hostname, site.name, "
                            + "COALESCE(agent.last_contact, agent.activated) FROM agent JOIN site ON agent.site_id = site.id "
                            + "JOIN customer ON site.customer_id = customer.id WHERE customer.dealer_id = ? AND (CAST(? AS VARCHAR(64)) IS NULL "
                            + "OR customer.id = ?) AND COALESCE(agent.last_contact, agent.activated) < ?")) {
                        bind(s, rule);
                        s.setTimestamp(4, Timestamp.from(now.minus(Duration.ofHours(rule.threshold()))));
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                out.add(new AlertStore.Finding("agent:" + r.getString(1), r.getString(2), null, r.getString(1), "agent "
                                        + r.getString(1) + (r.getString(3) == null ? "" : " (" + r.getString(3) + ")") + " at " + r.getString(4)
                                        + " silent since " + r.getTimestamp(5).toInstant()));
                            }
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return out;
    }

    private static void supplies(Connection c, AlertStore.Rule rule, ResultSet device, Instant now, List<AlertStore.Finding> out) throws SQLException {
        long deviceId = device.getLong(1);
        Map<Integer, List<RunOutForecast.Level>> history = rule.kind() == AlertStore.Kind.SUPPLY_RUNS_OUT
                ? ReadModels.supplyHistory(c, deviceId, now.minus(ReadModels.FORECAST_HISTORY)) : Map.of();
        for (ReadModels.SupplyValue supply : ReadModels.latestSupplyValues(c, deviceId)) {
            if (supply.level() < 0 || supply.max() <= 0) {
                continue;
            }
            int percent = (int) Math.min(100, 100 * supply.level() / supply.max());
            String subject = "supply:" + deviceId + ":" + supply.index();
            String what = name(device) + ": " + (supply.description() == null ? "supply " + supply.index() : supply.description());
            if (rule.kind() == AlertStore.Kind.SUPPLY_BELOW) {
                if (percent < rule.threshold()) {
                    out.add(new AlertStore.Finding(subject, device.getString(2), deviceId, null, what + " at " + percent + "% (below "
                            + rule.threshold() + "%)"));
                }
            } else {
                RunOutForecast.Forecast forecast = RunOutForecast.of(history.getOrDefault(supply.index(), List.of()));
                if (forecast.kind() == RunOutForecast.Kind.EMPTY
                        || forecast.kind() == RunOutForecast.Kind.RUNS_OUT && forecast.daysLeft() <= rule.threshold()) {
                    out.add(new AlertStore.Finding(subject, device.getString(2), deviceId, null, what + " " + PageServlet.forecastText(forecast)));
                }
            }
        }
    }

    private static void bind(PreparedStatement s, AlertStore.Rule rule) throws SQLException {
        s.setString(1, rule.dealerId());
        s.setString(2, rule.customerId());
        s.setString(3, rule.customerId());
    }

    /** A device as an alert names it: make, model, serial, address, site. */
    private static String name(ResultSet r) throws SQLException {
        String model = ((r.getString(4) == null ? "" : r.getString(4)) + " " + (r.getString(5) == null ? "" : r.getString(5))).strip();
        return (model.isEmpty() ? "device" : model) + (r.getString(3) == null ? "" : " " + r.getString(3)) + " (" + r.getString(6) + ", "
                + r.getString(7) + ")";
    }
}
