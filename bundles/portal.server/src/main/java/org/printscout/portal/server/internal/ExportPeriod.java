package org.printscout.portal.server.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * The period of a meter export, from a request's parameters: {@code month=2026-11} (a calendar
 * month), or {@code from=2026-11-01&to=2026-12-01} (dates, {@code to} not included), each at
 * midnight in {@code zone} (an IANA zone such as {@code Europe/Berlin}; UTC when absent). Without
 * either, the previous calendar month. At most {@link #MAX_DAYS} days.
 */
record ExportPeriod(Instant from, Instant to, String label) {

    static final int MAX_DAYS = 400;

    /** A parameter that cannot be read, with a message that says what is expected. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static ExportPeriod parse(Function<String, String> parameter, Clock clock) throws Refused {
        String zoneText = parameter.apply("zone");
        ZoneId zone;
        try {
            zone = zoneText == null || zoneText.isBlank() ? ZoneOffset.UTC : ZoneId.of(zoneText.strip());
        } catch (DateTimeException e) {
            throw new Refused("zone must be an IANA time zone such as Europe/Berlin, or absent for UTC");
        }
        String month = parameter.apply("month");
        String fromText = parameter.apply("from");
        String toText = parameter.apply("to");
        LocalDate from;
        LocalDate to;
        String label;
        try {
            if (month != null && !month.isBlank()) {
                YearMonth m = YearMonth.parse(month.strip());
                from = m.atDay(1);
                to = m.plusMonths(1).atDay(1);
                label = m.toString();
            } else if (fromText != null && !fromText.isBlank() && toText != null && !toText.isBlank()) {
                from = LocalDate.parse(fromText.strip());
                to = LocalDate.parse(toText.strip());
                label = from + " to " + to;
            } else if ((fromText == null || fromText.isBlank()) && (toText == null || toText.isBlank())) {
                YearMonth previous = YearMonth.now(clock.withZone(zone)).minusMonths(1);
                from = previous.atDay(1);
                to = previous.plusMonths(1).atDay(1);
                label = previous.toString();
            } else {
                throw new Refused("give both from and to (dates, to not included), or month");
            }
        } catch (DateTimeException e) {
            throw new Refused("month is YYYY-MM, from and to are YYYY-MM-DD");
        }
        if (!from.isBefore(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new Refused("the period must end after it starts and last at most " + MAX_DAYS + " days");
        }
        return new ExportPeriod(from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant(),
                zone.equals(ZoneOffset.UTC) ? label : label + " (" + zone + ")");
    }
}
