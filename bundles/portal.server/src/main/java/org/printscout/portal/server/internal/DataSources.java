package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The data source for a JDBC URL: H2 (embedded, the default) or PostgreSQL, pooled by HikariCP. The
 * driver classes are used directly instead of through DriverManager, which cannot see drivers in
 * other bundles; each driver is touched only in its own nested class, so a PostgreSQL portal runs
 * without the H2 bundle and an H2 one without the PostgreSQL driver.
 */
final class DataSources {

    /** What closes an opened data source: the pool, and for H2 the connection that keeps the database open. */
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
     * The pool's bounds. Connections: a new PostgreSQL one costs a server process and a TCP and
     * authentication round trip, which made every request several times slower than the work it did
     * (PortalUploadBenchmark: 12.8 uploads/s without a pool, 63 with it; docs/performance.md); more
     * than the HTTP worker threads is never needed. Wait: how long a request waits for a free
     * connection before it fails (answered 503 by the servlets), so a stalled database cannot hold
     * every worker thread for ever.
     */
    record Pool(int maxConnections, Duration connectionTimeout, Duration idleTimeout, Duration maxLifetime) {
        static final Pool DEFAULT = new Pool(12, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    private DataSources() {
    }

    static Opened open(String url, String user, String password) throws SQLException {
        return open(url, user, password, Pool.DEFAULT);
    }

    static Opened open(String url, String user, String password, Pool pool) throws SQLException {
        if (url.startsWith("jdbc:h2:")) {
            try {
                return H2.open(url, user, password, pool);
            } catch (NoClassDefFoundError e) {
                throw new SQLException("jdbcUrl is an H2 URL but the H2 bundle (com.h2database) is not installed", e);
            }
        }
        if (url.startsWith("jdbc:postgresql:")) {
            try {
                HikariDataSource pooled = pooled(Postgres.dataSource(url, user, password), pool);
                return new Opened(pooled, pooled::close);
            } catch (NoClassDefFoundError e) {
                throw new SQLException("jdbcUrl is a PostgreSQL URL but the PostgreSQL driver bundle (org.postgresql.jdbc) is not installed", e);
            }
        }
        throw new SQLException("jdbcUrl must start with jdbc:h2: or jdbc:postgresql:, not '" + url + "'");
    }

    /**
     * HikariCP over the driver's own data source. A connection that fails its validity check (the
     * server restarted) is dropped instead of reused; one that has lived {@code maxLifetime} is
     * replaced when it is next idle.
     */
    private static HikariDataSource pooled(DataSource driver, Pool pool) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("printscout-portal");
        config.setDataSource(driver);
        config.setMaximumPoolSize(pool.maxConnections());
        // idle connections may shrink to 1 off-peak; a burst then opens the rest
        config.setMinimumIdle(1);
        config.setConnectionTimeout(pool.connectionTimeout().toMillis());
        config.setIdleTimeout(pool.idleTimeout().toMillis());
        config.setMaxLifetime(pool.maxLifetime().toMillis());
        // the portal's stores manage transactions themselves and expect auto-commit outside them
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Hikari wraps a first connection that fails (wrong password, server down) in its own runtime exception
            throw new SQLException("the portal database cannot be reached: " + e.getMessage(), e);
        }
    }

    /** Separate so that a missing H2 bundle fails here, with the message above, and only for an H2 URL. */
    private static final class H2 {
        static Opened open(String url, String user, String password, Pool pool) throws SQLException {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            // H2 closes an embedded database with its last connection; one held open outside the pool
            // keeps it open while the pool retires and replaces its own
            Connection keepOpen = h2.getConnection();
            try {
                HikariDataSource pooled = pooled(h2, pool);
                return new Opened(pooled, () -> {
                    try {
                        pooled.close();
                    } finally {
                        keepOpen.close();
                    }
                });
            } catch (SQLException | RuntimeException e) {
                keepOpen.close();
                throw e;
            }
        }
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
            // a batch of inserts as multi-row statements: one round trip per batch, not per row
            pg.setReWriteBatchedInserts(true);
            return pg;
        }
    }
}
