package org.printscout.portal.server.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Fleet updates at the portal's shell (docs/rollout.md), the same operations as the page, audited as
 * done by "shell": {@code portal:dealerkey}, {@code portal:artifact}, {@code portal:artifacts},
 * {@code portal:rollout-start}, {@code portal:rollouts}, {@code portal:rollout}.
 */
@Component(service = RolloutCommands.class, property = {"osgi.command.scope=portal", "osgi.command.function=dealerkey",
        "osgi.command.function=artifact", "osgi.command.function=artifacts", "osgi.command.function=rollouts", "osgi.command.function=rollout",
        "osgi.command.function=rolloutstart"})
public final class RolloutCommands {

    private final ArtifactCatalogue catalogue;
    private final RolloutStore rollouts;
    private final TenancyStore tenancy;
    private final AuditLog audit;

    @Activate
    public RolloutCommands(@Reference PortalComponent portal, @Reference RolloutService rollout) {
        this.catalogue = rollout.catalogue();
        this.rollouts = rollout.rollouts();
        this.tenancy = portal.tenancyStore();
        this.audit = portal.auditLog();
    }

    private void dealer(String dealerId) throws SQLException {
        if (!tenancy.dealerExists(dealerId)) {
            throw new IllegalArgumentException("no dealer " + dealerId);
        }
    }

    /** Adds the public key in FILE.pub (the signing CLI's one line) to the dealer's keys. */
    public String dealerkey(String dealerId, String pubFile) throws Exception {
        dealer(dealerId);
        try {
            ArtifactCatalogue.KeyRow key = catalogue.addKey(dealerId, Files.readString(Path.of(pubFile)).strip(), "shell");
            audit.record(dealerId, "shell", "console", AuditLog.Action.DEALER_KEY_ADDED, "key " + key.keyId(), key.comment());
            return "key " + key.keyId() + " added for dealer " + dealerId;
        } catch (ArtifactSignature.Refused e) {
            throw new IllegalArgumentException("key refused: " + e.getMessage());
        }
    }

    /** Adds an artifact and its .sig to the dealer's catalogue; refused with the reason unless it verifies. */
    public String artifact(String dealerId, String file, String sigFile) throws Exception {
        dealer(dealerId);
        byte[] sig = Files.readAllBytes(Path.of(sigFile));
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ArtifactCatalogue.Artifact a = catalogue.add(dealerId, in, sig, "shell");
            audit.record(dealerId, "shell", "console", AuditLog.Action.ARTIFACT_UPLOADED, "artifact " + a.id(),
                    a.kind() + " " + a.symbolicName() + " " + a.version() + " " + a.sha256());
            return "artifact " + a.id() + ": " + a.kind() + " " + a.symbolicName() + " " + a.version() + " " + a.sha256();
        } catch (ArtifactSignature.Refused e) {
            throw new IllegalArgumentException("artifact refused: " + e.getMessage());
        }
    }

    /** The dealer's catalogue: id, kind, symbolic name, version, size, sha256. */
    public String artifacts(String dealerId) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (ArtifactCatalogue.Artifact a : catalogue.artifacts(dealerId)) {
            out.append(a.id()).append('\t').append(a.kind()).append('\t').append(a.symbolicName()).append('\t').append(a.version()).append('\t')
                    .append(a.size()).append('\t').append(a.sha256()).append('\n');
        }
        return out.toString();
    }

    /**
     * Starts a rollout: ARTIFACTS are catalogue ids separated by commas, TARGETS {@code customer:ID},
     * {@code site:ID} or {@code agent:ID} separated by commas, FIRSTWAVE a percentage ({@code 5}; an unquoted {@code 5%} is an expression to Gogo) or
     * {@code canary:SITE,SITE}.
     */
    public String rolloutstart(String dealerId, String name, String artifactIds, String targets, String firstWave) throws Exception {
        dealer(dealerId);
        List<Long> ids = new ArrayList<>();
        for (String id : artifactIds.split(",")) {
            ids.add(Long.parseLong(id.strip()));
        }
        List<RolloutStore.Target> list = new ArrayList<>();
        for (String target : targets.split(",")) {
            String[] parts = target.strip().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a target is customer:ID, site:ID or agent:ID");
            }
            list.add(new RolloutStore.Target(parts[0], parts[1]));
        }
        List<String> canaries = firstWave.startsWith("canary:") ? List.of(firstWave.substring(7).split(",")) : List.of();
        int percent = canaries.isEmpty() ? Integer.parseInt(firstWave.replace("%", "").strip()) : 0;
        try {
            long id = rollouts.create(dealerId, name, ids, list, canaries, percent, "shell");
            audit.record(dealerId, "shell", "console", AuditLog.Action.ROLLOUT_CREATED, "rollout " + id, name);
            return "rollout " + id + " started: " + rollouts.rollout(dealerId, id).orElseThrow().setId();
        } catch (RolloutStore.Refused e) {
            throw new IllegalArgumentException("rollout refused: " + e.getMessage());
        }
    }

    /** The dealer's rollouts: id, state, wave, set id, name, and the counts per state. */
    public String rollouts(String dealerId) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (RolloutStore.Rollout r : rollouts.rollouts(dealerId)) {
            out.append(r.id()).append('\t').append(r.state().stored()).append('\t').append(r.currentWave() == 1 ? "first wave" : "all waves").append('\t')
                    .append(r.setId()).append('\t').append(r.name()).append('\t');
            for (Map.Entry<String, Integer> count : rollouts.counts(r.id()).entrySet()) {
                if (count.getValue() > 0) {
                    out.append(count.getKey()).append(' ').append(count.getValue()).append("; ");
                }
            }
            out.append(r.reason().replaceAll("\\p{Cntrl}", " ")).append('\n');
        }
        return out.toString();
    }

    /** One rollout's agents (wave, agent, site, state, reason), or {@code pause}, {@code resume}, {@code abort} it. */
    public String rollout(String dealerId, long id, String... action) throws Exception {
        dealer(dealerId);
        if (action.length == 1) {
            try {
                switch (action[0]) {
                    case "pause" -> rollouts.pause(dealerId, id);
                    case "resume" -> rollouts.resume(dealerId, id);
                    case "abort" -> rollouts.abort(dealerId, id);
                    default -> throw new IllegalArgumentException("usage: portal:rollout DEALER ID [pause|resume|abort]");
                }
            } catch (RolloutStore.Refused e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            AuditLog.Action done = action[0].equals("pause") ? AuditLog.Action.ROLLOUT_PAUSED : action[0].equals("resume")
                    ? AuditLog.Action.ROLLOUT_RESUMED : AuditLog.Action.ROLLOUT_ABORTED;
            audit.record(dealerId, "shell", "console", done, "rollout " + id, "");
        }
        RolloutStore.Rollout r = rollouts.rollout(dealerId, id).orElseThrow(() -> new IllegalArgumentException("dealer " + dealerId + " has no rollout " + id));
        StringBuilder out = new StringBuilder("rollout " + r.id() + " " + r.state().stored() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")") + ", "
                + (r.currentWave() == 1 ? "first wave" : "all waves") + ", set " + r.setId() + "\n");
        for (RolloutStore.AgentRow a : rollouts.agents(id)) {
            out.append(a.wave()).append('\t').append(a.agentId()).append('\t').append(a.siteId()).append('\t').append(a.state()).append('\t')
                    .append(a.reason().replaceAll("\\p{Cntrl}", " ")).append('\n');
        }
        return out.toString();
    }
}
