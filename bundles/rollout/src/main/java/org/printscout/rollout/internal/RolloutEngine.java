package org.printscout.rollout.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.service.log.Logger;
import org.printscout.api.rollout.DesiredArtifact;
import org.printscout.api.rollout.DesiredSet;
import org.printscout.api.rollout.RolloutPortal;
import org.printscout.api.rollout.RolloutStatus;

/**
 * One set at a time, on the component's thread: recover at start, then for each desired set download
 * what is missing, verify all of it, and only when nothing is refused install it under the journal,
 * check its health and either commit it or put the previous set back.
 */
final class RolloutEngine {

    static final String HEALTHY = "healthy";
    static final String REFUSED = "refused";
    static final String ROLLED_BACK = "rolled back";
    static final String FAILED = "failed";

    private final Journal journal;
    private final Store store;
    private final MappingFiles mappings;
    private final BundleInstaller bundles;
    private final ReadingCheck readings;
    private final Supplier<RolloutPortal> portal;
    private final DealerKeys trusted;
    private final Duration health;
    private final long maxBytes;
    private final Logger log;
    /** Outcomes not yet delivered to the portal (it was away or failed). */
    private final List<RolloutStatus> undelivered = new ArrayList<>();
    private static final int MAX_DELIVERIES = 5;
    private int failedDeliveries;
    /** Sets whose recorded outcome was sent during this run. */
    private final Set<String> told = new HashSet<>();
    private volatile String summary = "no set from the portal yet";
    /** Set once a restart of the framework is under way: nothing more is worked until it has happened. */
    private volatile boolean restarting;

    RolloutEngine(Journal journal, Store store, MappingFiles mappings, BundleInstaller bundles, ReadingCheck readings,
                  Supplier<RolloutPortal> portal, DealerKeys trusted, Duration health, long maxBytes, Logger log) {
        this.journal = journal;
        this.store = store;
        this.mappings = mappings;
        this.bundles = bundles;
        this.readings = readings;
        this.portal = portal;
        this.trusted = trusted;
        this.health = health;
        this.maxBytes = maxBytes;
        this.log = log;
    }

    String summary() {
        return summary;
    }

    /**
     * Puts the set in force back into the framework (the cache is cleaned at every start) and, when a
     * journal says an install was under way, undoes it: the set in force is still the previous one.
     */
    void recover() throws IOException, BundleException, InterruptedException {
        Journal.State state = journal.state();
        Optional<Journal.Pending> pending = journal.pending();
        List<Installed> managed = new ArrayList<>(state.entries());
        pending.ifPresent(p -> {
            managed.addAll(p.next());
            managed.addAll(p.previous().entries());
        });
        if (pending.isPresent() && !pending.get().restart().isEmpty() && afterRestart(state, pending.get(), managed)) {
            return;
        }
        mappings.apply(state.entries(), managed);
        List<BundleInstaller.Deferred> deferred = bundles.deferred(state.entries(), managed);
        List<Bundle> changed = bundles.apply(state.entries(), managed, symbolicNames(deferred));
        String startFailure = bundles.start(changed);
        if (startFailure != null) {
            log.error("the set in force does not start again: " + startFailure);
        }
        if (pending.isPresent()) {
            String reason = "the agent stopped while installing set " + pending.get().setId()
                    + " (killed or power lost); the previous set " + describe(state) + " is back";
            journal.record(state.outcome(pending.get().setId(), ROLLED_BACK, reason));
            log.warn(reason);
            tell(new RolloutStatus(pending.get().setId(), ROLLED_BACK, reason, items(pending.get().next(), ROLLED_BACK, reason)));
        }
        if (!deferred.isEmpty()) {
            // a cleaned start runs the shipped jars: the set's versions of the bundles the agent runs on come back by a restart
            journal.begin(new Journal.Pending(state.setId(), state, state.entries()).restarting(Journal.Pending.RESTORE, bundles.activeShipped(), ""));
            summary = "set " + describe(state) + ": restarting the framework to put back " + describeAll(deferred);
            log.info(summary);
            restart(deferred);
            return;
        }
        summary = "set " + describe(state) + " in force";
    }

