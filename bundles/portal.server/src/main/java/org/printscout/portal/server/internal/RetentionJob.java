package org.printscout.portal.server.internal;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Runs the {@link Retention} every {@code intervalMinutes} on a thread of its own (PID {@value #PID}),
 * a bounded number of days per run so a first run over years of history does not hold the database
 * for long; it goes on at the next run.
 */
@Component(service = RetentionJob.class, immediate = true, configurationPid = RetentionJob.PID)
@Designate(ocd = RetentionJob.Config.class)
public final class RetentionJob {

    static final String PID = "org.printscout.portal.retention";

    @ObjectClassDefinition(name = "PrintScout portal history retention", description = "Every reading for rawDays, then daily values, then monthly")
    @interface Config {
        @AttributeDefinition(name = "Every reading (days)", min = "1", max = "3650")
        int rawDays() default 90;

        @AttributeDefinition(name = "Daily values (days)", description = "Older readings keep one value a month", min = "1", max = "36500")
        int dailyDays() default 730;

        @AttributeDefinition(name = "Interval (minutes)", min = "1", max = "1440")
        int intervalMinutes() default 60;

        @AttributeDefinition(name = "Days per run", description = "How many days (or months) one run thins at most", min = "1", max = "100000")
        int maxPeriodsPerRun() default 60;
    }

    private final ScheduledExecutorService scheduler;

    @Activate
    public RetentionJob(@Reference PortalComponent portal, @Reference(service = LoggerFactory.class) Logger log, Config config) {
        int rawDays = ConfigValues.range(PID, "rawDays", config.rawDays(), 1, 3650);
        int dailyDays = ConfigValues.range(PID, "dailyDays", config.dailyDays(), rawDays, 36500);
        int periods = ConfigValues.range(PID, "maxPeriodsPerRun", config.maxPeriodsPerRun(), 1, 100000);
        Retention retention = new Retention(portal.dataSource(), Clock.systemUTC(), rawDays, dailyDays);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "portal-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long started = System.nanoTime();
                Retention.Outcome outcome = retention.run(periods);
                if (outcome.days() + outcome.months() > 0) {
                    log.info("portal retention: " + outcome.days() + " day(s) and " + outcome.months() + " month(s) thinned, "
                            + outcome.meterRows() + " meter and " + outcome.supplyRows() + " supply readings and " + outcome.reports()
                            + " empty reports deleted in " + (System.nanoTime() - started) / 1_000_000 + " ms");
                }
            } catch (Exception e) {
                log.error("portal retention failed (tried again at the next run): " + e, e);
            }
        }, 2, ConfigValues.range(PID, "intervalMinutes", config.intervalMinutes(), 1, 1440) * 60L, TimeUnit.SECONDS);
        log.info("portal retention: every reading for " + rawDays + " days, daily values to " + dailyDays + " days, monthly after");
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }
}
