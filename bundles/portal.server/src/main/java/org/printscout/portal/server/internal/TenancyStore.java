package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.printscout.portal.server.internal.UserStore.Role;
import org.printscout.portal.server.internal.UserStore.User;

/**
 * Tenancy, in SQL (H2 or PostgreSQL, same statements): dealer → customers → sites → agents. Sites and
 * their configuration, single-use activation keys, agents' authentication, a customer's remote-UI
 * switch and what agents last said about their configuration.
 */
final class TenancyStore {

    record Activation(String agentId, String secret, String siteId) {
    }

    /** An authenticated agent. */
    record AgentRef(String agentId, String siteId) {
    }

    /** A site's configuration as the portal keeps it, and its customer's remote-UI switch. */
    record SiteConfig(String json, long version, boolean remoteUiAllowed) {
    }

    /** A customer as a user sees it, with the settings only an admin may change. */
    record CustomerRow(String id, String name, boolean remoteUiAllowed) {
    }

    /** What an agent last said about the site configuration it evaluated (POST .../config-status). */
    record ConfigStatus(String etag, boolean applied, String reason, Instant reported) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    TenancyStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    void createDealer(String id, String name) throws SQLException {
        Sql.update(dataSource, "INSERT INTO dealer (id, name) VALUES (?, ?)", id, name);
    }

    void createCustomer(String id, String dealerId, String name) throws SQLException {
        Sql.update(dataSource, "INSERT INTO customer (id, dealer_id, name) VALUES (?, ?, ?)", id, dealerId, name);
    }

    void createSite(String id, String customerId, String name, String configJson) throws SQLException {
        Sql.update(dataSource, "INSERT INTO site (id, customer_id, name, config_json, config_version) VALUES (?, ?, ?, ?, 1)",
                id, customerId, name, configJson);
    }

    void updateSiteConfig(String siteId, String configJson) throws SQLException {
        Sql.update(dataSource, "UPDATE site SET config_json = ?, config_version = config_version + 1 WHERE id = ?", configJson, siteId);
    }

    /** A new single-use activation key for a site; only its hash is stored. */
    String newActivationKey(String siteId) throws SQLException {
        String key = "ACT-" + Passwords.newSecret();
        Sql.update(dataSource, "INSERT INTO activation_key (key_sha256, site_id) VALUES (?, ?)", Passwords.sha256(key), siteId);
        return key;
    }

    /** Exchanges an unused activation key for a new agent; empty when the key is unknown or used. */
    Optional<Activation> activate(String key, String hostname) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String siteId;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT site_id FROM activation_key WHERE key_sha256 = ? AND used_by_agent IS NULL FOR UPDATE")) {
                    s.setString(1, Passwords.sha256(key));
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                        siteId = r.getString(1);
                    }
                }
                String agentId = "agent-" + UUID.randomUUID();
                String secret = Passwords.newSecret();
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO agent (id, site_id, secret_hash, hostname, activated) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, agentId);
                    s.setString(2, siteId);
                    s.setString(3, Passwords.sha256(secret));
                    s.setString(4, hostname == null ? null : hostname.substring(0, Math.min(255, hostname.length())));
                    s.setTimestamp(5, now());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE activation_key SET used_by_agent = ? WHERE key_sha256 = ? AND used_by_agent IS NULL")) {
                    s.setString(1, agentId);
                    s.setString(2, Passwords.sha256(key));
                    if (s.executeUpdate() != 1) {
                        c.rollback();
                        return Optional.empty();
                    }
                }
                c.commit();
                return Optional.of(new Activation(agentId, secret, siteId));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    boolean agentExists(String agentId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT 1 FROM agent WHERE id = ?")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The agent whose id and secret these are, its last contact updated; empty otherwise. */
    Optional<AgentRef> authenticate(String agentId, String secret) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT site_id, secret_hash FROM agent WHERE id = ?")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !Passwords.sameSha256(secret, r.getString(2))) {
                    return Optional.empty();
                }
                String siteId = r.getString(1);
                try (PreparedStatement touch = c.prepareStatement("UPDATE agent SET last_contact = ? WHERE id = ?")) {
                    touch.setTimestamp(1, now());
                    touch.setString(2, agentId);
                    touch.executeUpdate();
                }
                return Optional.of(new AgentRef(agentId, siteId));
            }
        }
    }

    SiteConfig siteConfig(String siteId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT site.config_json, site.config_version, customer.remote_ui_allowed "
                     + "FROM site JOIN customer ON site.customer_id = customer.id WHERE site.id = ?")) {
            s.setString(1, siteId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("site " + siteId + " is gone");
                }
                return new SiteConfig(r.getString(1), r.getLong(2), r.getBoolean(3));
            }
        }
    }

    /** Keeps the latest configuration verdict per agent, replacing the one before. */
    void recordConfigStatus(String agentId, String etag, boolean applied, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; ; attempt++) {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE agent_config_status SET etag = ?, applied = ?, reason = ?, reported = ? WHERE agent_id = ?")) {
                    update.setString(1, etag);
                    update.setBoolean(2, applied);
                    update.setString(3, reason);
                    update.setTimestamp(4, now());
                    update.setString(5, agentId);
                    if (update.executeUpdate() > 0) {
                        return;
                    }
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO agent_config_status (agent_id, etag, applied, reason, reported) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, agentId);
                    insert.setString(2, etag);
                    insert.setBoolean(3, applied);
                    insert.setString(4, reason);
                    insert.setTimestamp(5, now());
                    insert.executeUpdate();
                    return;
                } catch (SQLException e) {
                    // another request of the same agent inserted first: update that row instead
                    if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt > 0) {
                        throw e;
                    }
                }
            }
        }
    }

    Optional<ConfigStatus> configStatus(String agentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT etag, applied, reason, reported FROM agent_config_status WHERE agent_id = ?")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new ConfigStatus(r.getString(1), r.getBoolean(2), r.getString(3), r.getTimestamp(4).toInstant()))
                        : Optional.empty();
            }
        }
    }

    boolean dealerExists(String dealerId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT 1 FROM dealer WHERE id = ?")) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    Optional<String> dealerOf(String customerId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT dealer_id FROM customer WHERE id = ?")) {
            s.setString(1, customerId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    List<CustomerRow> customers(User user) throws SQLException {
        List<CustomerRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT customer.id, customer.name, customer.remote_ui_allowed FROM customer WHERE"
                     + UserStore.SCOPE + "ORDER BY customer.name")) {
            UserStore.bindScope(s, 1, user);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new CustomerRow(r.getString(1), r.getString(2), r.getBoolean(3)));
                }
            }
        }
        return out;
    }

    /**
     * Switches a customer's remote web UI; only an admin whose scope holds the customer may. Returns
     * false (nothing changed) for anybody else or a customer out of scope.
     */
    boolean setRemoteUiAllowed(User user, String customerId, boolean allowed) throws SQLException {
        if (user.role() != Role.ADMIN || customers(user).stream().noneMatch(customer -> customer.id().equals(customerId))) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE customer SET remote_ui_allowed = ? WHERE id = ?")) {
            s.setBoolean(1, allowed);
            s.setString(2, customerId);
            return s.executeUpdate() == 1;
        }
    }
}
