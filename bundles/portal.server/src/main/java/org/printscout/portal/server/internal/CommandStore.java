package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.printscout.portal.server.internal.UserStore.User;

/**
 * The command queue: commands queued for an agent, handed out once, answered (or marked lost), and
 * the files agents send back with them.
 */
final class CommandStore {

    record Command(long id, String agentId, String code, String arguments, String state, Instant created, String result) {
    }

    /** How a command ended, as the agent reports it; the names are the states stored. */
    enum CommandOutcome {
        DONE, FAILED, UNSUPPORTED;

        String state() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How long a handed-out command may go without a result before it is shown as lost. */
    static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofHours(24);

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration answerWithin;

    CommandStore(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_ANSWER_WITHIN);
    }

    CommandStore(DataSource dataSource, Clock clock, Duration answerWithin) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.answerWithin = answerWithin;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    long enqueueCommand(String agentId, int code, String arguments) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO command (agent_id, code, arguments, state, created) "
                     + "VALUES (?, ?, ?, 'queued', ?)", new String[] {"id"})) {
            s.setString(1, agentId);
            s.setString(2, Integer.toString(code));
            s.setString(3, Sql.cut(arguments, 4000));
            s.setTimestamp(4, now());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    List<Command> commands(String agentId, boolean queuedOnly) throws SQLException {
        markLost(agentId);
        List<Command> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, agent_id, code, arguments, state, created, result FROM command "
                     + "WHERE agent_id = ?" + (queuedOnly ? " AND state = 'queued'" : "") + " ORDER BY id")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Command(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getTimestamp(6).toInstant(), r.getString(7)));
                }
            }
        }
        return out;
    }

    /**
     * The agent's queued commands, each marked sent as it is handed out. The conditional update
     * (state still 'queued') is what makes a command go out once, even with several portal nodes
     * answering polls of the same agent at the same moment: only one update can win.
     */
    List<Command> handOutCommands(String agentId) throws SQLException {
        List<Command> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement mark = c.prepareStatement("UPDATE command SET state = 'sent', sent = ? WHERE id = ? AND state = 'queued'")) {
            for (Command queued : commands(agentId, true)) {
                mark.setTimestamp(1, now());
                mark.setLong(2, queued.id());
                if (mark.executeUpdate() == 1) {
                    out.add(queued);
                }
            }
        }
        return out;
    }

    /**
     * A command handed out and not answered within {@code answerWithin} (its agent died while running
     * it, or has been away since) is shown as lost rather than "sent" for ever; it is not handed out
     * again behind the operator's back, and a result that still arrives replaces the mark.
     */
    private void markLost(String agentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE command SET state = 'lost', result = ? "
                     + "WHERE agent_id = ? AND state = 'sent' AND sent < ?")) {
            s.setString(1, "no result within " + answerWithin.toHours() + " h of being handed out to the agent");
            s.setString(2, agentId);
            s.setTimestamp(3, Timestamp.from(clock.instant().minus(answerWithin)));
            s.executeUpdate();
        }
    }

    /** Records a command's result; false when the command is not this agent's or already finished. */
    boolean completeCommand(String agentId, long commandId, CommandOutcome outcome, String result) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE command SET state = ?, result = ?, finished = ? "
                     + "WHERE id = ? AND agent_id = ? AND state IN ('queued', 'sent', 'lost')")) {
            s.setString(1, outcome.state());
            s.setString(2, Sql.cut(result, 4000));
            s.setTimestamp(3, now());
            s.setLong(4, commandId);
            s.setString(5, agentId);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Keeps the file an agent sends with a command (a second upload replaces the first: a retry after
     * a lost answer); false when the command is not this agent's or already finished.
     */
    boolean storeCommandFile(String agentId, long commandId, byte[] zip) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM command WHERE id = ? AND agent_id = ? AND state IN ('queued', 'sent', 'lost') FOR UPDATE")) {
                    s.setLong(1, commandId);
                    s.setString(2, agentId);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM command_file WHERE command_id = ?")) {
                    s.setLong(1, commandId);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO command_file (command_id, content, size_bytes, received) VALUES (?, ?, ?, ?)")) {
                    s.setLong(1, commandId);
                    s.setBytes(2, zip);
                    s.setLong(3, zip.length);
                    s.setTimestamp(4, now());
                    s.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Size of the file that came back with a command, if one did. */
    Optional<Long> commandFileSize(long commandId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT size_bytes FROM command_file WHERE command_id = ?")) {
            s.setLong(1, commandId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The file of a command, if the user may see the command's agent and a file came back. */
    Optional<byte[]> commandFile(User user, long commandId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT command_file.content FROM command_file "
                     + "JOIN command ON command_file.command_id = command.id JOIN agent ON command.agent_id = agent.id "
                     + "JOIN site ON agent.site_id = site.id JOIN customer ON site.customer_id = customer.id "
                     + "WHERE command_file.command_id = ? AND" + UserStore.SCOPE)) {
            s.setLong(1, commandId);
            UserStore.bindScope(s, 2, user);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }
}