    /**
     * Finishes what a restart of the framework was for. Returns false when the restart did not apply
     * the new set (the process started anew, which cleans the bundle cache, or an update failed): the
     * journal is then closed with {@code rolled back} and the caller puts the set in force back as after
     * any interrupted install.
     */
    private boolean afterRestart(Journal.State state, Journal.Pending pending, List<Installed> managed)
            throws IOException, BundleException, InterruptedException {
        switch (pending.restart()) {
            case Journal.Pending.APPLY: {
                List<BundleInstaller.Deferred> left = bundles.deferred(pending.next(), managed);
                if (!left.isEmpty()) {
                    String reason = "set " + pending.setId() + " was not applied by the restart (" + describeAll(left)
                            + " not made: the agent process started anew, or an update failed); the previous set " + describe(state) + " is back";
                    journal.record(state.outcome(pending.setId(), ROLLED_BACK, reason));
                    log.warn(reason);
                    tell(new RolloutStatus(pending.setId(), ROLLED_BACK, reason, items(pending.next(), ROLLED_BACK, reason)));
                    return false;
                }
                mappings.apply(pending.next(), managed);
                List<Bundle> changed = new ArrayList<>(bundles.apply(pending.next(), managed));
                String reason = bundles.start(changed);
                changed.addAll(bundles.named(pending.next().stream().filter(Installed::bundle).map(Installed::symbolicName)
                        .filter(bundles.restartBound()::contains).toList()));
                if (reason == null) {
                    reason = bundles.unhealthy(changed, health);
                }
                if (reason == null) {
                    reason = bundles.notActive(pending.activeBefore(), health);
                }
                String evidence = "";
                if (reason == null) {
                    ReadingCheck.Outcome read = readings.check(changed, newMappings(pending.previous(), pending.next()), health);
                    reason = read.failure();
                    evidence = String.join("; ", read.evidence());
                }
                if (reason == null) {
                    healthy(pending.setId(), pending.next(), "applied by a restart of the framework" + (evidence.isEmpty() ? "" : "; " + evidence));
                    return true;
                }
                log.error("set " + pending.setId() + " is unhealthy after the restart: " + reason + "; the previous set is put back");
                mappings.apply(pending.previous().entries(), managed);
                List<BundleInstaller.Deferred> back = bundles.deferred(pending.previous().entries(), managed);
                bundles.start(bundles.apply(pending.previous().entries(), managed, symbolicNames(back)));
                if (back.isEmpty()) {
                    rolledBack(pending.setId(), pending.previous(), pending.next(), reason);
                    return true;
                }
                journal.begin(pending.restarting(Journal.Pending.ROLL_BACK, pending.activeBefore(), reason));
                summary = "set " + pending.setId() + " unhealthy: restarting the framework to put back " + describeAll(back);
                restart(back);
                return true;
            }
            case Journal.Pending.ROLL_BACK: {
                mappings.apply(pending.previous().entries(), managed);
                List<BundleInstaller.Deferred> left = bundles.deferred(pending.previous().entries(), managed);
                bundles.start(bundles.apply(pending.previous().entries(), managed, symbolicNames(left)));
                if (!left.isEmpty()) {
                    log.error("the restart did not put back " + describeAll(left) + "; a restart of the agent's process runs its shipped jars");
                }
                rolledBack(pending.setId(), pending.previous(), pending.next(), pending.reason());
                return true;
            }
            default: {
                mappings.apply(state.entries(), managed);
                List<BundleInstaller.Deferred> left = bundles.deferred(state.entries(), managed);
                bundles.start(bundles.apply(state.entries(), managed, symbolicNames(left)));
                journal.record(state);
                if (!left.isEmpty()) {
                    // tried once per start: a loop of restarts would help nobody
                    log.error("the restart did not put back " + describeAll(left) + " of set " + describe(state) + "; it runs its shipped jars");
                }
                summary = "set " + describe(state) + " in force";
                return true;
            }
        }
    }

