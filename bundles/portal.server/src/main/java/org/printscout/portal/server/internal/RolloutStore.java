package org.printscout.portal.server.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Rollouts (docs/rollout.md, "Portal: rollouts"): an artifact set from the catalogue, its targets
 * (customers, sites, agents: resolved to agents when the rollout is made) and two waves: the first
 * (named canary sites, or a percentage of the targeted agents chosen by a hash of rollout and agent),
 * then the rest. Each agent's latest report is kept; the second wave starts when every agent of the
 * first reports {@code healthy}, a {@code rolled back} or {@code refused} in any wave halts the
 * rollout, and it is done when every agent is healthy. Every step is one conditional UPDATE, so
 * several portal nodes reporting at once agree.
 *
 * <p>What an agent is handed ({@link #desired}): the set of the newest rollout that is in effect for it.
 * A running, paused or done rollout is in effect for the agents of its started waves; a halted or
 * aborted one only for the agents that reported {@code installed} or {@code healthy} (they keep what
 * they have; the others are no longer handed it and fall back to the previous rollout's set, or to no
 * member at all, which leaves them unchanged).
 */
final class RolloutStore {

    enum State {
        RUNNING, PAUSED, HALTED, ABORTED, DONE;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String stored) {
            return valueOf(stored.toUpperCase(Locale.ROOT));
        }
    }

    /** An agent's state in a rollout as the agent reports it, and {@code pending} before its first report. */
    static final List<String> AGENT_STATES = List.of("pending", "downloading", "installed", "healthy", "rolled back", "refused", "failed");
    /** What an agent may report (the contract's states). */
    static final Set<String> REPORTED_STATES = Set.of("downloading", "installed", "healthy", "rolled back", "refused", "failed");

    record Target(String kind, String id) {
        static final Set<String> KINDS = Set.of("customer", "site", "agent");
    }

    record Rollout(long id, String dealerId, String name, String setId, String firstWave, int currentWave, State state, String reason, Instant created,
                   String createdBy, Instant changed) {
    }

    record AgentRow(String agentId, String siteId, String siteName, String hostname, int wave, String state, String reason, Instant changed) {
    }

    /** The set an agent should have: its id (changes whenever the set does) and the artifacts. */
    record DesiredSet(String setId, List<ArtifactCatalogue.Artifact> items) {
    }

    /** Why a rollout cannot be made or changed, for the dealer. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final Pattern SET_ID = Pattern.compile("r([0-9]{1,18})-([0-9a-f]{16})");
    private static final String ROLLOUT_COLUMNS = "id, dealer_id, name, set_hash, first_wave, current_wave, state, reason, created, created_by, changed";
    /** In effect for an agent (its row {@code ra}, its rollout {@code r}); see the class comment. */
    private static final String IN_EFFECT = "ra.wave <= r.current_wave AND (r.state IN ('running', 'paused', 'done') OR ra.state IN ('installed', 'healthy'))";

    private final DataSource dataSource;
    private final Clock clock;
    /** A rollout's artifact set never changes once made, so it is kept here after the first read (bounded). */
    private final Map<Long, List<ArtifactCatalogue.Artifact>> sets = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<ArtifactCatalogue.Artifact>> eldest) {
            return size() > 512;
        }
    });

    RolloutStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    static String setId(long rolloutId, String setHash) {
        return "r" + rolloutId + "-" + setHash;
    }

    /**
     * Makes a rollout and starts its first wave: {@code canarySites} non-empty names the first wave's
     * sites, else {@code percent} (1-100) of the targeted agents, at least one.
     */
    long create(String dealerId, String name, List<Long> artifactIds, List<Target> targets, List<String> canarySites, int percent, String by)
            throws SQLException, Refused {
        if (name.isBlank() || name.length() > 200) {
            throw new Refused("a rollout needs a name of at most 200 characters");
        }
        List<ArtifactCatalogue.Artifact> set = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (long id : new LinkedHashSet<>(artifactIds)) {
                try (PreparedStatement s = c.prepareStatement("SELECT id, kind, name, symbolic_name, version, sha256, size_bytes, key_id, signature, uploaded, "
                        + "uploaded_by FROM artifact WHERE id = ? AND dealer_id = ?")) {
                    s.setLong(1, id);
                    s.setString(2, dealerId);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            throw new Refused("artifact " + id + " is not in this dealer's catalogue");
                        }
                        set.add(ArtifactCatalogue.artifact(r));
                    }
                }
            }
        }
        if (set.isEmpty()) {
            throw new Refused("a rollout needs at least one artifact: its set is everything the agents should have from the portal");
        }
        Set<String> names = new java.util.HashSet<>();
        for (ArtifactCatalogue.Artifact a : set) {
            if (!names.add(a.kind() + " " + a.symbolicName())) {
                throw new Refused("the set holds two versions of " + a.kind() + " " + a.symbolicName() + "; pick one");
            }
        }
        if (targets.isEmpty()) {
            throw new Refused("a rollout needs targets: customers, sites or agents");
        }
        // the dealer's agents and where they are
        List<String[]> fleet = new ArrayList<>(); // agent id, site id, customer id
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT a.id, a.site_id, si.customer_id FROM agent a JOIN site si ON si.id = a.site_id "
                     + "JOIN customer cu ON cu.id = si.customer_id WHERE cu.dealer_id = ? ORDER BY a.id")) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fleet.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
        }
        Set<String> customers = ids(dealerId, "SELECT id FROM customer WHERE dealer_id = ?");
        Set<String> sites = ids(dealerId, "SELECT si.id FROM site si JOIN customer cu ON cu.id = si.customer_id WHERE cu.dealer_id = ?");
        List<String[]> targeted = new ArrayList<>();
        for (Target t : targets) {
            if (!Target.KINDS.contains(t.kind())) {
                throw new Refused("a target is a customer, a site or an agent");
            }
            boolean known = switch (t.kind()) {
                case "customer" -> customers.contains(t.id());
                case "site" -> sites.contains(t.id());
                default -> fleet.stream().anyMatch(f -> f[0].equals(t.id()));
            };
            if (!known) {
                throw new Refused("no " + t.kind() + " " + ArtifactSignature.printable(t.id()) + " of this dealer");
            }
        }
        for (String[] agent : fleet) {
            if (targets.stream().anyMatch(t -> t.kind().equals("agent") && t.id().equals(agent[0]) || t.kind().equals("site") && t.id().equals(agent[1])
                    || t.kind().equals("customer") && t.id().equals(agent[2]))) {
                targeted.add(agent);
            }
        }
        if (targeted.isEmpty()) {
            throw new Refused("the targets have no agents yet");
        }
        String firstWave;
        Set<String> canaries = new LinkedHashSet<>(canarySites);
        if (!canaries.isEmpty()) {
            for (String site : canaries) {
                if (targeted.stream().noneMatch(a -> a[1].equals(site))) {
                    throw new Refused("canary site " + ArtifactSignature.printable(site) + " has no targeted agent");
                }
            }
            firstWave = "canary sites " + String.join(", ", canaries);
        } else if (percent < 1 || percent > 100) {
            throw new Refused("the first wave is named canary sites or a percentage from 1 to 100");
        } else {
            firstWave = percent + " % of " + targeted.size() + " agents";
        }
        String setHash = setHash(set);
        long[] id = new long[1];
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rollout (dealer_id, name, set_hash, first_wave, current_wave, state, reason, created, "
                    + "created_by, changed) VALUES (?, ?, ?, ?, 1, 'running', '', ?, ?, ?)", new String[] {"id"})) {
                s.setString(1, dealerId);
                s.setString(2, name.strip());
                s.setString(3, setHash);
                s.setString(4, Sql.cut(firstWave, 1000));
                s.setTimestamp(5, now());
                s.setString(6, Sql.cut(by, 100));
                s.setTimestamp(7, now());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id[0] = keys.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rollout_artifact (rollout_id, artifact_id) VALUES (?, ?)")) {
                for (ArtifactCatalogue.Artifact a : set) {
                    s.setLong(1, id[0]);
                    s.setLong(2, a.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rollout_target (rollout_id, target_kind, target_id) VALUES (?, ?, ?)")) {
                for (Target t : new LinkedHashSet<>(targets)) {
                    s.setLong(1, id[0]);
                    s.setString(2, t.kind());
                    s.setString(3, t.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            Set<String> first = new java.util.HashSet<>();
            if (!canaries.isEmpty()) {
                targeted.stream().filter(a -> canaries.contains(a[1])).forEach(a -> first.add(a[0]));
            } else {
                int n = (int) Math.ceil(targeted.size() * percent / 100.0);
                targeted.stream().map(a -> a[0]).sorted(Comparator.comparing(agent -> Passwords.sha256(id[0] + ":" + agent))).limit(n).forEach(first::add);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rollout_agent (rollout_id, agent_id, wave, state, reason, items, changed) "
                    + "VALUES (?, ?, ?, 'pending', '', '[]', ?)")) {
                for (String[] agent : targeted) {
                    s.setLong(1, id[0]);
                    s.setString(2, agent[0]);
                    s.setInt(3, first.contains(agent[0]) ? 1 : 2);
                    s.setTimestamp(4, now());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return true;
        });
        return id[0];
    }

    private Set<String> ids(String dealerId, String sql) throws SQLException {
        Set<String> out = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    static String setHash(List<ArtifactCatalogue.Artifact> set) {
        StringBuilder lines = new StringBuilder();
        set.stream().map(ArtifactCatalogue.Artifact::sha256).sorted().forEach(h -> lines.append(h).append('\n'));
        return ArtifactSignature.hex(ArtifactCatalogue.sha256().digest(lines.toString().getBytes(StandardCharsets.US_ASCII))).substring(0, 16);
    }

    /** The set this agent should have now, or empty when no rollout is in effect for it (the document then has no artifacts member). */
    Optional<DesiredSet> desired(String agentId) throws SQLException {
        long rolloutId;
        String setHash;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT r.id, r.set_hash FROM rollout_agent ra JOIN rollout r ON r.id = ra.rollout_id "
                     + "WHERE ra.agent_id = ? AND " + IN_EFFECT + " ORDER BY r.id DESC")) {
            s.setString(1, agentId);
            s.setMaxRows(1);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                rolloutId = r.getLong(1);
                setHash = r.getString(2);
            }
        }
        return Optional.of(new DesiredSet(setId(rolloutId, setHash), artifactsOf(rolloutId)));
    }

    /** A rollout's artifacts, ordered by symbolic name. */
    List<ArtifactCatalogue.Artifact> artifactsOf(long rolloutId) throws SQLException {
        List<ArtifactCatalogue.Artifact> cached = sets.get(rolloutId);
        if (cached != null) {
            return cached;
        }
        List<ArtifactCatalogue.Artifact> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT a.id, a.kind, a.name, a.symbolic_name, a.version, a.sha256, a.size_bytes, a.key_id, a.signature, "
                     + "a.uploaded, a.uploaded_by FROM rollout_artifact ra JOIN artifact a ON a.id = ra.artifact_id WHERE ra.rollout_id = ? "
                     + "ORDER BY a.kind, a.symbolic_name")) {
            s.setLong(1, rolloutId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(ArtifactCatalogue.artifact(r));
                }
            }
        }
        List<ArtifactCatalogue.Artifact> set = List.copyOf(out);
        sets.put(rolloutId, set);
        return set;
    }

    /** The outcome of an agent's report. */
    enum Recorded { RECORDED, UNKNOWN_SET }

    /**
     * Keeps an agent's report on a set (replacing its previous one), then moves the rollout on: a
     * {@code rolled back} or {@code refused} halts it; a {@code healthy} may start the second wave or
     * finish it.
     */
    Recorded recordStatus(String agentId, String setId, String state, String reason, String itemsJson) throws SQLException {
        Matcher m = SET_ID.matcher(setId);
        if (!m.matches()) {
            return Recorded.UNKNOWN_SET;
        }
        long rolloutId = Long.parseLong(m.group(1));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE rollout_agent SET state = ?, reason = ?, items = ?, changed = ? WHERE rollout_id = ? "
                    + "AND agent_id = ? AND EXISTS (SELECT 1 FROM rollout r WHERE r.id = ? AND r.set_hash = ?)")) {
                s.setString(1, state);
                s.setString(2, reason);
                s.setString(3, itemsJson);
                s.setTimestamp(4, now());
                s.setLong(5, rolloutId);
                s.setString(6, agentId);
                s.setLong(7, rolloutId);
                s.setString(8, m.group(2));
                if (s.executeUpdate() != 1) {
                    return Recorded.UNKNOWN_SET;
                }
            }
            if (state.equals("rolled back") || state.equals("refused")) {
                try (PreparedStatement s = c.prepareStatement("UPDATE rollout SET state = 'halted', reason = ?, changed = ? WHERE id = ? "
                        + "AND state IN ('running', 'paused')")) {
                    s.setString(1, Sql.cut("agent " + agentId + " " + state + (reason.isEmpty() ? "" : ": " + reason), 2000));
                    s.setTimestamp(2, now());
                    s.setLong(3, rolloutId);
                    s.executeUpdate();
                }
            } else if (state.equals("healthy")) {
                advance(c, rolloutId);
            }
        }
        return Recorded.RECORDED;
    }

    /** Starts the second wave when every agent of the first is healthy, and finishes the rollout when every agent is. */
    private void advance(Connection c, long rolloutId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE rollout SET current_wave = 2, changed = ? WHERE id = ? AND state = 'running' "
                + "AND current_wave = 1 AND NOT EXISTS (SELECT 1 FROM rollout_agent WHERE rollout_id = ? AND wave = 1 AND state <> 'healthy')")) {
            s.setTimestamp(1, now());
            s.setLong(2, rolloutId);
            s.setLong(3, rolloutId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE rollout SET state = 'done', changed = ? WHERE id = ? AND state = 'running' "
                + "AND current_wave = 2 AND NOT EXISTS (SELECT 1 FROM rollout_agent WHERE rollout_id = ? AND state <> 'healthy')")) {
            s.setTimestamp(1, now());
            s.setLong(2, rolloutId);
            s.setLong(3, rolloutId);
            s.executeUpdate();
        }
    }

    /**
     * Adds an agent activated after rollouts were started to the newest of them that targets it (its own
     * id, its site or its customer) and is still in effect (running, paused or done), in the second wave:
     * it gets the set once the rollout has widened, as every agent not chosen for the first wave does.
     * A done rollout runs again until the newcomer reports healthy. Only the newest: it is the one whose
     * set {@link #desired} hands the agent, and an older one it joined would wait for a report that
     * never comes.
     *
     * @return how many rollouts it joined (0 or 1)
     */
    int admit(String agentId) throws SQLException {
        int[] joined = new int[1];
        Sql.inTransaction(dataSource, c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT r.id FROM agent a JOIN site si ON si.id = a.site_id "
                    + "JOIN customer cu ON cu.id = si.customer_id JOIN rollout r ON r.dealer_id = cu.dealer_id "
                    + "WHERE a.id = ? AND r.state IN ('running', 'paused', 'done') "
                    + "AND EXISTS (SELECT 1 FROM rollout_target t WHERE t.rollout_id = r.id AND (t.target_kind = 'agent' AND t.target_id = a.id "
                    + "OR t.target_kind = 'site' AND t.target_id = a.site_id OR t.target_kind = 'customer' AND t.target_id = si.customer_id)) "
                    + "AND NOT EXISTS (SELECT 1 FROM rollout_agent ra WHERE ra.rollout_id = r.id AND ra.agent_id = a.id) ORDER BY r.id DESC")) {
                s.setString(1, agentId);
                s.setMaxRows(1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO rollout_agent (rollout_id, agent_id, wave, state, reason, items, changed) "
                        + "VALUES (?, ?, 2, 'pending', '', '[]', ?)")) {
                    s.setLong(1, id);
                    s.setString(2, agentId);
                    s.setTimestamp(3, now());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE rollout SET state = 'running', changed = ? WHERE id = ? AND state = 'done'")) {
                    s.setTimestamp(1, now());
                    s.setLong(2, id);
                    s.executeUpdate();
                }
            }
            joined[0] = ids.size();
            return true;
        });
        return joined[0];
    }

    /** Pauses a running rollout: no wave starts; the agents of started waves keep being handed the set. */
    void pause(String dealerId, long id) throws SQLException, Refused {
        change(dealerId, id, "paused", List.of("running"));
    }

    /** Resumes a paused rollout, starting the next wave at once if the first is healthy. */
    void resume(String dealerId, long id) throws SQLException, Refused {
        change(dealerId, id, "running", List.of("paused"));
        try (Connection c = dataSource.getConnection()) {
            advance(c, id);
        }
    }

    /** Aborts a rollout: agents that have not installed its set are no longer handed it; those that have keep it. */
    void abort(String dealerId, long id) throws SQLException, Refused {
        change(dealerId, id, "aborted", List.of("running", "paused", "halted"));
    }

    private void change(String dealerId, long id, String to, List<String> from) throws SQLException, Refused {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE rollout SET state = ?, changed = ? WHERE id = ? AND dealer_id = ? AND state IN ("
                     + String.join(", ", Collections.nCopies(from.size(), "?")) + ")")) {
            s.setString(1, to);
            s.setTimestamp(2, now());
            s.setLong(3, id);
            s.setString(4, dealerId);
            for (int i = 0; i < from.size(); i++) {
                s.setString(5 + i, from.get(i));
            }
            if (s.executeUpdate() != 1) {
                Optional<Rollout> rollout = rollout(dealerId, id);
                throw new Refused(rollout.isEmpty() ? "no such rollout" : "a " + rollout.get().state().stored() + " rollout cannot be " + to
                        + (to.equals("running") ? " again (only a paused one resumes)" : ""));
            }
        }
    }

    List<Rollout> rollouts(String dealerId) throws SQLException {
        List<Rollout> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + ROLLOUT_COLUMNS + " FROM rollout WHERE dealer_id = ? ORDER BY id DESC")) {
            s.setString(1, dealerId);
            s.setMaxRows(500);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(rollout(r));
                }
            }
        }
        return out;
    }

    Optional<Rollout> rollout(String dealerId, long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + ROLLOUT_COLUMNS + " FROM rollout WHERE dealer_id = ? AND id = ?")) {
            s.setString(1, dealerId);
            s.setLong(2, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(rollout(r)) : Optional.empty();
            }
        }
    }

    private static Rollout rollout(ResultSet r) throws SQLException {
        return new Rollout(r.getLong(1), r.getString(2), r.getString(3), setId(r.getLong(1), r.getString(4)), r.getString(5), r.getInt(6),
                State.of(r.getString(7)), r.getString(8), r.getTimestamp(9).toInstant(), r.getString(10), r.getTimestamp(11).toInstant());
    }

    record SiteRow(String id, String name, String customerId, String customerName, int agents) {
    }

    /** The dealer's sites with their customer and number of agents, for the create form. */
    List<SiteRow> sites(String dealerId) throws SQLException {
        List<SiteRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT si.id, si.name, cu.id, cu.name, (SELECT COUNT(*) FROM agent a WHERE a.site_id = si.id) "
                     + "FROM site si JOIN customer cu ON cu.id = si.customer_id WHERE cu.dealer_id = ? ORDER BY cu.name, si.name")) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new SiteRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5)));
                }
            }
        }
        return out;
    }

    /** Every agent of a rollout with its wave and latest report, first wave first. */
    List<AgentRow> agents(long rolloutId) throws SQLException {
        List<AgentRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT ra.agent_id, a.site_id, si.name, a.hostname, ra.wave, ra.state, ra.reason, ra.changed "
                     + "FROM rollout_agent ra JOIN agent a ON a.id = ra.agent_id JOIN site si ON si.id = a.site_id WHERE ra.rollout_id = ? "
                     + "ORDER BY ra.wave, si.name, ra.agent_id")) {
            s.setLong(1, rolloutId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new AgentRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4) == null ? "" : r.getString(4), r.getInt(5),
                            r.getString(6), r.getString(7), r.getTimestamp(8).toInstant()));
                }
            }
        }
        return out;
    }

    /** How many agents of a rollout are in each state, every state listed (0 included), in {@link #AGENT_STATES} order. */
    Map<String, Integer> counts(long rolloutId) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        AGENT_STATES.forEach(state -> out.put(state, 0));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM rollout_agent WHERE rollout_id = ? GROUP BY state")) {
            s.setLong(1, rolloutId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return out;
    }
}
