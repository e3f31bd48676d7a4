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
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * A dealer's read-only API tokens ({@code api_token}), for a billing system that pulls the meter
 * export with {@code Authorization: Bearer <token>}. A token is {@value #PREFIX} and 256 random bits;
 * only its SHA-256 is stored, so it is shown once, when made. It opens what an admin of the dealer
 * who sees all customers may read, and nothing it could change. A revoked token stays listed but
 * opens nothing.
 */
final class ApiTokenStore {

    /** Marks a PrintScout API token, so a leaked one is recognised by secret scanners and people. */
    static final String PREFIX = "pst_";
    /** What a token's name may hold. */
    static final String NAME_PATTERN = "[A-Za-z0-9 ._@-]{1,100}";
    /** Last use is written at most this often per token, so a polling billing system does not write on every pull. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A token just made: its id and the token itself (shown once). */
    record Created(long id, String token) {
    }

    /** A token that opened a request: whose it is. */
    record Holder(long id, String dealerId, String name) {
        /** The user the token reads as: the dealer's, every customer, read only; named so the audit table tells it from people. */
        UserStore.User asUser() {
            return new UserStore.User("token:" + id, UserStore.Role.VIEWER, dealerId, true);
        }
    }

    /** A token as an admin's list shows it. */
    record TokenRow(long id, String name, Instant created, String createdBy, Instant lastUsed, Instant revoked) {
        boolean active() {
            return revoked == null;
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    ApiTokenStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Makes a token for a dealer; the name says what it is for (e.g. the billing system). */
    Created create(String dealerId, String name, String createdBy) throws SQLException {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("A token's name has 1 to 100 letters, digits, spaces or . _ @ - and nothing else.");
        }
        String token = PREFIX + Passwords.newSecret();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO api_token (token_sha256, dealer_id, name, created, created_by) "
                     + "VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, Passwords.sha256(token));
            s.setString(2, dealerId);
            s.setString(3, name);
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            s.setString(5, Sql.cut(createdBy, 100));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Created(keys.getLong(1), token);
            }
        }
    }

    /** Revokes a dealer's token; false when the dealer has no such token or it was revoked already. */
    boolean revoke(String dealerId, long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE api_token SET revoked = ? WHERE id = ? AND dealer_id = ? AND revoked IS NULL")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setLong(2, id);
            s.setString(3, dealerId);
            return s.executeUpdate() == 1;
        }
    }

    /** A dealer's tokens, newest first. */
    List<TokenRow> tokensOf(String dealerId) throws SQLException {
        List<TokenRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, name, created, created_by, last_used, revoked FROM api_token "
                     + "WHERE dealer_id = ? ORDER BY id DESC")) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new TokenRow(r.getLong(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getString(4), instant(r.getTimestamp(5)),
                            instant(r.getTimestamp(6))));
                }
            }
        }
        return out;
    }

    /** Who holds this token, if it is a live one; notes its use (at most every {@link #TOUCH_EVERY}). */
    Optional<Holder> holder(String token) throws SQLException {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Passwords.sha256(token);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Holder holder;
            Timestamp lastUsed;
            try (PreparedStatement s = c.prepareStatement("SELECT id, dealer_id, name, last_used FROM api_token "
                    + "WHERE token_sha256 = ? AND revoked IS NULL")) {
                s.setString(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    holder = new Holder(r.getLong(1), r.getString(2), r.getString(3));
                    lastUsed = r.getTimestamp(4);
                }
            }
            if (lastUsed == null || lastUsed.toInstant().plus(TOUCH_EVERY).isBefore(now)) {
                try (PreparedStatement s = c.prepareStatement("UPDATE api_token SET last_used = ? WHERE id = ?")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setLong(2, holder.id());
                    s.executeUpdate();
                }
            }
            return Optional.of(holder);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
