package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The data source for a JDBC URL: H2 (embedded, the default) or PostgreSQL. The driver classes are
 * used directly instead of through DriverManager, which cannot see drivers in other bundles.
 */
final class DataSources {

    /** What closes an opened data source: the H2 connection that keeps the database open, or the pool. */
    interface Resources {
        void close() throws SQLException;
    }

    /** The data source and what to close with it. */
    record Opened(DataSource dataSource, Resources resources) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            resources.close();
        }
    }

    /**
     * Pooled PostgreSQL connections: a new one costs a server process and a TCP and authentication
     * round trip, which made every request several times slower than the work it did
     * (PortalUploadBenchmark: 12.8 uploads/s without a pool, 63 with it; docs/performance.md). More than the HTTP worker threads is never needed.
     */
    static final int POSTGRES_CONNECTIONS = 12;

    private DataSources() {
    }

    static Opened open(String url, String user, String password) throws SQLException {
        if (url.startsWith("jdbc:h2:")) {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            // H2 closes an embedded database with its last connection; one held open avoids reopening per request
            Connection keepOpen = h2.getConnection();
            return new Opened(h2, keepOpen::close);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            try {
                org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(Postgres.dataSource(url, user, password));
                pool.setMaxConnections(POSTGRES_CONNECTIONS);
                return new Opened(pool, pool::dispose);
            } catch (NoClassDefFoundError e) {
                throw new SQLException("jdbcUrl is a PostgreSQL URL but the PostgreSQL driver bundle (org.postgresql.jdbc) is not installed", e);
            }
        }
        throw new SQLException("jdbcUrl must start with jdbc:h2: or jdbc:postgresql:, not '" + url + "'");
    }

    /**
     * Separate so that a missing optional driver fails here, with the message above. The pool is H2's
     * (already in the portal feature), over the driver's own pooled connections: pgjdbc reports a
     * connection that broke (the server restarted), and the pool then drops it instead of reusing it.
     */
    private static final class Postgres {
        static javax.sql.ConnectionPoolDataSource dataSource(String url, String user, String password) {
            org.postgresql.ds.PGConnectionPoolDataSource pg = new org.postgresql.ds.PGConnectionPoolDataSource();
            pg.setURL(url);
            if (!user.isEmpty()) {
                pg.setUser(user);
            }
            if (!password.isEmpty()) {
                pg.setPassword(password);
            }
            // a batch of inserts as multi-row statements: one round trip per batch, not per row
            pg.setReWriteBatchedInserts(true);
            return pg;
        }
    }
}
