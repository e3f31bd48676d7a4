package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.printscout.portal.server.internal.UserStore.User;

/**
 * Alert rules, alerts, recipients and deliveries (V9). An alert is opened once per rule and subject
 * ({@code open_key} is unique while it is open) and closed once; each open and close makes at most one
 * delivery per recipient (unique key), which is what keeps anything from being sent twice.
 */
final class AlertStore {

    /** What a rule watches; the threshold's meaning in brackets. */
    enum Kind {
        SUPPLY_BELOW("supply below (percent)"), SUPPLY_RUNS_OUT("supply runs out within (days)"), DEVICE_OFFLINE("device offline for (minutes)"),
        DEVICE_ERROR("device in error"), METER_BACKWARDS("meter went backwards"), AGENT_SILENT("agent silent for (hours)");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        String stored() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Optional<Kind> of(String stored) {
            for (Kind kind : values()) {
                if (kind.stored().equals(stored)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        boolean needsThreshold() {
            return this != DEVICE_ERROR && this != METER_BACKWARDS;
        }
    }

    enum Channel {
        EMAIL, WEBHOOK;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A rule; {@code customerId} null: every customer of the dealer. */
    record Rule(long id, String dealerId, String customerId, Kind kind, int threshold) {
    }

    /** What a rule finds now: a subject (unique within the rule) and what to say about it. */
    record Finding(String subject, String customerId, Long deviceId, String agentId, String summary) {
    }

    record Alert(long id, long ruleId, String subject, String customerId, String customerName, Long deviceId, String summary, Instant opened,
                 Instant closed) {
    }

    record Recipient(long id, String dealerId, String customerId, Channel channel, String target, String secret, boolean digest) {
    }

    /** A notification due: the alert, the recipient, opened or closed. */
    record Delivery(long id, Alert alert, Recipient recipient, String event, int attempts, Instant nextAttempt) {
    }

    record Attempt(long deliveryId, Instant at, String outcome, String event, String target, String summary, String state) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    AlertStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    long createRule(String dealerId, String customerId, Kind kind, int threshold, String by) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert_rule (dealer_id, customer_id, kind, threshold, created, created_by) "
                     + "VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, dealerId);
            setNullable(s, 2, customerId);
            s.setString(3, kind.stored());
            s.setInt(4, threshold);
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            s.setString(6, by);
            s.executeUpdate();
            return generated(s);
        }
    }

    /** Deletes a rule of the dealer (its alerts go with it); false when there is no such rule. */
    boolean deleteRule(String dealerId, long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM alert_rule WHERE id = ? AND dealer_id = ?")) {
            s.setLong(1, id);
            s.setString(2, dealerId);
            return s.executeUpdate() == 1;
        }
    }

