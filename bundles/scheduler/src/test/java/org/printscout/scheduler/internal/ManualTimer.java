package org.printscout.scheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when told, and a timer that runs what is due when it moves. */
final class ManualTimer extends Clock implements Timer {

    private record Task(Instant when, long seq, Runnable run, boolean[] cancelled) {
    }

    private Instant now;
    private long seq;
    private final List<Task> tasks = new ArrayList<>();

    ManualTimer(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Scheduled at(Instant when, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(when, seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward, running each due task at its own instant, in order. */
    void advance(Duration by) {
        Instant end = now.plus(by);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.cancelled()[0] && !t.when().isAfter(end))
                        .min(Comparator.comparing(Task::when).thenComparingLong(Task::seq)).orElse(null);
                if (next == null) {
                    now = end;
                    return;
                }
                tasks.remove(next);
                if (next.when().isAfter(now)) {
                    now = next.when();
                }
            }
            next.run().run();
        }
    }

    synchronized List<Instant> pending() {
        return tasks.stream().filter(t -> !t.cancelled()[0]).map(Task::when).sorted().toList();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
