package org.printscout.portal.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Versioned SQL migrations, applied in order and recorded in {@code schema_version}. Flyway's OSGi
 * support is weak and Liquibase would double the portal's size for a handful of scripts; this does
 * the one thing needed: each script once, in order, never edited after release (a changed schema is
 * a new script). The list is explicit because a bundle cannot list its own resources portably.
 * On PostgreSQL each script runs in one transaction; H2 commits DDL statement by statement, so a
 * script that fails half-way there needs the operator (documented in docs/portal.md).
 */
final class Migrator {

    static final List<String> SCRIPTS = List.of("V1__tenancy_agents_reports.sql", "V2__command_handout_and_files.sql");

    private Migrator() {
    }

    /** Returns the versions applied now (empty when the schema was current). */
    static List<Integer> migrate(DataSource dataSource) throws SQLException, IOException {
        List<Integer> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, applied TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            int current = 0;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rows.next()) {
                    current = rows.getInt(1);
                }
            }
            if (current > SCRIPTS.size()) {
                throw new SQLException("the database schema is version " + current + ", newer than this portal knows ("
                        + SCRIPTS.size() + "); refusing to run against it");
            }
            connection.setAutoCommit(false);
            for (int version = current + 1; version <= SCRIPTS.size(); version++) {
                String script = SCRIPTS.get(version - 1);
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements(read(script))) {
                        statement.execute(sql);
                    }
                    try (PreparedStatement record = connection.prepareStatement(
                            "INSERT INTO schema_version (version, script, applied) VALUES (?, ?, ?)")) {
                        record.setInt(1, version);
                        record.setString(2, script);
                        record.setTimestamp(3, Timestamp.from(Instant.now()));
                        record.executeUpdate();
                    }
                    connection.commit();
                    applied.add(version);
                } catch (SQLException e) {
                    connection.rollback();
                    throw new SQLException("migration " + script + " failed: " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
        return applied;
    }

    private static String read(String script) throws IOException {
        try (InputStream in = Migrator.class.getResourceAsStream("/org/printscout/portal/server/db/" + script)) {
            if (in == null) {
                throw new IOException("migration script db/" + script + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Splits on semicolons at line ends; scripts keep one statement per such semicolon, no procedures. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
