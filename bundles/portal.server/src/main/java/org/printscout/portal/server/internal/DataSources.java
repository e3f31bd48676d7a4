package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The data source for a JDBC URL: H2 (embedded, the default) or PostgreSQL. The driver classes are
 * used directly instead of through DriverManager, which cannot see drivers in other bundles.
 */
final class DataSources {

    /** The data source and, for an embedded H2 database, the connection that keeps it open. */
    record Opened(DataSource dataSource, Connection keepOpen) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (keepOpen != null) {
                keepOpen.close();
            }
        }
    }

    private DataSources() {
    }

    static Opened open(String url, String user, String password) throws SQLException {
        if (url.startsWith("jdbc:h2:")) {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            // H2 closes an embedded database with its last connection; one held open avoids reopening per request
            return new Opened(h2, h2.getConnection());
        }
        if (url.startsWith("jdbc:postgresql:")) {
            try {
                return new Opened(Postgres.dataSource(url, user, password), null);
            } catch (NoClassDefFoundError e) {
                throw new SQLException("jdbcUrl is a PostgreSQL URL but the PostgreSQL driver bundle (org.postgresql.jdbc) is not installed", e);
            }
        }
        throw new SQLException("jdbcUrl must start with jdbc:h2: or jdbc:postgresql:, not '" + url + "'");
    }

    /** Separate so that a missing optional driver fails here, with the message above. */
    private static final class Postgres {
        static DataSource dataSource(String url, String user, String password) {
            org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
            pg.setURL(url);
            if (!user.isEmpty()) {
                pg.setUser(user);
            }
            if (!password.isEmpty()) {
                pg.setPassword(password);
            }
            return pg;
        }
    }
}
