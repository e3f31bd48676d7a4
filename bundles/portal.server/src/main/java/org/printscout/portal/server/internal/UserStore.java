package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * People: users with a role, a dealer and the customers they may see ({@code user_customer}; none
 * listed: all of the dealer's), their PBKDF2 password hashes, and the scope every user-side query
 * is bound by ({@link #SCOPE}, the one place that rule lives).
 */
final class UserStore {

    /**
     * What a user name may hold: safe in a URL path, a log line and a page without escaping tricks, and
     * at least one letter or digit (a name of dots, such as "..", would be a path segment the browser
     * resolves away, leaving a user nobody could manage on the page).
     */
    static final String NAME_PATTERN = "(?=[A-Za-z0-9._@-]*[A-Za-z0-9])[A-Za-z0-9._@-]{1,100}";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    enum Role {
        ADMIN, TECHNICIAN, VIEWER
    }

    /** A signed-in user and what they may see: all of the dealer's customers, or those listed for them. */
    record User(String username, Role role, String dealerId, boolean allCustomers) {
    }

    /** A user's stored password hash and who they are; looked up apart from the hash check, so sign-in can check unknown users against a dummy hash. */
    record Credentials(User user, String passwordHash) {
    }

    /** A user as the users page lists them. */
    record UserRow(String username, Role role, List<String> customerIds) {
    }

    /** The scope of a user-side query over {@code customer}: bind with {@link #bindScope}. */
    static final String SCOPE = " customer.dealer_id = ? AND (NOT EXISTS (SELECT 1 FROM user_customer uc WHERE uc.username = ?) "
            + "OR customer.id IN (SELECT uc.customer_id FROM user_customer uc WHERE uc.username = ?)) ";

    static void bindScope(PreparedStatement s, int first, User user) throws SQLException {
        s.setString(first, user.dealerId());
        s.setString(first + 1, user.username());
        s.setString(first + 2, user.username());
    }

    /** What is wrong with a new user name, or empty. */
    static Optional<String> nameProblem(String username) {
        return isPossibleName(username) ? Optional.empty()
                : Optional.of("A user name has 1 to 100 letters, digits or . _ @ -, at least one letter or digit, and nothing else.");
    }

    /** Whether a user could have this name at all. */
    static boolean isPossibleName(String username) {
        return username != null && username.length() <= 100 && NAME.matcher(username).matches();
    }

    private final DataSource dataSource;

    UserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates a user of a dealer with the customers they may see (empty: all); false when the name is
     * taken. The name and password rules are checked here, for the page and the shell alike.
     */
    boolean createUser(String username, char[] password, Role role, String dealerId, List<String> customerIds) throws SQLException {
        Optional<String> problem = nameProblem(username).or(() -> Passwords.problem(new String(password)));
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return Sql.inTransaction(dataSource, c -> {
            // names differ in more than case: "Admin" beside "admin" would share a throttle and look alike in the audit
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM portal_user WHERE LOWER(username) = LOWER(?)")) {
                exists.setString(1, username);
                try (ResultSet r = exists.executeQuery()) {
                    if (r.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO portal_user (username, password_hash, role, dealer_id) VALUES (?, ?, ?, ?)")) {
                s.setString(1, username);
                s.setString(2, Passwords.hash(password));
                s.setString(3, role.name());
                s.setString(4, dealerId);
                s.executeUpdate();
            }
            insertCustomers(c, username, customerIds);
            return true;
        });
    }

    /** Sets a dealer's user's role and customers (empty: all); false when the dealer has no such user. */
    boolean setAccess(String dealerId, String username, Role role, List<String> customerIds) throws SQLException {
        return Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE portal_user SET role = ? WHERE username = ? AND dealer_id = ?")) {
                s.setString(1, role.name());
                s.setString(2, username);
                s.setString(3, dealerId);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM user_customer WHERE username = ?")) {
                s.setString(1, username);
                s.executeUpdate();
            }
            insertCustomers(c, username, customerIds);
            return true;
        });
    }

    private static void insertCustomers(Connection c, String username, List<String> customerIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO user_customer (username, customer_id) VALUES (?, ?)")) {
            for (String customerId : new java.util.LinkedHashSet<>(customerIds)) {
                s.setString(1, username);
                s.setString(2, customerId);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Sets a dealer's user's password (the rule of {@link Passwords#problem} applies); false when the dealer has no such user. */
    boolean setPassword(String dealerId, String username, char[] password) throws SQLException {
        Optional<String> problem = Passwords.problem(new String(password));
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE portal_user SET password_hash = ? WHERE username = ? AND dealer_id = ?")) {
            s.setString(1, Passwords.hash(password));
            s.setString(2, username);
            s.setString(3, dealerId);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * A user's own password change: replaced only if the stored hash is still the one the current
     * password was checked against, so an admin's reset made during the check is not overwritten.
     */
    boolean replacePassword(String username, String verifiedHash, char[] password) throws SQLException {
        Optional<String> problem = Passwords.problem(new String(password));
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE portal_user SET password_hash = ? WHERE username = ? AND password_hash = ?")) {
            s.setString(1, Passwords.hash(password));
            s.setString(2, username);
            s.setString(3, verifiedHash);
            return s.executeUpdate() == 1;
        }
    }

    /** Deletes a dealer's user (their sessions and customer list go with them); false when there is no such user. */
    boolean delete(String dealerId, String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM portal_user WHERE username = ? AND dealer_id = ?")) {
            s.setString(1, username);
            s.setString(2, dealerId);
            return s.executeUpdate() == 1;
        }
    }

    /** A dealer's users with their customers, by name. */
    List<UserRow> usersOf(String dealerId) throws SQLException {
        Map<String, Role> roles = new LinkedHashMap<>();
        Map<String, List<String>> customers = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT username, role FROM portal_user WHERE dealer_id = ? ORDER BY username")) {
                s.setString(1, dealerId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        roles.put(r.getString(1), Role.valueOf(r.getString(2)));
                        customers.put(r.getString(1), new ArrayList<>());
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT uc.username, uc.customer_id FROM user_customer uc JOIN portal_user u "
                    + "ON u.username = uc.username WHERE u.dealer_id = ? ORDER BY uc.customer_id")) {
                s.setString(1, dealerId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        customers.get(r.getString(1)).add(r.getString(2));
                    }
                }
            }
        }
        List<UserRow> out = new ArrayList<>();
        roles.forEach((name, role) -> out.add(new UserRow(name, role, List.copyOf(customers.get(name)))));
        return out;
    }

    /** The dealer of a user name, for the audit row of a failed sign-in; empty for a name nobody has. */
    Optional<String> dealerOfUser(String username) throws SQLException {
        return credentials(username).map(credentials -> credentials.user().dealerId());
    }

    Optional<User> login(String username, char[] password) throws SQLException {
        Optional<Credentials> credentials = credentials(username);
        return credentials.isPresent() && Passwords.verify(password, credentials.get().passwordHash())
                ? Optional.of(credentials.get().user()) : Optional.empty();
    }

    Optional<Credentials> credentials(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT password_hash, role, dealer_id, "
                     + "NOT EXISTS (SELECT 1 FROM user_customer uc WHERE uc.username = portal_user.username) FROM portal_user WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Credentials(new User(username, Role.valueOf(r.getString(2)), r.getString(3), r.getBoolean(4)), r.getString(1)));
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
