package org.printscout.api.schedule;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Work the scheduler runs at an interval the administrator configures for it, so that the bundles
 * doing the work (command poll, configuration sync) keep no timers of their own. Register it with
 * the service property {@link #TASK} naming which interval applies; the scheduler runs at most one
 * call of a task at a time, and a call that throws is logged and retried at the next interval.
 */
@ConsumerType
public interface PeriodicTask {

    /** Service property: which schedule runs this task, one of the constants below. */
    String TASK = "printscout.task";

    /** Asks the portal for queued commands; interval {@code commandPollSeconds} (0 = never). */
    String COMMAND_POLL = "commandPoll";

    void run() throws Exception;
}
