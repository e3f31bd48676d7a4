package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

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
        DataSources.Opened opened = DataSources.open(postgres.url(name), "portal", "");
        PGSimpleDataSource check = (PGSimpleDataSource) opened.dataSource();
        return check;
    }
}