    List<Rule> rules(String dealerId) throws SQLException {
        List<Rule> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, dealer_id, customer_id, kind, threshold FROM alert_rule "
                     + (dealerId == null ? "" : "WHERE dealer_id = ? ") + "ORDER BY id")) {
            if (dealerId != null) {
                s.setString(1, dealerId);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Optional<Kind> kind = Kind.of(r.getString(4));
                    if (kind.isPresent()) {
                        out.add(new Rule(r.getLong(1), r.getString(2), r.getString(3), kind.get(), r.getInt(5)));
                    }
                }
            }
        }
        return out;
    }

    long createRecipient(String dealerId, String customerId, Channel channel, String target, String secret, boolean digest) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert_recipient (dealer_id, customer_id, channel, target, secret, digest, created) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, dealerId);
            setNullable(s, 2, customerId);
            s.setString(3, channel.stored());
            s.setString(4, target);
            setNullable(s, 5, secret);
            s.setBoolean(6, digest);
            s.setTimestamp(7, Timestamp.from(clock.instant()));
            s.executeUpdate();
            return generated(s);
        }
    }

    boolean deleteRecipient(String dealerId, long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM alert_recipient WHERE id = ? AND dealer_id = ?")) {
            s.setLong(1, id);
            s.setString(2, dealerId);
            return s.executeUpdate() == 1;
        }
    }

    List<Recipient> recipients(String dealerId) throws SQLException {
        List<Recipient> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, dealer_id, customer_id, channel, target, secret, digest FROM alert_recipient "
                     + "WHERE dealer_id = ? ORDER BY id")) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(recipient(r, 1));
                }
            }
        }
        return out;
    }

    private static Recipient recipient(ResultSet r, int first) throws SQLException {
        return new Recipient(r.getLong(first), r.getString(first + 1), r.getString(first + 2),
                Channel.valueOf(r.getString(first + 3).toUpperCase(Locale.ROOT)), r.getString(first + 4), r.getString(first + 5),
                r.getBoolean(first + 6));
    }

    /**
     * Brings a rule's open alerts in line with what it finds now: a finding without an open alert opens
     * one, an open alert whose subject is no longer found is closed; each makes one delivery per
     * recipient of the alert's customer. Returns the number opened and closed.
     */
    int[] reconcile(Rule rule, List<Finding> findings, Instant digestAt) throws SQLException {
        int opened = 0;
        int closed = 0;
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            List<String[]> open = new ArrayList<>(); // {id, subject}
            try (PreparedStatement s = c.prepareStatement("SELECT id, subject FROM alert WHERE rule_id = ? AND closed IS NULL")) {
                s.setLong(1, rule.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        open.add(new String[] {Long.toString(r.getLong(1)), r.getString(2)});
                    }
                }
            }
            java.util.Set<String> found = new java.util.HashSet<>();
            for (Finding finding : findings) {
                found.add(finding.subject());
                if (open.stream().anyMatch(o -> o[1].equals(finding.subject()))) {
                    continue;
                }
                Long id = openAlert(c, rule, finding, now);
                if (id != null) {
                    opened++;
                    queue(c, id, rule.dealerId(), finding.customerId(), "opened", now, digestAt);
                }
            }
            for (String[] alert : open) {
                if (found.contains(alert[1])) {
                    continue;
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE alert SET closed = ?, open_key = NULL WHERE id = ? AND closed IS NULL")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setLong(2, Long.parseLong(alert[0]));
                    if (s.executeUpdate() == 1) {
                        closed++;
                        queue(c, Long.parseLong(alert[0]), rule.dealerId(), customerOf(c, Long.parseLong(alert[0])), "closed", now, digestAt);
                    }
                }
            }
        }
        return new int[] {opened, closed};
    }

    /** Opens the alert; null when another node opened it first (the open key is unique). */
    private static Long openAlert(Connection c, Rule rule, Finding finding, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alert (rule_id, open_key, subject, customer_id, device_id, agent_id, summary, opened) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setLong(1, rule.id());
            s.setString(2, rule.id() + ":" + Sql.cut(finding.subject(), 200));
            s.setString(3, Sql.cut(finding.subject(), 200));
            s.setString(4, finding.customerId());
            if (finding.deviceId() == null) {
                s.setNull(5, Types.BIGINT);
            } else {
                s.setLong(5, finding.deviceId());
            }
            setNullable(s, 6, finding.agentId());
            s.setString(7, Sql.cut(finding.summary(), 1000));
            s.setTimestamp(8, Timestamp.from(now));
            s.executeUpdate();
            return generated(s);
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    private static String customerOf(Connection c, long alertId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT customer_id FROM alert WHERE id = ?")) {
            s.setLong(1, alertId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** One delivery per recipient of the customer: now, or at the next digest for digest recipients. */
    private static void queue(Connection c, long alertId, String dealerId, String customerId, String event, Instant now, Instant digestAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_delivery (alert_id, recipient_id, event, state, attempts, next_attempt) "
                + "SELECT ?, id, ?, 'pending', 0, CASE WHEN digest THEN CAST(? AS TIMESTAMP WITH TIME ZONE) "
                + "ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) END FROM alert_recipient "
                + "WHERE dealer_id = ? AND (customer_id IS NULL OR customer_id = ?)")) {
            s.setLong(1, alertId);
            s.setString(2, event);
            s.setTimestamp(3, Timestamp.from(digestAt));
            s.setTimestamp(4, Timestamp.from(now));
            s.setString(5, dealerId);
            s.setString(6, customerId);
            s.executeUpdate();
        }
    }

    private static final String DELIVERY = "SELECT d.id, d.event, d.attempts, d.next_attempt, a.id, a.rule_id, a.subject, a.customer_id, "
            + "customer.name, a.device_id, a.summary, a.opened, a.closed, r.id, r.dealer_id, r.customer_id, r.channel, r.target, r.secret, r.digest "
            + "FROM alert_delivery d JOIN alert a ON a.id = d.alert_id JOIN alert_recipient r ON r.id = d.recipient_id "
            + "JOIN customer ON customer.id = a.customer_id ";

    /** Deliveries due now, oldest first. */
    List<Delivery> due(int limit) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(DELIVERY + "WHERE d.state = 'pending' AND d.next_attempt <= ? ORDER BY d.next_attempt, d.id "
                     + "FETCH FIRST " + limit + " ROWS ONLY")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long deviceId = r.getLong(10);
                    Long device = r.wasNull() ? null : deviceId;
                    Timestamp closed = r.getTimestamp(13);
                    Alert alert = new Alert(r.getLong(5), r.getLong(6), r.getString(7), r.getString(8), r.getString(9), device, r.getString(11),
                            r.getTimestamp(12).toInstant(), closed == null ? null : closed.toInstant());
                    out.add(new Delivery(r.getLong(1), alert, recipient(r, 14), r.getString(2), r.getInt(3), r.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    /**
     * Takes a delivery for one attempt: moves its next attempt to {@code leaseUntil} if it is still as
     * read, so two portal nodes never send the same one; false when another took it.
     */
    boolean claim(Delivery delivery, Instant leaseUntil) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE alert_delivery SET next_attempt = ? WHERE id = ? AND state = 'pending' "
                     + "AND attempts = ? AND next_attempt = ?")) {
            s.setTimestamp(1, Timestamp.from(leaseUntil));
            s.setLong(2, delivery.id());
            s.setInt(3, delivery.attempts());
            s.setTimestamp(4, Timestamp.from(delivery.nextAttempt()));
            return s.executeUpdate() == 1;
        }
    }

    /** Records an attempt: sent, retried at {@code retryAt}, or given up (retryAt null and not sent). */
    void attempted(long deliveryId, boolean sent, Instant retryAt, String outcome) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE alert_delivery SET attempts = attempts + 1, state = ?, next_attempt = ?, sent = ? "
                    + "WHERE id = ?")) {
                s.setString(1, sent ? "sent" : retryAt == null ? "failed" : "pending");
                s.setTimestamp(2, Timestamp.from(retryAt == null ? now : retryAt));
                s.setTimestamp(3, sent ? Timestamp.from(now) : null);
                s.setLong(4, deliveryId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_attempt (delivery_id, at, outcome) VALUES (?, ?, ?)")) {
                s.setLong(1, deliveryId);
                s.setTimestamp(2, Timestamp.from(now));
                s.setString(3, Sql.cut(outcome, 1000));
                s.executeUpdate();
            }
        }
    }

    /** Alerts in the user's scope: the open ones, or the newest closed ones too. */
    List<Alert> alerts(User user, boolean includeClosed, int limit) throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT a.id, a.rule_id, a.subject, a.customer_id, customer.name, a.device_id, a.summary, "
                     + "a.opened, a.closed FROM alert a JOIN customer ON customer.id = a.customer_id WHERE" + UserStore.SCOPE
                     + (includeClosed ? "" : "AND a.closed IS NULL ") + "ORDER BY CASE WHEN a.closed IS NULL THEN 0 ELSE 1 END, a.opened DESC, a.id DESC "
                     + "FETCH FIRST " + limit + " ROWS ONLY")) {
            UserStore.bindScope(s, 1, user);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long deviceId = r.getLong(6);
                    Long device = r.wasNull() ? null : deviceId;
                    Timestamp closed = r.getTimestamp(9);
                    out.add(new Alert(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), device, r.getString(7),
                            r.getTimestamp(8).toInstant(), closed == null ? null : closed.toInstant()));
                }
            }
        }
        return out;
    }

    /** The delivery log of the dealer, newest first. */
    List<Attempt> attempts(String dealerId, int limit) throws SQLException {
        List<Attempt> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT t.delivery_id, t.at, t.outcome, d.event, r.target, a.summary, d.state "
                     + "FROM alert_attempt t JOIN alert_delivery d ON d.id = t.delivery_id JOIN alert_recipient r ON r.id = d.recipient_id "
                     + "JOIN alert a ON a.id = d.alert_id WHERE r.dealer_id = ? ORDER BY t.id DESC FETCH FIRST " + limit + " ROWS ONLY")) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Attempt(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7)));
                }
            }
        }
        return out;
    }

    private static void setNullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null || value.isEmpty()) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    private static long generated(PreparedStatement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
