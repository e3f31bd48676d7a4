package org.printscout.upload.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.printscout.report.ReportSpool;
import org.printscout.report.SpooledReport;

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
    private final Supplier<ReportSpool> spool;
    private final Consumer<PortalClient.Identity> activated;
    private final Timing timing;
    private final Log log;
    private final Clock clock;
    private final Backoff backoff;
    private final Object wakeUp = new Object();
    private final Set<String> rejectedReports = new HashSet<>();
    private volatile boolean stopped;
    private volatile String state = "starting";
    private PortalClient.Identity identity;
    private String etag;
    private boolean configured;
    private Instant nextConfigPoll = Instant.MIN;
    private long uploaded;

    AgentLoop(PortalClient client, String portal, String activationKey, IdentityStore identityStore, ConfigApplier applier,
              Supplier<ReportSpool> spool, Consumer<PortalClient.Identity> activated, Timing timing, Log log, Clock clock,
              RandomGenerator random) {
        this.client = client;
        this.portal = portal;
        this.activationKey = activationKey;
        this.identityStore = identityStore;
        this.applier = applier;
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
                + " reports uploaded since start";
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

    private void syncConfiguration() throws PortalException, IOException {
        Optional<PortalClient.SiteConfig> fetched = client.siteConfig(identity, configured ? etag : null);
        if (fetched.isPresent()) {
            SiteConfiguration site;
            try {
                site = SiteConfiguration.parse(fetched.get().json());
            } catch (IllegalArgumentException e) {
                throw new PortalException(PortalException.Reason.REJECTED, "the portal's site configuration was not applied: "
                        + e.getMessage() + (configured ? "; the previous one stays in force" : "; no reports are made until a valid one arrives"));
            }
            Set<String> changed = applier.apply(site);
            String siteId = site.siteId().isEmpty() ? identity.siteId() : site.siteId();
            if (applier.setReportOrigin(identity.agentId(), siteId)) {
                changed.add(UploadComponent.REPORT_PID);
            }
            etag = fetched.get().etag();
            if (!changed.isEmpty()) {
                log.info("site configuration " + etag + " applied: " + String.join(", ", changed));
            }
            configured = true;
        }
        nextConfigPoll = clock.instant().plus(timing.configPoll());
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
            if (rejectedReports.contains(report.id())) {
                continue;
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
                // Kept in the spool (only an acknowledgement deletes a report); skipped until restart
                // so one bad report does not hold back the ones behind it. Eviction ends it eventually.
                rejectedReports.add(report.id());
                log.error("the portal refused report " + report.id() + " of " + report.created() + ": " + e.getMessage()
                        + "; it stays in the spool and is skipped");
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
