package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The pool's bounds hold (a request waits at most the connection timeout) and a database that cannot be used is a clear error. */
class DataSourcesTest {

    private static final DataSources.Pool ONE = new DataSources.Pool(1, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30));

    @Test
    void aRequestWaitsNoLongerThanTheConnectionTimeoutWhenThePoolIsExhausted() throws Exception {
        try (DataSources.Opened opened = DataSources.open("jdbc:h2:mem:" + UUID.randomUUID(), "", "", ONE);
             Connection held = opened.dataSource().getConnection()) {
            long start = System.nanoTime();
            SQLException refused = assertThrows(SQLException.class, () -> opened.dataSource().getConnection());
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 450 && waitedMs < 3000, "waited " + waitedMs + " ms for a 500 ms timeout");
            assertTrue(refused.getMessage().contains("timed out"), refused.getMessage());
            held.close();
            try (Connection again = opened.dataSource().getConnection()) {
                assertTrue(again.isValid(1), "a returned connection is handed out again");
            }
        }
    }

    @Test
    void anUnknownUrlIsRefusedNamingIt() {
        SQLException refused = assertThrows(SQLException.class, () -> DataSources.open("jdbc:mysql://x/y", "", ""));
        assertTrue(refused.getMessage().contains("jdbc:h2: or jdbc:postgresql:") && refused.getMessage().contains("jdbc:mysql://x/y"),
                refused.getMessage());
    }

    @Test
    void anUnreachablePostgresqlServerIsAClearError() {
        DataSources.Pool quick = new DataSources.Pool(2, Duration.ofMillis(1000), Duration.ofSeconds(10), Duration.ofSeconds(30));
        SQLException refused = assertThrows(SQLException.class, () -> DataSources.open("jdbc:postgresql://127.0.0.1:1/none", "u", "p", quick));
        assertTrue(refused.getMessage().startsWith("the portal database cannot be reached"), refused.getMessage());
    }
}
