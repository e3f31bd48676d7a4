package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * People's sign-in sessions in the database ({@code portal_session}), so every portal node on it
 * knows every session. The browser holds a random 256-bit token; the table holds only its SHA-256,
 * so reading the table signs nobody in. Each session has its own random CSRF token. A session ends
 * when it is closed (sign-out, a password reset), when it was idle too long or when it is too old;
 * the user's role and customers are read with the session on every request, so a change by an admin
 * applies at once and a deleted user's sessions go with the user.
 */
final class SessionStore {

    /** A session's last use is written at most this often, or a quarter of the idle time if less (a page load costs one read, not a write). */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(60);

    /** A live session: who, its CSRF token, when it began. */
    record Session(String tokenSha256, UserStore.User user, String csrf, Instant created) {
    }

    /** A new session: the token for the cookie, and its CSRF token. */
    record Opened(String token, String csrf) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    SessionStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Opens a session for a user whose password was just checked against {@code verifiedHash}; empty
     * when that hash is no longer theirs (a reset or change landed during the check: it wins) or the
     * user is gone.
     */
    Optional<Opened> open(String username, String verifiedHash, String address) throws SQLException {
        String token = Passwords.newSecret();
        String csrf = Passwords.newSecret();
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO portal_session (token_sha256, username, csrf, address, created, last_seen) "
                     + "SELECT ?, username, ?, ?, ?, ? FROM portal_user WHERE username = ? AND password_hash = ?")) {
            s.setString(1, Passwords.sha256(token));
            s.setString(2, csrf);
            s.setString(3, cut(address, 64));
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.setString(6, username);
            s.setString(7, verifiedHash);
            return s.executeUpdate() == 1 ? Optional.of(new Opened(token, csrf)) : Optional.empty();
        }
    }

    /** The live session of a cookie's token, its use recorded; empty for an unknown, idle or too old one (which is deleted). */
    Optional<Session> find(String token, Duration idle, Duration absolute) throws SQLException {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String hash = Passwords.sha256(token);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Session session;
            Instant lastSeen;
            try (PreparedStatement s = c.prepareStatement("SELECT s.csrf, s.created, s.last_seen, u.username, u.role, u.dealer_id, "
                    + "NOT EXISTS (SELECT 1 FROM user_customer uc WHERE uc.username = u.username) "
                    + "FROM portal_session s JOIN portal_user u ON u.username = s.username WHERE s.token_sha256 = ?")) {
                s.setString(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    Instant created = r.getTimestamp(2).toInstant();
                    lastSeen = r.getTimestamp(3).toInstant();
                    UserStore.User user = new UserStore.User(r.getString(4), UserStore.Role.valueOf(r.getString(5)), r.getString(6), r.getBoolean(7));
                    session = new Session(hash, user, r.getString(1), created);
                }
            }
            if (!now.isBefore(session.created().plus(absolute)) || !now.isBefore(lastSeen.plus(idle))) {
                delete(c, hash);
                return Optional.empty();
            }
            Duration touchEvery = idle.dividedBy(4).compareTo(TOUCH_EVERY) < 0 ? idle.dividedBy(4) : TOUCH_EVERY;
            if (!now.isBefore(lastSeen.plus(touchEvery))) {
                try (PreparedStatement s = c.prepareStatement("UPDATE portal_session SET last_seen = ? WHERE token_sha256 = ?")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setString(2, hash);
                    s.executeUpdate();
                }
            }
            return Optional.of(session);
        }
    }

    void close(String tokenSha256) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            delete(c, tokenSha256);
        }
    }

    /** Ends every session of a user but {@code keep} (a token hash, or null for none); returns how many ended. */
    int closeAllOf(String username, String keep) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM portal_session WHERE username = ? AND token_sha256 <> ?")) {
            s.setString(1, username);
            s.setString(2, keep == null ? "" : keep);
            return s.executeUpdate();
        }
    }

    /** Deletes sessions that can no longer be used; returns how many. */
    int purge(Duration idle, Duration absolute) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM portal_session WHERE last_seen <= ? OR created <= ?")) {
            s.setTimestamp(1, Timestamp.from(now.minus(idle)));
            s.setTimestamp(2, Timestamp.from(now.minus(absolute)));
            return s.executeUpdate();
        }
    }

    int count(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM portal_session WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void delete(Connection c, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM portal_session WHERE token_sha256 = ?")) {
            s.setString(1, hash);
            s.executeUpdate();
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
