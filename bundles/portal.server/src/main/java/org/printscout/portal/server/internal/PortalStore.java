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
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Everything the portal keeps, in SQL (H2 or PostgreSQL, same statements). Tenancy: dealer →
 * customers → sites → agents → devices. Every agent-side call is scoped by the authenticated agent,
 * every user-side call by the user's dealer and, for a user bound to one customer, that customer.
 */
final class PortalStore {

    /** SQLState of a unique-key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    record Activation(String agentId, String secret, String siteId) {
    }

    /** An authenticated agent. */
    record AgentRef(String agentId, String siteId) {
    }

    /** A site's configuration as the portal keeps it, and its customer's remote-UI switch. */
    record SiteConfig(String json, long version, boolean remoteUiAllowed) {
    }

    /** A customer as a user sees it, with the settings only an admin may change. */
    record CustomerRow(String id, String name, boolean remoteUiAllowed) {
    }

    enum StoreOutcome {
        STORED, DUPLICATE, FOREIGN_ID
    }

    record Command(long id, String agentId, String code, String arguments, String state, Instant created, String result) {
    }

    enum Role {
        ADMIN, TECHNICIAN, VIEWER
    }

    /** A signed-in user and what they may see: the dealer's customers, or one customer. */
    record User(String username, Role role, String dealerId, String customerId) {
    }

    record AgentRow(String agentId, String siteId, String siteName, String customerName, String hostname, Instant lastContact) {
    }

    record SupplyRow(String description, String colorant, long level, long max) {
        /** Percent only for real amounts; -1/-2/-3 are states, not quantities. */
        int percent() {
            return level >= 0 && max > 0 ? (int) Math.min(100, 100 * level / max) : -1;
        }
    }

    record DeviceRow(long id, String siteName, String ip, String serial, String make, String model, String status,
                     Instant lastSeen, Long total, List<SupplyRow> supplies) {
    }

    record MeterPoint(Instant at, long value) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    /** How long a handed-out command may go without a result before it is shown as lost. */
    static final java.time.Duration DEFAULT_ANSWER_WITHIN = java.time.Duration.ofHours(24);

    private final java.time.Duration answerWithin;