    private void restart(List<BundleInstaller.Deferred> changes) throws IOException {
        restarting = true;
        bundles.restartWith(changes, problem -> log.error("rollout restart: " + problem));
    }

    private static Set<String> symbolicNames(List<BundleInstaller.Deferred> deferred) {
        Set<String> names = new HashSet<>();
        deferred.forEach(d -> names.add(d.bundle().getSymbolicName()));
        return names;
    }

    private static String describeAll(List<BundleInstaller.Deferred> deferred) {
        return String.join(", ", deferred.stream().map(BundleInstaller.Deferred::describe).toList());
    }

    /** The mapping files of {@code next} that {@code previous} did not have with the same bytes. */
    private static List<Installed> newMappings(Journal.State previous, List<Installed> next) {
        Set<String> before = new HashSet<>(previous.entries().stream().map(Installed::sha256).toList());
        return next.stream().filter(e -> !e.bundle() && !before.contains(e.sha256())).toList();
    }

    private static String describe(Journal.State state) {
        return (state.setId().isEmpty() ? "(none)" : state.setId()) + " (" + state.entries().size() + " artifacts)";
    }

    /** Works the set through to an outcome; returns false when a download failed and the set is to be tried again later. */
    boolean handle(DesiredSet set) throws IOException, InterruptedException {
        if (restarting) {
            // the framework restarts in a moment; the set comes again with the site configuration after it
            return true;
        }
        deliver();
        Journal.State state = journal.state();
        if (set.setId().equals(state.setId()) || set.setId().equals(state.lastSetId())) {
            // in force, or already decided: a set is tried once; the portal sends a new id to try again
            if (told.add(set.setId()) && set.setId().equals(state.lastSetId()) && !state.lastOutcome().isEmpty()) {
                tell(new RolloutStatus(set.setId(), state.lastOutcome(), state.lastReason(), List.of()));
            }
            return true;
        }
        summary = "set " + set.setId() + ": downloading";
        tell(new RolloutStatus(set.setId(), "downloading", "", List.of()));
        DealerKeys keys = keys();
        Map<DesiredArtifact, String> refusals = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        List<Installed> managed = new ArrayList<>(state.entries());
        set.items().forEach(a -> managed.add(Installed.of(a)));
        for (DesiredArtifact artifact : set.items()) {
            String refusal;
            try {
                refusal = check(artifact, state, keys, names);
            } catch (IOException e) {
                String reason = artifact.symbolicName() + " " + artifact.version() + ": the download failed: " + e.getMessage();
                summary = "set " + set.setId() + ": " + reason;
                log.warn("set " + set.setId() + ": " + reason + "; tried again later");
                tell(new RolloutStatus(set.setId(), FAILED, reason, List.of()));
                return false;
            }
            if (refusal != null) {
                refusals.put(artifact, refusal);
            }
        }
        if (!refusals.isEmpty()) {
            refuse(set, state, refusals);
            return true;
        }
        install(set, state, managed);
        return true;
    }

