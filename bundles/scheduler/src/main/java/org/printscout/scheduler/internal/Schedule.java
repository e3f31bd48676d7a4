package org.printscout.scheduler.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The configured times, validated, and the arithmetic on them; pure, so that tests drive it with any
 * clock. Bad values are refused with the key named.
 *
 * @param statusInterval null when status scans are off
 * @param commandPoll null when off
 */
record Schedule(boolean meterScanEnabled, LocalTime meterScanTime, ZoneId zone, Duration statusInterval,
                Duration commandPoll) {

    static Schedule of(SchedulerConfig config) {
        LocalTime time;
        try {
            time = LocalTime.parse(config.meterScanTime().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("meterScanTime: '" + config.meterScanTime() + "' is not a time of day HH:mm or HH:mm:ss");
        }
        ZoneId zone;
        try {
            zone = config.timeZone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.timeZone().strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone: '" + config.timeZone() + "' is not a time zone (e.g. Europe/Berlin, UTC)");
        }
        return new Schedule(config.meterScanEnabled(), time, zone, minutes("statusIntervalMinutes", config.statusIntervalMinutes()),
                seconds("commandPollSeconds", config.commandPollSeconds()));
    }

    private static Duration minutes(String key, double minutes) {
        if (minutes < 0 || Double.isNaN(minutes) || Double.isInfinite(minutes)) {
            throw new IllegalArgumentException(key + ": " + minutes + " is not 0 (never) or a positive number of minutes");
        }
        return minutes == 0 ? null : Duration.ofMillis(Math.max(100, Math.round(minutes * 60_000)));
    }

    private static Duration seconds(String key, int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException(key + ": " + seconds + " is not 0 (never) or a positive number of seconds");
        }
        return seconds == 0 ? null : Duration.ofSeconds(seconds);
    }

    /** The first meter scan time strictly after {@code after}. */
    Instant nextMeterScan(Instant after) {
        ZonedDateTime local = after.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), meterScanTime, zone);
        if (!candidate.toInstant().isAfter(after)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), meterScanTime, zone);
        }
        return candidate.toInstant();
    }

    /** The last meter scan time at or before {@code now}. */
    Instant previousMeterScan(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), meterScanTime, zone);
        if (candidate.toInstant().isAfter(now)) {
            candidate = ZonedDateTime.of(local.toLocalDate().minusDays(1), meterScanTime, zone);
        }
        return candidate.toInstant();
    }

    /**
     * True when a scheduled meter scan passed while the agent was down: the last scan (or, on a first
     * start, the moment the agent first ran) is older than the latest scheduled time.
     */
    boolean missedMeterScan(Instant lastScanOrFirstStart, Instant now) {
        return meterScanEnabled && lastScanOrFirstStart.isBefore(previousMeterScan(now));
    }
}
