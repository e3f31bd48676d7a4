package org.printscout.portal.server.internal;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Schema migrations with Flyway: the versioned scripts {@code V<n>__<what>.sql} in
 * {@code org/printscout/portal/server/db/} of this bundle, applied in order, recorded in
 * {@code flyway_schema_history} and checked against their checksums (a released script is never
 * edited; a schema change is a new script). Flyway 9 is used because it is one OSGi bundle with H2
 * and PostgreSQL support inside and finds scripts in other bundles (Flyway 10 and later load database
 * support from separate jars through {@link java.util.ServiceLoader}, which does not cross bundles).
 * The scripts are found through this bundle's class loader. A database migrated by a newer portal
 * (it has versions this one does not know) is refused rather than silently used.
 */
final class Migrator {

    static final String LOCATION = "classpath:org/printscout/portal/server/db";

    private Migrator() {
    }

    /** Migrates the schema; returns the versions applied now (empty when it was current). */
    static List<Integer> migrate(DataSource dataSource) throws SQLException {
        try {
            MigrateResult result = Flyway.configure(Migrator.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    // the default ignores versions applied by a newer portal; refuse them instead
                    .ignoreMigrationPatterns("")
                    .load()
                    .migrate();
            return result.migrations.stream().map(m -> Integer.parseInt(m.version)).toList();
        } catch (FlywayException e) {
            throw new SQLException("the portal database could not be migrated: " + e.getMessage(), e);
        }
    }
}
