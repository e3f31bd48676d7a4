package org.printscout.control.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Wrong secrets on the control channel: each is answered after a delay that doubles with the
 * failures of the last minute (50 ms to 2 s), and they are logged as a summary: the first of a quiet
 * period at once, then at most one line a minute with the count.
 */
final class WrongSecrets {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private final Clock clock;
    private final Consumer<String> log;
    private Instant windowStart = Instant.MIN;
    private int inWindow;
    private int unreported;
    private Instant lastReport = Instant.MIN;

    WrongSecrets(Clock clock, Consumer<String> log) {
        this.clock = clock;
        this.log = log;
    }

    /** Counts one failure; returns how long to wait before answering it. */
    synchronized Duration failed() {
        Instant now = clock.instant();
        if (now.isAfter(windowStart.plus(WINDOW))) {
            windowStart = now;
            inWindow = 0;
        }
        inWindow++;
        unreported++;
        if (lastReport.plus(WINDOW).isBefore(now)) {
            log.accept(unreported == 1 ? "control channel: refused a connection with a wrong secret"
                    : "control channel: refused " + unreported + " connections with a wrong secret since " + lastReport);
            unreported = 0;
            lastReport = now;
        }
        long millis = 50L << Math.min(inWindow - 1, 10);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }
}
