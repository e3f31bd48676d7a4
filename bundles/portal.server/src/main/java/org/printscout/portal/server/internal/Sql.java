package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/** The few SQL helpers every store uses. */
final class Sql {

    /** SQLState of a unique-key violation, the same in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    /** Runs one update of string values (setString, not setObject: PostgreSQL needs a type for a null). */
    static void update(DataSource dataSource, String sql, String... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    /** Work done in one transaction: true commits, false rolls back (nothing to change). */
    @FunctionalInterface
    interface Transaction {
        boolean run(Connection connection) throws SQLException;
    }

    /** Runs the work in one transaction; an exception rolls it back and is thrown on. */
    static boolean inTransaction(DataSource dataSource, Transaction work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (work.run(c)) {
                    c.commit();
                    return true;
                }
                c.rollback();
                return false;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The text cut to a column's length; null stays null. */
    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
