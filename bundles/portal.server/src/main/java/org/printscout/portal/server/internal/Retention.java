package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Bounded history (issue 17 item 2), thinned in place: readings younger than {@code rawDays} stay as
 * they came; older ones keep, per UTC day, each meter's last reading and each supply's last and lowest
 * reading; older than {@code dailyDays}, the same per UTC month. Reports left without readings go. A
 * database thus holds at most rawDays × readings a day + dailyDays + 1 per month per meter and supply:
 * it grows with devices, not with the readings' rate. Each day (and month) is thinned once, in its own
 * transaction, oldest first; {@code retention_state} says how far each pass has come.
 */
final class Retention {

    record Outcome(int days, int months, long meterRows, long supplyRows, long reports) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final int rawDays;
    private final int dailyDays;

    Retention(DataSource dataSource, Clock clock, int rawDays, int dailyDays) {
        if (dailyDays < rawDays) {
            throw new IllegalArgumentException("dailyDays (" + dailyDays + ") must be at least rawDays (" + rawDays + ")");
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.rawDays = rawDays;
        this.dailyDays = dailyDays;
    }

    /** Thins whatever came due since the last run; at most {@code maxPeriods} days and months in one call. */
    Outcome run(int maxPeriods) throws SQLException {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate rawLimit = today.minusDays(rawDays);            // days before this are daily
        LocalDate dailyLimit = today.minusDays(dailyDays).withDayOfMonth(1); // months before this are monthly
        long[] rows = {0, 0};
        int days = 0;
        int months = 0;
        Optional<LocalDate> oldest = oldestReading();
        if (oldest.isEmpty()) {
            return new Outcome(0, 0, 0, 0, 0);
        }
        LocalDate monthFrom = doneUntil("monthly").orElse(oldest.get().withDayOfMonth(1));
        while (monthFrom.plusMonths(1).compareTo(dailyLimit) <= 0 && days + months < maxPeriods) {
            thin(monthFrom, monthFrom.plusMonths(1), rows);
            monthFrom = monthFrom.plusMonths(1);
            months++;
            setDoneUntil("monthly", monthFrom);
        }
        LocalDate dayFrom = doneUntil("daily").orElse(oldest.get());
        if (dayFrom.isBefore(dailyLimit)) {
            dayFrom = dailyLimit; // already thinned by month
        }
        while (dayFrom.isBefore(rawLimit) && days + months < maxPeriods) {
            thin(dayFrom, dayFrom.plusDays(1), rows);
            dayFrom = dayFrom.plusDays(1);
            days++;
            setDoneUntil("daily", dayFrom);
        }
        long reports = deleteEmptyReports(Instant.from(rawLimit.atStartOfDay(ZoneOffset.UTC)));
        return new Outcome(days, months, rows[0], rows[1], reports);
    }

    /** Keeps in [from, to) each meter's last reading and each supply's last and lowest. */
    private void thin(LocalDate fromDay, LocalDate toDay, long[] rows) throws SQLException {
        Timestamp from = Timestamp.from(fromDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(toDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM meter_reading WHERE read_at >= ? AND read_at < ? AND read_at < "
                        + "(SELECT MAX(m2.read_at) FROM meter_reading m2 WHERE m2.device_id = meter_reading.device_id "
                        + "AND m2.name = meter_reading.name AND m2.read_at >= ? AND m2.read_at < ?)")) {
                    s.setTimestamp(1, from);
                    s.setTimestamp(2, to);
                    s.setTimestamp(3, from);
                    s.setTimestamp(4, to);
                    rows[0] += s.executeUpdate();
                }
                String period = "FROM supply_reading s2 JOIN report r2 ON r2.id = s2.report_id WHERE s2.device_id = supply_reading.device_id "
                        + "AND s2.idx = supply_reading.idx AND r2.finished >= ? AND r2.finished < ? ";
                try (PreparedStatement s = c.prepareStatement("DELETE FROM supply_reading WHERE report_id IN "
                        + "(SELECT id FROM report WHERE finished >= ? AND finished < ?) "
                        + "AND report_id <> (SELECT r2.id " + period + "ORDER BY r2.finished DESC, r2.id DESC FETCH FIRST 1 ROWS ONLY) "
                        + "AND report_id <> (SELECT r2.id " + period + "ORDER BY s2.level_value, r2.finished DESC, r2.id DESC FETCH FIRST 1 ROWS ONLY)")) {
                    for (int i = 0; i < 3; i++) {
                        s.setTimestamp(1 + 2 * i, from);
                        s.setTimestamp(2 + 2 * i, to);
                    }
                    rows[1] += s.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private long deleteEmptyReports(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM report WHERE finished < ? "
                     + "AND NOT EXISTS (SELECT 1 FROM meter_reading m WHERE m.report_id = report.id) "
                     + "AND NOT EXISTS (SELECT 1 FROM supply_reading s WHERE s.report_id = report.id)")) {
            s.setTimestamp(1, Timestamp.from(before));
            return s.executeUpdate();
        }
    }

    private Optional<LocalDate> oldestReading() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MIN(finished) FROM report");
             ResultSet r = s.executeQuery()) {
            r.next();
            Timestamp oldest = r.getTimestamp(1);
            return oldest == null ? Optional.empty() : Optional.of(oldest.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
        }
    }

    private Optional<LocalDate> doneUntil(String pass) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT done_until FROM retention_state WHERE pass = ?")) {
            s.setString(1, pass);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).toLocalDate()) : Optional.empty();
            }
        }
    }

    private void setDoneUntil(String pass, LocalDate until) throws SQLException {
        Timestamp at = Timestamp.from(until.atStartOfDay(ZoneOffset.UTC).toInstant());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE retention_state SET done_until = ? WHERE pass = ?")) {
                s.setTimestamp(1, at);
                s.setString(2, pass);
                if (s.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO retention_state (pass, done_until) VALUES (?, ?)")) {
                s.setString(1, pass);
                s.setTimestamp(2, at);
                s.executeUpdate();
            }
        }
    }
}
