package org.printscout.scheduler.internal;

import java.time.Instant;

/** Runs a task at an instant of the scheduler's clock; tests advance a clock of their own instead. */
interface Timer {

    /** A scheduled task that may be cancelled. */
    interface Scheduled {
        void cancel();
    }

    Scheduled at(Instant when, Runnable task);
}
