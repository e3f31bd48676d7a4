package org.printscout.portal.server.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The remote web UI's rows: the portal's secrets, agents' SSH keys and the sessions. A session's
 * state only moves forward (requested, then open, then one of refused, failed or closed), whoever
 * reports it, so a late or repeated status from an agent cannot reopen what ended.
 */
final class RemoteUiStore {

    /** States of a session; the last three are ends. */
    static final String REQUESTED = "requested";
    static final String OPEN = "open";
    static final Set<String> ENDS = Set.of("refused", "failed", "closed");

    private static final Pattern SSH_KEY = Pattern.compile(
            "(ecdsa-sha2-nistp(?:256|384|521)|ssh-ed25519) ([A-Za-z0-9+/]{40,900}={0,2})(?: [\\x21-\\x7e]{0,100})?");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What opening a device's web UI needs to know about it, in the user's scope. */
    record Target(long deviceId, String address, String dealerId, String customerId, boolean allowed, String agentId) {
    }

    /** A session as the pages show it. */
    record Session(String id, String agentId, long deviceId, String deviceAddress, int devicePort, int remotePort, String username,
                   String portalSessionSha256, String state, String reason, Instant created, Instant opened, Instant expires, Instant ended,
                   String customerId) {
        boolean live() {
            return !ENDS.contains(state);
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    RemoteUiStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The portal's secrets, made by the first node that needs them. */
    RemoteUiKeys keys() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<RemoteUiKeys> stored = readKeys(c);
            if (stored.isPresent()) {
                return stored.get();
            }
            String[] fresh = RemoteUiKeys.generate();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO remote_ui_secret (id, request_private_key, request_public_key, "
                    + "broker_secret, created) VALUES (1, ?, ?, ?, ?)")) {
                s.setString(1, fresh[0]);
                s.setString(2, fresh[1]);
                s.setString(3, fresh[2]);
                s.setTimestamp(4, Timestamp.from(clock.instant()));
                s.executeUpdate();
            } catch (SQLException raced) {
                // another node inserted first: use its row
            }
            return readKeys(c).orElseThrow(() -> new SQLException("no remote-UI secrets after inserting them"));
        }
    }

    private static Optional<RemoteUiKeys> readKeys(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT request_private_key, request_public_key, broker_secret FROM remote_ui_secret WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new RemoteUiKeys(r.getString(1), r.getString(2), r.getString(3))) : Optional.empty();
        }
    }

    /** Registers (or replaces) an agent's SSH public key; empty when the line is not an OpenSSH ECDSA or Ed25519 public key. */
    Optional<String> registerKey(String agentId, String line) throws SQLException {
        Matcher key = SSH_KEY.matcher(line == null ? "" : line.strip());
        if (!key.matches()) {
            return Optional.empty();
        }
        String fingerprint = fingerprint(key.group(2));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM agent_ssh_key WHERE agent_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO agent_ssh_key (agent_id, public_key, fingerprint, registered) "
                         + "VALUES (?, ?, ?, ?)")) {
                delete.setString(1, agentId);
                delete.executeUpdate();
                insert.setString(1, agentId);
                insert.setString(2, key.group(1) + " " + key.group(2));
                insert.setString(3, fingerprint);
                insert.setTimestamp(4, Timestamp.from(clock.instant()));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        return Optional.of(fingerprint);
    }

    /** OpenSSH's {@code %f}: SHA256: and the unpadded base64 of the key blob's digest. */
    static String fingerprint(String blobBase64) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(blobBase64));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every agent's id, for the broker's password file. */
    List<String> agentIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM agent ORDER BY id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    boolean hasKey(String agentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM agent_ssh_key WHERE agent_id = ?")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The device, if the user may see it, with its customer's switch and the site's agent that reported last. */
    Optional<Target> target(UserStore.User user, long deviceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT device.ip, customer.dealer_id, customer.id, customer.remote_ui_allowed, "
                     + "(SELECT agent.id FROM agent WHERE agent.site_id = site.id ORDER BY agent.last_contact DESC NULLS LAST, agent.id "
                     + "FETCH FIRST 1 ROWS ONLY) FROM device JOIN site ON device.site_id = site.id JOIN customer ON site.customer_id = customer.id "
                     + "WHERE device.id = ? AND" + UserStore.SCOPE)) {
            s.setLong(1, deviceId);
            UserStore.bindScope(s, 2, user);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getString(1) == null || r.getString(5) == null) {
                    return Optional.empty();
                }
                return Optional.of(new Target(deviceId, r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4), r.getString(5)));
            }
        }
    }

    /** A new session on a free port of {@code [minPort, maxPort]}; empty when every port is taken by a live session. */
    Optional<Session> create(Target target, int devicePort, String username, String portalSessionSha256, int minPort, int maxPort,
                             Instant expires) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Set<Integer> taken = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT remote_port FROM remote_session WHERE state IN ('requested', 'open') AND expires > ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        taken.add(r.getInt(1));
                    }
                }
            }
            int span = maxPort - minPort + 1;
            if (taken.size() >= span) {
                return Optional.empty();
            }
            int port = minPort + RANDOM.nextInt(span);
            while (taken.contains(port)) {
                port = port == maxPort ? minPort : port + 1;
            }
            String id = "rs-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO remote_session (id, dealer_id, customer_id, agent_id, device_id, "
                    + "device_address, device_port, remote_port, username, portal_session_sha256, state, reason, created, expires) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', 'waiting for the agent', ?, ?)")) {
                s.setString(1, id);
                s.setString(2, target.dealerId());
                s.setString(3, target.customerId());
                s.setString(4, target.agentId());
                s.setLong(5, target.deviceId());
                s.setString(6, target.address());
                s.setInt(7, devicePort);
                s.setInt(8, port);
                s.setString(9, username);
                s.setString(10, portalSessionSha256);
                s.setTimestamp(11, Timestamp.from(now));
                s.setTimestamp(12, Timestamp.from(expires));
                s.executeUpdate();
            }
            return session(id);
        }
    }

    /**
     * Records what an agent (named by the topic it published on) says of one of its sessions; only
     * forward moves count. True when the state changed.
     */
    boolean report(String agentId, String sessionId, String state, String reason) throws SQLException {
        Instant now = clock.instant();
        String clipped = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        String sql;
        if (state.equals(OPEN)) {
            sql = "UPDATE remote_session SET state = 'open', reason = ?, opened = ? WHERE id = ? AND agent_id = ? AND state = 'requested'";
        } else if (ENDS.contains(state)) {
            sql = "UPDATE remote_session SET state = ?, reason = ?, ended = ?, ticket_sha256 = NULL WHERE id = ? AND agent_id = ? "
                    + "AND state IN ('requested', 'open')";
        } else {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (!state.equals(OPEN)) {
                s.setString(i++, state);
            }
            s.setString(i++, clipped);
            s.setTimestamp(i++, Timestamp.from(now));
            s.setString(i++, sessionId);
            s.setString(i, agentId);
            return s.executeUpdate() == 1;
        }
    }

    /** Ends a live session from the portal's side (the user, the time limit, a sign-out). */
    boolean end(String sessionId, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE remote_session SET state = 'closed', reason = ?, ended = ?, ticket_sha256 = NULL "
                     + "WHERE id = ? AND state IN ('requested', 'open')")) {
            s.setString(1, reason);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setString(3, sessionId);
            return s.executeUpdate() == 1;
        }
    }

    /** Live sessions whose time is up, or whose user's portal session ended. */
    List<Session> overdue() throws SQLException {
        return sessions("WHERE remote_session.state IN ('requested', 'open') AND (remote_session.expires <= ? OR NOT EXISTS "
                + "(SELECT 1 FROM portal_session p WHERE p.token_sha256 = remote_session.portal_session_sha256))", clock.instant());
    }

    Optional<Session> session(String id) throws SQLException {
        List<Session> found = sessions("WHERE remote_session.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The dealer's sessions, newest first, limited to the customers the user sees. */
    List<Session> log(UserStore.User user, int limit) throws SQLException {
        List<Session> all = sessions("JOIN customer ON remote_session.customer_id = customer.id WHERE" + UserStore.SCOPE
                + "ORDER BY remote_session.created DESC FETCH FIRST " + Math.max(1, Math.min(limit, 500)) + " ROWS ONLY", user);
        return all;
    }

    /** The ports an agent's key may listen on now (its live sessions) and until when, for the tunnel server's AuthorizedKeysCommand. */
    record Listen(String publicKey, List<Integer> ports, Instant until) {
    }

    Optional<Listen> listen(String fingerprint) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT k.public_key, r.remote_port, r.expires FROM agent_ssh_key k JOIN remote_session r "
                     + "ON r.agent_id = k.agent_id WHERE k.fingerprint = ? AND r.state IN ('requested', 'open') AND r.expires > ? ORDER BY r.remote_port")) {
            s.setString(1, fingerprint);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet r = s.executeQuery()) {
                String key = null;
                List<Integer> ports = new ArrayList<>();
                Instant until = Instant.EPOCH;
                while (r.next()) {
                    key = r.getString(1);
                    ports.add(r.getInt(2));
                    Instant expires = r.getTimestamp(3).toInstant();
                    until = expires.isAfter(until) ? expires : until;
                }
                return key == null ? Optional.empty() : Optional.of(new Listen(key, ports, until));
            }
        }
    }

    /** A single-use ticket that lets the user's browser into the relay for this open session. */
    Optional<String> issueTicket(String sessionId, String username) throws SQLException {
        String ticket = Passwords.newSecret();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE remote_session SET ticket_sha256 = ? WHERE id = ? AND username = ? AND state = 'open' "
                     + "AND expires > ?")) {
            s.setString(1, Passwords.sha256(ticket));
            s.setString(2, sessionId);
            s.setString(3, username);
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            return s.executeUpdate() == 1 ? Optional.of(ticket) : Optional.empty();
        }
    }

    /** Trades a ticket for the relay's cookie token (the ticket is then spent). */
    Optional<String> redeemTicket(String sessionId, String ticket) throws SQLException {
        String relay = Passwords.newSecret();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE remote_session SET ticket_sha256 = NULL, relay_sha256 = ? WHERE id = ? "
                     + "AND ticket_sha256 = ? AND state = 'open' AND expires > ?")) {
            s.setString(1, Passwords.sha256(relay));
            s.setString(2, sessionId);
            s.setString(3, Passwords.sha256(ticket));
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            return s.executeUpdate() == 1 ? Optional.of(relay) : Optional.empty();
        }
    }

    /** The open session a relay cookie belongs to, while its user's portal session lasts. */
    Optional<Session> relaySession(String sessionId, String relayToken) throws SQLException {
        List<Session> found = sessions("WHERE remote_session.id = ? AND remote_session.relay_sha256 = ? AND remote_session.state = 'open' "
                + "AND remote_session.expires > ? AND EXISTS (SELECT 1 FROM portal_session p WHERE p.token_sha256 = remote_session.portal_session_sha256)",
                sessionId, Passwords.sha256(relayToken), clock.instant());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Session> sessions(String where, Object... parameters) throws SQLException {
        String sql = "SELECT remote_session.id, remote_session.agent_id, remote_session.device_id, remote_session.device_address, "
                + "remote_session.device_port, remote_session.remote_port, remote_session.username, remote_session.portal_session_sha256, "
                + "remote_session.state, remote_session.reason, remote_session.created, remote_session.opened, remote_session.expires, "
                + "remote_session.ended, remote_session.customer_id FROM remote_session " + where;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (Object parameter : parameters) {
                if (parameter instanceof UserStore.User user) {
                    UserStore.bindScope(s, i, user);
                    i += 3;
                } else if (parameter instanceof Instant instant) {
                    s.setTimestamp(i++, Timestamp.from(instant));
                } else {
                    s.setString(i++, String.valueOf(parameter));
                }
            }
            List<Session> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Session(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getInt(5), r.getInt(6), r.getString(7),
                            r.getString(8), r.getString(9), r.getString(10), instant(r, 11), instant(r, 12), instant(r, 13), instant(r, 14),
                            r.getString(15)));
                }
            }
            return out;
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp value = r.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
