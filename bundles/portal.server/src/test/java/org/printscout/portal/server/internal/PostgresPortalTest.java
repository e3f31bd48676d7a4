package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same contract on a real PostgreSQL, through the same data source code the portal uses. */
class PostgresPortalTest extends PortalContract {

    private static TestPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    DataSource freshDatabase() throws Exception {
        String name = "portal_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(postgres.url("postgres"), "portal", "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        opened = DataSources.open(postgres.url(name), "portal", "");
        assertTrue(opened.dataSource() instanceof com.zaxxer.hikari.HikariDataSource, "PostgreSQL connections are pooled (HikariCP)");
        return opened.dataSource();
    }

    /** The pool of the test's database, closed after it (PostgreSQL allows 100 connections). */
    private DataSources.Opened opened;

    @org.junit.jupiter.api.AfterEach
    void closePool() throws Exception {
        if (opened != null) {
            opened.close();
        }
    }
}
