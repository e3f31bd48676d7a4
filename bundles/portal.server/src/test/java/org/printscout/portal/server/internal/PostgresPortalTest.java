package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;


import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same contract on a real PostgreSQL, through the same data source code the portal uses. */
class PostgresPortalTest extends PortalContract {

    private static TestPostgres postgres;

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
        opened = postgres.freshDatabase("portal");
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