    private String check(DesiredArtifact artifact, Journal.State state, DealerKeys keys, Set<String> names)
            throws IOException {
        String malformed = Verifier.fields(artifact).malformed();
        if (malformed != null) {
            return malformed;
        }
        if (!names.add(artifact.kind() + ":" + artifact.symbolicName())) {
            return "the set lists " + artifact.symbolicName() + " twice";
        }
        if (artifact.size() > maxBytes) {
            return "its size " + artifact.size() + " is above the limit of " + maxBytes + " bytes (maxArtifactMiB)";
        }
        Installed inForce = state.entries().stream()
                .filter(e -> e.kind().equals(artifact.kind()) && e.symbolicName().equals(artifact.symbolicName())).findFirst().orElse(null);
        boolean bundle = DesiredArtifact.BUNDLE.equals(artifact.kind());
        if (bundle) {
            String untouchable = bundles.untouchable(artifact.symbolicName());
            if (untouchable != null) {
                return untouchable;
            }
        } else if (mappings.foreign(artifact.symbolicName() + ".mapping.xml", state.entries())) {
            return "deploy/" + artifact.symbolicName() + ".mapping.xml is a local file the portal did not put there; it is not replaced";
        }
        if (inForce != null && inForce.version().equals(artifact.version()) && !inForce.sha256().equals(artifact.sha256())) {
            return "version " + artifact.version() + " is installed with other content; a changed artifact needs a new version";
        }
        if (!store.has(artifact.sha256())) {
            RolloutPortal connection = portal.get();
            if (connection == null) {
                throw new IOException("the agent is not connected to the portal (not activated yet)");
            }
            try (InputStream in = connection.download(artifact)) {
                String refused = store.put(in, artifact.sha256(), artifact.size());
                if (refused != null) {
                    return refused;
                }
            }
        }
        String installed = bundle ? bundles.installedVersion(artifact.symbolicName()) : inForce == null ? null : inForce.version();
        return new Verifier(keys).refusal(artifact, store.file(artifact.sha256()), installed);
    }

    private DealerKeys keys() {
        RolloutPortal connection = portal.get();
        DealerKeys pinned = DealerKeys.of(List.of(), "");
        if (connection != null) {
            try {
                pinned = DealerKeys.of(connection.pinnedKeys(), "the keys pinned at activation");
            } catch (IllegalArgumentException e) {
                log.error(e.getMessage());
            }
        }
        return pinned.plus(trusted);
    }

    private void refuse(DesiredSet set, Journal.State state, Map<DesiredArtifact, String> refusals) throws IOException {
        List<RolloutStatus.Item> items = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (DesiredArtifact artifact : set.items()) {
            String refusal = refusals.get(artifact);
            if (refusal != null) {
                reasons.add(artifact.symbolicName() + " " + artifact.version() + ": " + refusal);
            }
            items.add(new RolloutStatus.Item(artifact.symbolicName(), artifact.version(), REFUSED,
                    refusal != null ? refusal : "not installed: another artifact of the set was refused"));
        }
        String reason = "nothing installed: " + String.join("; ", reasons);
        journal.record(state.outcome(set.setId(), REFUSED, reason));
        summary = "set " + set.setId() + " refused: " + reason + "; set " + describe(state) + " stays in force";
        log.error("the portal's set " + set.setId() + " is refused, " + reason);
        tell(new RolloutStatus(set.setId(), REFUSED, reason, items));
    }

    private void install(DesiredSet set, Journal.State state, List<Installed> managed) throws IOException, InterruptedException {
        List<Installed> next = set.items().stream().map(Installed::of).toList();
        Journal.Pending pending = new Journal.Pending(set.setId(), state, next);
        journal.begin(pending);
        List<BundleInstaller.Deferred> deferred = bundles.deferred(next, managed);
        String reason;
        String evidence = "";
        List<Bundle> changed = List.of();
        try {
            mappings.apply(next, managed);
            changed = bundles.apply(next, managed, symbolicNames(deferred));
            reason = bundles.start(changed);
            if (reason == null) {
                summary = "set " + set.setId() + ": installed, checking its health";
                tell(new RolloutStatus(set.setId(), "installed", "", items(next, "installed", "")));
                reason = bundles.unhealthy(changed, health);
            }
            if (reason == null && !deferred.isEmpty()) {
                String why = describeAll(deferred) + ": the running agent is built on " + (deferred.size() == 1 ? "it" : "them")
                        + ", so the change is applied by Restart Agent: the framework restarts now and the set's health is checked after it";
                journal.begin(pending.restarting(Journal.Pending.APPLY, bundles.activeShipped(), ""));
                summary = "set " + set.setId() + ": " + why;
                log.info("set " + set.setId() + ": " + why);
                tell(new RolloutStatus(set.setId(), "installed", why, items(next, "installed", why)));
                restart(deferred);
                return;
            }
            if (reason == null) {
                ReadingCheck.Outcome read = readings.check(changed, newMappings(state, next), health);
                reason = read.failure();
                evidence = String.join("; ", read.evidence());
            }
        } catch (BundleException | IllegalStateException | IOException e) {
            reason = "the install failed: " + e.getMessage();
        }
        if (reason == null) {
            healthy(set.setId(), next, evidence);
            return;
        }
        try {
            mappings.apply(state.entries(), managed);
            String again = bundles.start(bundles.apply(state.entries(), managed, symbolicNames(deferred)));
            if (again != null) {
                log.error("after the rollback the previous set does not start again: " + again);
            }
        } catch (BundleException | IllegalStateException | IOException e) {
            log.error("the rollback of set " + set.setId() + " failed: " + e.getMessage() + "; the next start puts the previous set back");
            throw new IOException("rollback failed", e);
        }
        rolledBack(set.setId(), state, next, reason);
    }

