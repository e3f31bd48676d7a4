package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * People: users with a role, a dealer and optionally one customer, their PBKDF2 password hashes,
 * and the scope every user-side query is bound by (the dealer's customers, or the one customer).
 */
final class UserStore {

    enum Role {
        ADMIN, TECHNICIAN, VIEWER
    }

    /** A signed-in user and what they may see: the dealer's customers, or one customer. */
    record User(String username, Role role, String dealerId, String customerId) {
    }

    /** A user's stored password hash and who they are; looked up apart from the hash check, so sign-in can check unknown users against a dummy hash. */
    record Credentials(User user, String passwordHash) {
    }

    /** The scope of a user-side query over {@code customer}: bind with {@link #bindScope}. */
    static final String SCOPE = " customer.dealer_id = ? AND (CAST(? AS VARCHAR(64)) IS NULL OR customer.id = ?) ";

    static void bindScope(PreparedStatement s, int first, User user) throws SQLException {
        s.setString(first, user.dealerId());
        s.setString(first + 1, user.customerId());
        s.setString(first + 2, user.customerId());
    }

    private final DataSource dataSource;

    UserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void createUser(String username, char[] password, Role role, String dealerId, String customerId) throws SQLException {
        Sql.update(dataSource, "INSERT INTO portal_user (username, password_hash, role, dealer_id, customer_id) VALUES (?, ?, ?, ?, ?)",
                username, Passwords.hash(password), role.name(), dealerId, customerId);
    }

    Optional<User> login(String username, char[] password) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT password_hash, role, dealer_id, customer_id FROM portal_user WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !Passwords.verify(password, r.getString(1))) {
                    return Optional.empty();
                }
                return Optional.of(new User(username, Role.valueOf(r.getString(2)), r.getString(3), r.getString(4)));
            }
        }
    }

    Optional<Credentials> credentials(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT password_hash, role, dealer_id, customer_id FROM portal_user WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Credentials(new User(username, Role.valueOf(r.getString(2)), r.getString(3), r.getString(4)), r.getString(1)));
            }
        }
    }

    /** True when the user may see (and, by role, act on) this agent. */
    boolean mayAccessAgent(User user, String agentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM agent JOIN site ON agent.site_id = site.id "
                     + "JOIN customer ON site.customer_id = customer.id WHERE agent.id = ? AND" + SCOPE)) {
            s.setString(1, agentId);
            bindScope(s, 2, user);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }
}
