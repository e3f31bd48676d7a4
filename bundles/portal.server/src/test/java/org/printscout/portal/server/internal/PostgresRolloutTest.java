package org.printscout.portal.server.internal;


import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class PostgresRolloutTest extends RolloutContract {

    private static TestPostgres postgres;
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
        opened = postgres.freshDatabase("rollout");
        return opened.dataSource();
    }

    @AfterEach
    void closePool() throws Exception {
        if (opened != null) {
            opened.close();
        }
    }
}
