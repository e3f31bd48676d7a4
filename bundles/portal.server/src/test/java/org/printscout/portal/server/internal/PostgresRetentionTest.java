package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class PostgresRetentionTest extends RetentionContract {

    private static TestPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private DataSources.Opened opened;

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
        String name = "retention_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(postgres.url("postgres"), "portal", "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        opened = DataSources.open(postgres.url(name), "portal", "");
        return opened.dataSource();
    }

    @AfterEach
    void closePool() throws Exception {
        if (opened != null) {
            opened.close();
        }
    }
}
