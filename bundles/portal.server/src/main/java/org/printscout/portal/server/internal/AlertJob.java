package org.printscout.portal.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Evaluates the alert rules and sends the due notifications every {@code intervalSeconds}, on one
 * thread of its own (PID {@value #PID}); holds the alert store and the webhook checks the alerts page
 * uses.
 */
@Component(service = AlertJob.class, immediate = true, configurationPid = AlertJob.PID)
@Designate(ocd = AlertConfig.class)
public final class AlertJob {

    static final String PID = "org.printscout.portal.alerts";

    private final AlertStore store;
    private final AlertRules rules;
    private final Notifier notifier;
    private final WebhookSender webhooks;
    private final ScheduledExecutorService scheduler;
    private final Logger log;

    @Activate
    public AlertJob(@Reference PortalComponent portal, @Reference(service = LoggerFactory.class) Logger log, AlertConfig config) throws Exception {
        this.log = log;
        Clock clock = Clock.systemUTC();
        this.store = new AlertStore(portal.dataSource(), clock);
        this.rules = new AlertRules(portal.dataSource(), store, clock);
        this.webhooks = new WebhookSender(config.allowPrivateWebhooks(), Duration.ofSeconds(10));
        Notifier.Mail mail = null;
        if (!config.smtpHost().isBlank()) {
            MailSender sender = new MailSender(new MailSender.Settings(config.smtpHost().strip(),
                    ConfigValues.range(PID, "smtpPort", config.smtpPort(), 1, 65535),
                    config.smtpSecurity().equals("tls") ? MailSender.Security.TLS : MailSender.Security.STARTTLS, config.smtpUser(),
                    config.smtpPassword(), config.smtpFrom(), config.smtpTrustStore(), config.smtpTrustStorePassword(), Duration.ofSeconds(30)));
            mail = sender::send;
        }
        this.notifier = new Notifier(store, mail, webhooks, clock,
                Duration.ofSeconds(ConfigValues.range(PID, "retryBackOffSeconds", config.retryBackOffSeconds(), 1, 3600)),
                ConfigValues.range(PID, "maxAttempts", config.maxAttempts(), 1, 50));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "portal-alerts");
            thread.setDaemon(true);
            return thread;
        });
        int interval = ConfigValues.range(PID, "intervalSeconds", config.intervalSeconds(), 1, 3600);
        scheduler.scheduleWithFixedDelay(this::round, 1, interval, TimeUnit.SECONDS);
        log.info("portal alerts: rules evaluated every " + interval + " s; mail " + (mail == null ? "off (no smtpHost)" : "via "
                + config.smtpHost() + ":" + config.smtpPort() + " " + config.smtpSecurity()) + "; private webhook targets "
                + (config.allowPrivateWebhooks() ? "allowed" : "refused"));
    }

    /** One evaluation and send; a failure is logged and the next round tries again. */
    void round() {
        try {
            int[] changed = rules.evaluate(AlertRules.nextDigest(java.time.Instant.now()));
            int sent = notifier.run();
            if (changed[0] + changed[1] + sent > 0) {
                log.info("portal alerts: " + changed[0] + " opened, " + changed[1] + " closed, " + sent + " notification(s) sent");
            }
        } catch (Exception | StackOverflowError e) {
            log.error("portal alerts: a round failed: " + e, e);
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    AlertStore store() {
        return store;
    }

    WebhookSender webhooks() {
        return webhooks;
    }
}
