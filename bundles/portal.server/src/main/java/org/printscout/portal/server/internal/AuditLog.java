package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The audit table ({@code audit_event}): every sign-in, sign-out, failed sign-in and admin action,
 * with who, from where, on what. Rows are kept per dealer so an admin reads their own dealer's; a
 * failure for a user name nobody has has no dealer and is read from Gogo ({@code portal:audit}).
 * Text is stored printable (control characters replaced) and cut to the columns.
 */
final class AuditLog {

    /** What happened. The stored name is the lower-case, dashed form ({@link #stored()}). */
    enum Action {
        SIGN_IN, SIGN_IN_FAILED, SIGN_IN_THROTTLED, SIGN_OUT, USER_CREATED, USER_CHANGED, USER_DELETED, PASSWORD_RESET, PASSWORD_CHANGED,
        REMOTE_UI_SWITCHED, REMOTE_UI_OPENED, COMMAND_QUEUED, TOKEN_CREATED, TOKEN_REVOKED,
        ALERT_RULE_CREATED, ALERT_RULE_DELETED, ALERT_RECIPIENT_CREATED, ALERT_RECIPIENT_DELETED,
        DEALER_KEY_ADDED, DEALER_KEY_REMOVED, ARTIFACT_UPLOADED, ROLLOUT_CREATED, ROLLOUT_PAUSED, ROLLOUT_RESUMED, ROLLOUT_ABORTED;

        String stored() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    record Event(long id, Instant at, String dealerId, String actor, String address, String action, String target, String detail) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    void record(String dealerId, String actor, String address, Action action, String target, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO audit_event (at, dealer_id, actor, address, action, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, dealerId);
            s.setString(3, printable(actor, 100));
            s.setString(4, printable(address, 64));
            s.setString(5, action.stored());
            s.setString(6, printable(target, 200));
            s.setString(7, printable(detail, 1000));
            s.executeUpdate();
        }
    }

    /** The newest events of a dealer (all dealers and none when {@code dealerId} is null) older than {@code beforeId}, newest first. */
    List<Event> recent(String dealerId, long beforeId, int limit) throws SQLException {
        List<Event> out = new ArrayList<>();
        String where = dealerId == null ? "id < ?" : "dealer_id = ? AND id < ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, at, dealer_id, actor, address, action, target, detail FROM audit_event WHERE "
                     + where + " ORDER BY id DESC")) {
            int i = 1;
            if (dealerId != null) {
                s.setString(i++, dealerId);
            }
            s.setLong(i, beforeId);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Event(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7), r.getString(8)));
                }
            }
        }
        return out;
    }

    /** Rows deleted by one statement of {@link #purge}: a large backlog goes in short transactions. */
    static final int PURGE_BATCH = 10_000;

    /** Deletes events older than {@code before}, {@link #PURGE_BATCH} at a time; returns how many. */
    int purge(Instant before) throws SQLException {
        int deleted = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event WHERE at < ? ORDER BY id FETCH FIRST " + PURGE_BATCH + " ROWS ONLY)")) {
            s.setTimestamp(1, Timestamp.from(before));
            int batch;
            do {
                batch = s.executeUpdate();
                deleted += batch;
            } while (batch == PURGE_BATCH);
        }
        return deleted;
    }

    static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }
}
