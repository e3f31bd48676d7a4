package org.printscout.upload.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.printscout.api.config.ConfigurationChecker;
import org.printscout.api.report.ReportSpool;
import org.printscout.api.report.SpooledReport;
import org.printscout.api.rollout.DesiredSet;

/**
 * The agent's life with its portal, on one thread: activate (once; the identity is kept), fetch the
 * site configuration and apply it, and only then name the agent in the report configuration, which
 * is what starts reports being written. From then on: upload the spool oldest first, and poll the
 * site configuration with its ETag. Every failure waits an exponential back-off with jitter and
 * tries again; nothing is half-applied (a site configuration that does not parse changes nothing).
 * Once the identity is known it is handed to {@code activated} (the component offers the command
 * queue from then on).
 */
final class AgentLoop implements Runnable {

    /** Where messages go; the component passes its OSGi logger. */
    interface Log {
        void info(String message);

        void warn(String message);

        void error(String message);

        static Log of(java.util.function.Consumer<String> info, java.util.function.Consumer<String> warn,
                      java.util.function.Consumer<String> error) {
            return new Log() {
                @Override
                public void info(String message) {
                    info.accept(message);
                }

                @Override
                public void warn(String message) {
                    warn.accept(message);
                }

                @Override
                public void error(String message) {
                    error.accept(message);
                }
            };
        }
    }

    record Timing(Duration uploadInterval, Duration configPoll, Duration retryBase, Duration retryMax) {
    }

    private final PortalClient client;
    private final String portal;
    private final String activationKey;
    private final IdentityStore identityStore;
    private final ConfigApplier applier;
    private final ConfigurationChecker checker;
    private final Supplier<ReportSpool> spool;
    private final Consumer<PortalClient.Identity> activated;
    private final Timing timing;
    private final Log log;
    private final Clock clock;
    private final Backoff backoff;
    private final Object wakeUp = new Object();
    private volatile boolean stopped;
    private volatile String state = "starting";
    private PortalClient.Identity identity;
    private String etag;
    private boolean configured;
    /** The ETag of a document refused as a whole: asked for again with If-None-Match, so it is not re-evaluated and re-logged at every poll. */
    private String refusedEtag;
    private String configState = "no site configuration yet";
    /** The last document applied, kept while part of it waits for a bundle that describes it. */
    private String heldBackDocument;
    private Set<String> heldBack = Set.of();
    private Instant nextConfigPoll = Instant.MIN;
    private long uploaded;
    private long setAside;
    /** Takes the document's desired set of artifacts; false when no rollout bundle is there to take it. */
    private volatile Predicate<DesiredSet> rollout = set -> false;
    private volatile DesiredSet desiredArtifacts;
    private String artifactsNote = "";

    AgentLoop(PortalClient client, String portal, String activationKey, IdentityStore identityStore, ConfigApplier applier,
              ConfigurationChecker checker, Supplier<ReportSpool> spool, Consumer<PortalClient.Identity> activated, Timing timing, Log log, Clock clock,
              RandomGenerator random) {
        this.client = client;
        this.portal = portal;
        this.activationKey = activationKey;
        this.identityStore = identityStore;
        this.applier = applier;
        this.checker = checker;
        this.spool = spool;
        this.activated = activated;
        this.timing = timing;
        this.log = log;
        this.clock = clock;
        this.backoff = new Backoff(timing.retryBase(), timing.retryMax(), random);
    }

    @Override
    public void run() {
        while (!stopped) {
            Duration pause;
            try {
                step();
                backoff.succeeded();
                Duration toPoll = Duration.between(clock.instant(), nextConfigPoll);
                pause = toPoll.compareTo(timing.uploadInterval()) < 0 ? toPoll : timing.uploadInterval();
            } catch (PortalException e) {
                pause = backoff.failed();
                String message = describe(e) + "; trying again in " + seconds(pause) + " s (attempt "
                        + backoff.failures() + ")";
                state = message;
                if (e.reason() == PortalException.Reason.UNREACHABLE || e.reason() == PortalException.Reason.PORTAL_ERROR) {
                    log.warn(message);
                } else {
                    log.error(message);
                }
            } catch (IOException | RuntimeException e) {
                pause = backoff.failed();
                state = "failed: " + e;
                log.error("portal connection failed: " + e + "; trying again in " + seconds(pause) + " s");
            }
            pause(pause);
        }
    }

    private static String seconds(Duration pause) {
        return String.format(java.util.Locale.ROOT, "%.1f", pause.toMillis() / 1000.0);
    }

    private String describe(PortalException e) {
        switch (e.reason()) {
            case KEY_REJECTED:
                return "activation failed: " + e.getMessage() + ". Check activationKey of " + UploadComponent.PID;
            case UNREACHABLE:
                return (identity == null ? "activation" : "portal connection") + " failed: " + e.getMessage();
            default:
                return e.getMessage();
        }
    }

    void step() throws PortalException, IOException {
        if (identity == null) {
            activate();
        }
        if (!configured || !clock.instant().isBefore(nextConfigPoll)) {
            syncConfiguration();
        }
        uploadPending();
        state = "running as agent " + identity.agentId() + " (site " + identity.siteId() + "), " + uploaded
                + " reports uploaded since start" + (setAside == 0 ? "" : ", " + setAside + " refused by the portal and set aside")
                + "\n" + configState;
    }

    private void activate() throws PortalException, IOException {
        Optional<PortalClient.Identity> stored = identityStore.load(portal, activationKey);
        if (stored.isPresent()) {
            identity = stored.get();
        } else {
            state = "activating at " + portal;
            PortalClient.Identity fresh = client.activate(activationKey, hostname());
            identityStore.save(portal, activationKey, fresh);
            identity = fresh;
            log.info("activated at " + portal + " as agent " + fresh.agentId() + " of site " + fresh.siteId());
        }
        activated.accept(identity);
    }