    private void healthy(String setId, List<Installed> next, String evidence) throws IOException {
        journal.commit(new Journal.State(setId, next, setId, HEALTHY, evidence));
        store.retainOnly(next.stream().map(Installed::sha256).toList());
        summary = "set " + setId + " (" + next.size() + " artifacts) in force, healthy since " + Instant.now() + (evidence.isEmpty() ? "" : ": " + evidence);
        log.info("set " + setId + " installed and healthy: " + names(next) + (evidence.isEmpty() ? "" : "; " + evidence));
        tell(new RolloutStatus(setId, HEALTHY, evidence, items(next, HEALTHY, "")));
    }

    private void rolledBack(String setId, Journal.State previous, List<Installed> next, String reason) throws IOException {
        journal.record(previous.outcome(setId, ROLLED_BACK, reason));
        summary = "set " + setId + " rolled back: " + reason + "; set " + describe(previous) + " in force";
        log.error("set " + setId + " rolled back: " + reason);
        tell(new RolloutStatus(setId, ROLLED_BACK, reason, items(next, ROLLED_BACK, reason)));
    }

    private static List<RolloutStatus.Item> items(List<Installed> entries, String state, String reason) {
        return entries.stream().map(e -> new RolloutStatus.Item(e.symbolicName(), e.version(), state, reason)).toList();
    }

    private static String names(List<Installed> entries) {
        return entries.isEmpty() ? "(empty set)" : String.join(", ", entries.stream().map(e -> e.symbolicName() + " " + e.version()).toList());
    }

    /** Sends a status, or keeps it for when the portal is back; only the latest per set is kept. */
    synchronized void tell(RolloutStatus status) {
        undelivered.removeIf(s -> s.setId().equals(status.setId()));
        undelivered.add(status);
        deliver();
    }

    synchronized void deliver() {
        RolloutPortal connection = portal.get();
        if (connection == null) {
            return;
        }
        while (!undelivered.isEmpty()) {
            RolloutStatus status = undelivered.get(0);
            try {
                connection.status(status);
                undelivered.remove(0);
            } catch (IOException | RuntimeException e) {
                // one the portal refuses for good (e.g. 404 for a set it no longer hands out) must not
                // hold back the ones behind it for ever
                if (++failedDeliveries >= MAX_DELIVERIES) {
                    undelivered.remove(0);
                    failedDeliveries = 0;
                    log.error("rollout status " + status.state() + " of set " + status.setId() + " dropped after " + MAX_DELIVERIES
                            + " failed deliveries: " + e.getMessage());
                    continue;
                }
                log.warn("rollout status of set " + status.setId() + " not delivered: " + e.getMessage() + "; sent again later");
                return;
            }
            failedDeliveries = 0;
        }
    }
}
