package org.printscout.responder.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many answers may go out: a token bucket for all senders together and a smaller one per sender
 * address, so a flood (spoofed sources included) gets at most the global rate and one sender cannot
 * use it all. The per-sender table is bounded.
 */
final class AnswerBudget {

    private static final int MAX_SENDERS = 1024;

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }

        boolean take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private final double perSecond;
    private final double perSenderPerSecond;
    private final LongSupplier nanos;
    private final Bucket all;
    private final Map<String, Bucket> senders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    AnswerBudget(double perSecond, double perSenderPerSecond, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.perSenderPerSecond = perSenderPerSecond;
        this.nanos = nanos;
        this.all = new Bucket(burst(perSecond), nanos.getAsLong());
    }

    private static double burst(double rate) {
        return Math.max(1, rate);
    }

    synchronized boolean allow(String sender) {
        long now = nanos.getAsLong();
        Bucket mine = senders.computeIfAbsent(sender, k -> new Bucket(burst(perSenderPerSecond), now));
        if (!mine.take(perSenderPerSecond, burst(perSenderPerSecond), now)) {
            return false;
        }
        return all.take(perSecond, burst(perSecond), now);
    }
}
