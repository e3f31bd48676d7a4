package org.printscout.snmp.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The bound on requests in flight. A request over the bound waits in a queue instead of blocking a
 * thread: the caller's thread, SNMP4J's listener thread and its timer thread must never block here,
 * or every answer from every device would wait behind one full queue.
 */
final class Admission {

    /** Something to send once a slot is free, or to abandon when the session closes. */
    interface Task {
        void run();

        void abandon();
    }

    private final int limit;
    private final Executor executor;
    private final ArrayDeque<Task> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;

    Admission(int limit, Executor executor) {
        this.limit = limit;
        this.executor = executor;
    }

    /** Runs the task now if a slot is free, later otherwise; the task must {@link #release()} once. */
    void submit(Task task) {
        boolean admitted;
        synchronized (this) {
            if (closed) {
                admitted = false;
            } else if (inFlight < limit) {
                inFlight++;
                admitted = true;
            } else {
                waiting.add(task);
                return;
            }
        }
        if (admitted) {
            task.run();
        } else {
            task.abandon();
        }
    }

    /**
     * Frees the slot of a finished request, or hands it straight to the next waiting one. That one
     * starts on the executor, not on the releasing thread, which is SNMP4J's listener or timer thread.
     */
    void release() {
        Task next;
        synchronized (this) {
            next = closed ? null : waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        try {
            executor.execute(next::run);
        } catch (RejectedExecutionException e) {
            next.abandon();
        }
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Refuses new work and abandons what waits. */
    void close() {
        List<Task> abandoned;
        synchronized (this) {
            closed = true;
            abandoned = new ArrayList<>(waiting);
            waiting.clear();
        }
        abandoned.forEach(Task::abandon);
    }
}