    PortalStore(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_ANSWER_WITHIN);
    }

    PortalStore(DataSource dataSource, Clock clock, java.time.Duration answerWithin) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.answerWithin = answerWithin;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    // ---- provisioning -------------------------------------------------------------------------

    void createDealer(String id, String name) throws SQLException {
        update("INSERT INTO dealer (id, name) VALUES (?, ?)", id, name);
    }

    void createCustomer(String id, String dealerId, String name) throws SQLException {
        update("INSERT INTO customer (id, dealer_id, name) VALUES (?, ?, ?)", id, dealerId, name);
    }

    void createSite(String id, String customerId, String name, String configJson) throws SQLException {
        update("INSERT INTO site (id, customer_id, name, config_json, config_version) VALUES (?, ?, ?, ?, 1)", id, customerId, name, configJson);
    }

    void updateSiteConfig(String siteId, String configJson) throws SQLException {
        update("UPDATE site SET config_json = ?, config_version = config_version + 1 WHERE id = ?", configJson, siteId);
    }

    /** A new single-use activation key for a site; only its hash is stored. */
    String newActivationKey(String siteId) throws SQLException {
        String key = "ACT-" + Passwords.newSecret();
        update("INSERT INTO activation_key (key_sha256, site_id) VALUES (?, ?)", Passwords.sha256(key), siteId);
        return key;
    }

    void createUser(String username, char[] password, Role role, String dealerId, String customerId) throws SQLException {
        update("INSERT INTO portal_user (username, password_hash, role, dealer_id, customer_id) VALUES (?, ?, ?, ?, ?)",
                username, Passwords.hash(password), role.name(), dealerId, customerId);
    }

    // ---- agents --------------------------------------------------------------------------------

    /** Exchanges an unused activation key for a new agent; empty when the key is unknown or used. */
    Optional<Activation> activate(String key, String hostname) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String siteId;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT site_id FROM activation_key WHERE key_sha256 = ? AND used_by_agent IS NULL FOR UPDATE")) {
                    s.setString(1, Passwords.sha256(key));
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                        siteId = r.getString(1);
                    }
                }
                String agentId = "agent-" + UUID.randomUUID();
                String secret = Passwords.newSecret();
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO agent (id, site_id, secret_hash, hostname, activated) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, agentId);
                    s.setString(2, siteId);
                    s.setString(3, Passwords.sha256(secret));
                    s.setString(4, hostname == null ? null : hostname.substring(0, Math.min(255, hostname.length())));
                    s.setTimestamp(5, now());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE activation_key SET used_by_agent = ? WHERE key_sha256 = ? AND used_by_agent IS NULL")) {
                    s.setString(1, agentId);
                    s.setString(2, Passwords.sha256(key));
                    if (s.executeUpdate() != 1) {
                        c.rollback();
                        return Optional.empty();
                    }
                }
                c.commit();
                return Optional.of(new Activation(agentId, secret, siteId));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    boolean agentExists(String agentId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT 1 FROM agent WHERE id = ?")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The agent whose id and secret these are, its last contact updated; empty otherwise. */
    Optional<AgentRef> authenticate(String agentId, String secret) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT site_id, secret_hash FROM agent WHERE id = ?")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !Passwords.sameSha256(secret, r.getString(2))) {
                    return Optional.empty();
                }
                String siteId = r.getString(1);
                try (PreparedStatement touch = c.prepareStatement("UPDATE agent SET last_contact = ? WHERE id = ?")) {
                    touch.setTimestamp(1, now());
                    touch.setString(2, agentId);
                    touch.executeUpdate();
                }
                return Optional.of(new AgentRef(agentId, siteId));
            }
        }
    }

    SiteConfig siteConfig(String siteId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT site.config_json, site.config_version, customer.remote_ui_allowed "
                     + "FROM site JOIN customer ON site.customer_id = customer.id WHERE site.id = ?")) {
            s.setString(1, siteId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("site " + siteId + " is gone");
                }
                return new SiteConfig(r.getString(1), r.getLong(2), r.getBoolean(3));
            }
        }
    }

    /**
     * Stores a report once. A second upload of the same id by the same agent is a duplicate (counted
     * once); an id another agent already used is refused without saying whose it is.
     */
    StoreOutcome storeReport(AgentRef agent, ReportParser.Report report) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO report (id, agent_id, kind, finished, received, devices) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, report.id());
                    s.setString(2, agent.agentId());
                    s.setString(3, report.kind());
                    s.setTimestamp(4, Timestamp.from(report.finished()));
                    s.setTimestamp(5, now());
                    s.setInt(6, report.devices().size());
                    s.executeUpdate();
                } catch (SQLException e) {
                    c.rollback();
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return owner(report.id()).filter(agent.agentId()::equals).isPresent()
                                ? StoreOutcome.DUPLICATE : StoreOutcome.FOREIGN_ID;
                    }
                    throw e;
                }
                // the readings go in two batches: on PostgreSQL one round trip each instead of one per row
                try (PreparedStatement meters = c.prepareStatement("INSERT INTO meter_reading "
                        + "(device_id, report_id, read_at, name, unit, reading) VALUES (?, ?, ?, ?, ?, ?)");
                     PreparedStatement supplies = c.prepareStatement("INSERT INTO supply_reading (device_id, report_id, idx, "
                             + "description, supply_type, colorant, level_value, max_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    java.util.Set<Long> stored = new java.util.HashSet<>();
                    for (ReportParser.Device device : report.devices()) {
                        long deviceId = upsertDevice(c, agent.siteId(), device);
                        if (!stored.add(deviceId)) {
                            // the same device twice in one report (e.g. an agent whose sites overlap):
                            // its first reading counts, as a second would violate the readings' keys
                            continue;
                        }
                        java.util.Set<String> meterNames = new java.util.HashSet<>();
                        for (ReportParser.Meter meter : device.meters()) {
                            if (meterNames.add(meter.name())) {
                                meters.setLong(1, deviceId);
                                meters.setString(2, report.id());
                                meters.setTimestamp(3, Timestamp.from(device.readAt()));
                                meters.setString(4, meter.name());
                                meters.setString(5, meter.unit());
                                meters.setLong(6, meter.value());
                                meters.addBatch();
                            }
                        }
                        java.util.Set<Integer> supplyIndexes = new java.util.HashSet<>();
                        for (ReportParser.Supply supply : device.supplies()) {
                            if (supplyIndexes.add(supply.index())) {
                                supplies.setLong(1, deviceId);
                                supplies.setString(2, report.id());
                                supplies.setInt(3, supply.index());
                                supplies.setString(4, cut(supply.description(), 200));
                                supplies.setString(5, cut(supply.type(), 64));
                                supplies.setString(6, cut(supply.colorant(), 64));
                                supplies.setLong(7, supply.level());
                                supplies.setLong(8, supply.max());
                                supplies.addBatch();
                            }
                        }
                    }
                    meters.executeBatch();
                    supplies.executeBatch();
                }
                c.commit();
                return StoreOutcome.STORED;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Optional<String> owner(String reportId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent_id FROM report WHERE id = ?")) {
            s.setString(1, reportId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private long upsertDevice(Connection c, String siteId, ReportParser.Device device) throws SQLException {
        String key = cut(device.key(), 200);
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM device WHERE site_id = ? AND device_key = ?")) {
            s.setString(1, siteId);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    long id = r.getLong(1);
                    try (PreparedStatement u = c.prepareStatement("UPDATE device SET ip = ?, mac = ?, serial = ?, make = ?, "
                            + "model = ?, device_status = ?, printer_status = ?, last_seen = ? WHERE id = ? AND last_seen <= ?")) {
                        bindDevice(u, device);
                        u.setLong(9, id);
                        u.setTimestamp(10, Timestamp.from(device.readAt()));
                        u.executeUpdate();
                    }
                    return id;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO device (ip, mac, serial, make, model, device_status, "
                + "printer_status, last_seen, site_id, device_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            bindDevice(s, device);
            s.setString(9, siteId);
            s.setString(10, key);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void bindDevice(PreparedStatement s, ReportParser.Device device) throws SQLException {
        s.setString(1, cut(device.ip(), 64));
        s.setString(2, cut(device.mac(), 64));
        s.setString(3, cut(device.serial(), 200));
        s.setString(4, cut(device.make(), 200));
        s.setString(5, cut(device.model(), 200));
        s.setString(6, cut(device.deviceStatus(), 32));
        s.setString(7, cut(device.printerStatus(), 32));
        s.setTimestamp(8, Timestamp.from(device.readAt()));
    }

    // ---- commands ------------------------------------------------------------------------------

    /** How a command ended, as the agent reports it; the names are the states stored. */
    enum CommandOutcome {
        DONE, FAILED, UNSUPPORTED;

        String state() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    long enqueueCommand(String agentId, int code, String arguments) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO command (agent_id, code, arguments, state, created) "
                     + "VALUES (?, ?, ?, 'queued', ?)", new String[] {"id"})) {
            s.setString(1, agentId);
            s.setString(2, Integer.toString(code));
            s.setString(3, cut(arguments, 4000));
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
            s.setString(2, cut(result, 4000));
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
        String agentId;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent_id FROM command WHERE id = ?")) {
            s.setLong(1, commandId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                agentId = r.getString(1);
            }
        }
        if (!mayAccessAgent(user, agentId)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT content FROM command_file WHERE command_id = ?")) {
            s.setLong(1, commandId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    // ---- users and the web page ----------------------------------------------------------------

    Optional<User> login(String username, char[] password) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT password_hash, role, dealer_id, customer_id FROM portal_user WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !Passwords.verify(password, r.getString(1))) {
                    return Optional.empty();
                }
                return Optional.of(new User(username, Role.valueOf(r.getString(2)), r.getString(3), r.getString(4)));
            }
        }
    }

    /** A user's stored password hash and who they are; looked up apart from the hash check, so sign-in can check unknown users against a dummy hash. */
    record Credentials(User user, String passwordHash) {
    }

    Optional<Credentials> credentials(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT password_hash, role, dealer_id, customer_id FROM portal_user WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Credentials(new User(username, Role.valueOf(r.getString(2)), r.getString(3), r.getString(4)), r.getString(1)));
            }
        }
    }

    /** What an agent last said about the site configuration it evaluated (POST .../config-status). */
    record ConfigStatus(String etag, boolean applied, String reason, Instant reported) {
    }

    /** An agent for the operator's list (portal:agents): every dealer's. */
    record AgentOverview(String agentId, String siteId, Instant lastContact, Optional<ConfigStatus> configStatus) {
    }

    /** Keeps the latest configuration verdict per agent, replacing the one before. */
    void recordConfigStatus(String agentId, String etag, boolean applied, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; ; attempt++) {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE agent_config_status SET etag = ?, applied = ?, reason = ?, reported = ? WHERE agent_id = ?")) {
                    update.setString(1, etag);
                    update.setBoolean(2, applied);
                    update.setString(3, reason);
                    update.setTimestamp(4, now());
                    update.setString(5, agentId);
                    if (update.executeUpdate() > 0) {
                        return;
                    }
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO agent_config_status (agent_id, etag, applied, reason, reported) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, agentId);
                    insert.setString(2, etag);
                    insert.setBoolean(3, applied);
                    insert.setString(4, reason);
                    insert.setTimestamp(5, now());
                    insert.executeUpdate();
                    return;
                } catch (SQLException e) {
                    // another request of the same agent inserted first: update that row instead
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt > 0) {
                        throw e;
                    }
                }
            }
        }
    }

    Optional<ConfigStatus> configStatus(String agentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT etag, applied, reason, reported FROM agent_config_status WHERE agent_id = ?")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new ConfigStatus(r.getString(1), r.getBoolean(2), r.getString(3), r.getTimestamp(4).toInstant()))
                        : Optional.empty();
            }
        }
    }

    List<AgentOverview> agentOverview() throws SQLException {
        List<AgentOverview> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent.id, agent.site_id, agent.last_contact, status.etag, status.applied, status.reason, "
                     + "status.reported FROM agent LEFT JOIN agent_config_status status ON status.agent_id = agent.id ORDER BY agent.site_id, agent.id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Timestamp last = r.getTimestamp(3);
                Optional<ConfigStatus> status = r.getString(4) == null ? Optional.empty()
                        : Optional.of(new ConfigStatus(r.getString(4), r.getBoolean(5), r.getString(6), r.getTimestamp(7).toInstant()));
                out.add(new AgentOverview(r.getString(1), r.getString(2), last == null ? null : last.toInstant(), status));
            }
        }
        return out;
    }

    private static final String SCOPE = " customer.dealer_id = ? AND (CAST(? AS VARCHAR(64)) IS NULL OR customer.id = ?) ";

    private static void bindScope(PreparedStatement s, int first, User user) throws SQLException {
        s.setString(first, user.dealerId());
        s.setString(first + 1, user.customerId());
        s.setString(first + 2, user.customerId());
    }

    List<AgentRow> agents(User user) throws SQLException {
        List<AgentRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent.id, site.id, site.name, customer.name, agent.hostname, agent.last_contact "
                     + "FROM agent JOIN site ON agent.site_id = site.id JOIN customer ON site.customer_id = customer.id WHERE"
                     + SCOPE + "ORDER BY customer.name, site.name, agent.id")) {
            bindScope(s, 1, user);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp last = r.getTimestamp(6);
                    out.add(new AgentRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            last == null ? null : last.toInstant()));
                }
            }
        }
        return out;
    }

    Optional<String> dealerOf(String customerId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT dealer_id FROM customer WHERE id = ?")) {
            s.setString(1, customerId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    List<CustomerRow> customers(User user) throws SQLException {
        List<CustomerRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT customer.id, customer.name, customer.remote_ui_allowed FROM customer WHERE"
                     + SCOPE + "ORDER BY customer.name")) {
            bindScope(s, 1, user);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new CustomerRow(r.getString(1), r.getString(2), r.getBoolean(3)));
                }
            }
        }
        return out;
    }

    /**
     * Switches a customer's remote web UI; only an admin whose scope holds the customer may. Returns
     * false (nothing changed) for anybody else or a customer out of scope.
     */
    boolean setRemoteUiAllowed(User user, String customerId, boolean allowed) throws SQLException {
        if (user.role() != Role.ADMIN || customers(user).stream().noneMatch(customer -> customer.id().equals(customerId))) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE customer SET remote_ui_allowed = ? WHERE id = ?")) {
            s.setBoolean(1, allowed);
            s.setString(2, customerId);
            return s.executeUpdate() == 1;
        }
    }

    /** True when the user may see (and, by role, act on) this agent. */
    boolean mayAccessAgent(User user, String agentId) throws SQLException {
        return agents(user).stream().anyMatch(a -> a.agentId().equals(agentId));
    }

    List<DeviceRow> devices(User user) throws SQLException {
        List<DeviceRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT device.id, site.name, device.ip, device.serial, device.make, "
                     + "device.model, device.device_status, device.last_seen FROM device JOIN site ON device.site_id = site.id "
                     + "JOIN customer ON site.customer_id = customer.id WHERE" + SCOPE + "ORDER BY site.name, device.ip")) {
            bindScope(s, 1, user);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    out.add(new DeviceRow(id, r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7), r.getTimestamp(8).toInstant(), latestTotal(c, id), latestSupplies(c, id)));
                }
            }
        }
        return out;
    }

    private static Long latestTotal(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT reading FROM meter_reading WHERE device_id = ? AND name = 'total' "
                + "ORDER BY read_at DESC FETCH FIRST 1 ROWS ONLY")) {
            s.setLong(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    private static List<SupplyRow> latestSupplies(Connection c, long deviceId) throws SQLException {
        List<SupplyRow> out = new ArrayList<>();
        for (SupplyValue supply : latestSupplyValues(c, deviceId)) {
            out.add(new SupplyRow(supply.description(), supply.colorant(), supply.level(), supply.max()));
        }
        return out;
    }

    List<MeterPoint> totalHistory(long deviceId) throws SQLException {
        List<MeterPoint> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT read_at, reading FROM meter_reading WHERE device_id = ? AND name = 'total' "
                     + "ORDER BY read_at")) {
            s.setLong(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new MeterPoint(r.getTimestamp(1).toInstant(), r.getLong(2)));
                }
            }
        }
        return out;
    }

    // ---- administration (Gogo) ------------------------------------------------------------------

    record ReportRow(String id, String agentId, String kind, Instant finished, Instant received, int devices) {
    }

    record MeterValue(String name, String unit, long value) {
    }

    record SupplyValue(int index, String description, String type, String colorant, long level, long max) {
    }

    /** A device as the portal last heard of it: its newest meter and supply readings. */
    record DeviceReadings(String siteId, String ip, String mac, String serial, String make, String model, String status,
                          Instant lastSeen, List<MeterValue> meters, List<SupplyValue> supplies) {
    }

    List<ReportRow> reports() throws SQLException {
        List<ReportRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, agent_id, kind, finished, received, devices FROM report ORDER BY received, id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new ReportRow(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                        r.getTimestamp(5).toInstant(), r.getInt(6)));
            }
        }
        return out;
    }

    /** Every device with the meters and supplies of the newest report that carried each. */
    List<DeviceReadings> deviceReadings() throws SQLException {
        List<DeviceReadings> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, site_id, ip, mac, serial, make, model, device_status, last_seen "
                     + "FROM device ORDER BY site_id, ip, id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long id = r.getLong(1);
                out.add(new DeviceReadings(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), r.getString(8), r.getTimestamp(9).toInstant(), latestMeters(c, id), latestSupplyValues(c, id)));
            }
        }
        return out;
    }

    private static List<MeterValue> latestMeters(Connection c, long deviceId) throws SQLException {
        List<MeterValue> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, unit, reading FROM meter_reading WHERE device_id = ? AND read_at = "
                + "(SELECT MAX(read_at) FROM meter_reading WHERE device_id = ?) ORDER BY name")) {
            s.setLong(1, deviceId);
            s.setLong(2, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new MeterValue(r.getString(1), r.getString(2), r.getLong(3)));
                }
            }
        }
        return out;
    }

    private static List<SupplyValue> latestSupplyValues(Connection c, long deviceId) throws SQLException {
        List<SupplyValue> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT idx, description, supply_type, colorant, level_value, max_value "
                + "FROM supply_reading WHERE device_id = ? AND report_id = (SELECT report.id FROM report JOIN supply_reading sr "
                + "ON sr.report_id = report.id WHERE sr.device_id = ? ORDER BY report.finished DESC FETCH FIRST 1 ROWS ONLY) ORDER BY idx")) {
            s.setLong(1, deviceId);
            s.setLong(2, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new SupplyValue(r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6)));
                }
            }
        }
        return out;
    }

    int countReports() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM report");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    private void update(String sql, String... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                // setString, not setObject: PostgreSQL needs a type for a null
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