    /**
     * Fetches the site configuration and applies it, or refuses it as a whole. A refused document
     * changes nothing (the previous one stays in force), its reason is logged once and sent to the
     * portal, and uploads go on: a bad document must not stop readings from reaching the portal.
     */
    private void syncConfiguration() throws PortalException, IOException {
        String known = refusedEtag != null ? refusedEtag : configured ? etag : null;
        Optional<PortalClient.SiteConfig> fetched = client.siteConfig(identity, known);
        if (fetched.isPresent()) {
            evaluate(fetched.get().etag(), fetched.get().json());
        } else if (heldBackDocument != null && heldBack.stream().anyMatch(checker::describes)) {
            // a bundle arrived that describes a configuration held back: apply the same document again
            evaluate(etag, heldBackDocument);
        }
        nextConfigPoll = clock.instant().plus(timing.configPoll());
    }

    private void evaluate(String documentEtag, String json) throws PortalException, IOException {
        SiteConfiguration site;
        try {
            site = SiteConfiguration.parse(json, checker);
        } catch (IllegalArgumentException e) {
            refusedEtag = documentEtag;
            configState = "site configuration " + documentEtag + " refused: " + e.getMessage()
                    + (configured ? "; the previous one (" + etag + ") stays in force" : "; no reports are made until a valid one arrives");
            log.error("the portal's " + configState);
            reportConfigStatus(documentEtag, false, e.getMessage());
            return;
        }
        Set<String> changed = applier.apply(site);
        String siteId = site.siteId().isEmpty() ? identity.siteId() : site.siteId();
        if (applier.setReportOrigin(identity.agentId(), siteId)) {
            changed.add(UploadComponent.REPORT_PID);
        }
        boolean sameHeldBack = heldBack.equals(site.heldBack());
        String artifacts = artifacts(site.artifacts());
        boolean sameArtifactsNote = artifacts.equals(artifactsNote);
        artifactsNote = artifacts;
        etag = documentEtag;
        refusedEtag = null;
        heldBack = Set.copyOf(site.heldBack());
        heldBackDocument = heldBack.isEmpty() ? null : json;
        String note = (heldBack.isEmpty() ? "" : "; not applied until a bundle that describes it is installed: " + String.join(", ", heldBack))
                + (artifacts.isEmpty() ? "" : "; " + artifacts);
        configState = "site configuration " + etag + " applied" + note;
        if (!changed.isEmpty() || !sameHeldBack || !sameArtifactsNote) {
            log.info("site configuration " + etag + " applied: " + (changed.isEmpty() ? "nothing changed" : String.join(", ", changed)) + note);
        }
        if (!configured || !changed.isEmpty() || !sameHeldBack || !sameArtifactsNote) {
            reportConfigStatus(etag, true, note.isEmpty() ? "" : note.substring(2));
        }
        configured = true;
    }

    /**
     * Hands a desired set to the rollout bundle; returns what the configuration status says of the
     * member (empty when there is nothing to say). An absent member changes nothing.
     */
    private String artifacts(DesiredArtifacts.Member member) {
        if (member.refusal() != null) {
            return "artifacts refused: " + member.refusal() + " (the set in force stays)";
        }
        if (member.set() == null) {
            return "";
        }
        desiredArtifacts = member.set();
        return rollout.test(member.set()) ? "" : "artifacts: set " + member.set().setId() + " waits for the rollout bundle";
    }

    /** Where desired sets go from now on; the last one seen is handed over at once. */
    void rollout(Predicate<DesiredSet> sink) {
        rollout = sink;
        DesiredSet last = desiredArtifacts;
        if (last != null) {
            sink.test(last);
        }
    }

    /** Tells the portal what became of a document; a portal without the endpoint is not an error. */
    private void reportConfigStatus(String documentEtag, boolean applied, String reason) throws PortalException {
        try {
            client.configStatus(identity, documentEtag, applied, reason);
        } catch (PortalException e) {
            if (e.reason() != PortalException.Reason.REJECTED) {
                throw e;
            }
        }
    }

    private void uploadPending() throws PortalException, IOException {
        ReportSpool reports = spool.get();
        if (reports == null) {
            return;
        }
        List<SpooledReport> pending = reports.pending();
        for (SpooledReport report : pending) {
            if (stopped) {
                return;
            }
            byte[] zipped;
            try {
                zipped = reports.read(report);
            } catch (NoSuchFileException e) {
                continue;
            }
            try {
                PortalClient.UploadOutcome outcome = client.upload(identity, report.id(), zipped);
                reports.acknowledge(report);
                uploaded++;
                if (outcome == PortalClient.UploadOutcome.ALREADY_STORED) {
                    log.info("report " + report.id() + " was already at the portal (an earlier answer was lost); removed from the spool");
                }
            } catch (PortalException e) {
                if (e.reason() != PortalException.Reason.REJECTED) {
                    throw e;
                }
                // Refused for good (4xx): it can never be stored, so it must not hold back the ones
                // behind it. Set aside, never deleted: an administrator finds it with its reason.
                reports.setAside(report, e.getMessage());
                setAside++;
                log.error("the portal refused report " + report.id() + " of " + report.created() + ": " + e.getMessage()
                        + "; it is set aside (scout:status) and the next reports go on");
            }
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void pause(Duration duration) {
        long millis = Math.max(1, duration.toMillis());
        synchronized (wakeUp) {
            if (stopped) {
                return;
            }
            try {
                wakeUp.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }

    /** Cuts the current pause short (a new report, or stopping). */
    void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    void stop() {
        stopped = true;
        wake();
    }

    String state() {
        return state;
    }

    boolean configured() {
        return configured;
    }
}
