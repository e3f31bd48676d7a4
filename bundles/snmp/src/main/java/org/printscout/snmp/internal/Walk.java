package org.printscout.snmp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpException;
import org.printscout.api.snmp.SnmpException.Cause;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;
import org.printscout.snmp.internal.Exchange.Reply;
import org.printscout.snmp.internal.Exchange.Request;

/**
 * One walk of several subtrees together: each request carries the cursor of every unfinished subtree
 * (GETBULK repeaters on v2c/v3, GETNEXT variables on v1), so a table of six columns costs one round
 * trip per batch of rows rather than six.
 *
 * <p>Everything an agent sends is distrusted: each subtree must move strictly forward (else
 * WALK_LOOP), the walk ends at {@code maxRows} values (ROW_LIMIT) and at {@code maxDuration}, a reply
 * that breaks the PDU shape ends it (MALFORMED_REPLY); what was read before is kept. A walk that fails
 * before reading anything fails the stage instead, so "no answer" is not mistaken for "empty subtree".
 */
final class Walk {

    private final Exchange exchange;
    private final SnmpTarget target;
    private final List<Oid> roots;
    private final WalkLimits limits;
    private final long deadline;
    private final boolean bulk;
    private final int budget;

    private final Oid[] cursor;
    private final boolean[] done;
    private final List<List<VarBind>> rows;
    private final CompletableFuture<WalkResult> result = new CompletableFuture<>();
    private final AtomicInteger steps = new AtomicInteger();

    private int total;
    private int requests;
    private int columnsPerRequest;
    private int repetitions;
    private boolean shrunkAfterTimeout;

    Walk(Exchange exchange, SnmpTarget target, List<Oid> roots, WalkLimits limits, int maxVarbinds) {
        this(exchange, target, roots, null, limits, maxVarbinds);
    }

    /**
     * A walk whose root {@code i} continues after {@code after.get(i)} (null: every root from its start),
     * so rows a first GETBULK already read are not asked for again.
     */
    Walk(Exchange exchange, SnmpTarget target, List<Oid> roots, List<Oid> after, WalkLimits limits, int maxVarbinds) {
        this.exchange = exchange;
        this.target = target;
        this.roots = outermost(roots);
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxDuration().toNanos();
        this.bulk = target.credential().version() != SnmpVersion.V1;
        this.columnsPerRequest = maxVarbinds;
        this.repetitions = target.maxRepetitions();
        // Keeps a GETBULK answer near the size of a full GET, however many subtrees share it.
        this.budget = Math.max(target.maxRepetitions(), maxVarbinds);
        this.cursor = this.roots.toArray(new Oid[0]);
        if (after != null) {
            if (after.size() != roots.size()) {
                throw new IllegalArgumentException(roots.size() + " roots but " + after.size() + " cursors");
            }
            java.util.Map<Oid, Oid> start = new java.util.HashMap<>();
            for (int i = 0; i < roots.size(); i++) {
                if (!after.get(i).startsWith(roots.get(i))) {
                    throw new IllegalArgumentException("cursor " + after.get(i) + " lies outside its root " + roots.get(i));
                }
                start.merge(roots.get(i), after.get(i), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
            for (int i = 0; i < cursor.length; i++) {
                cursor[i] = start.get(this.roots.get(i));
            }
        }
        this.done = new boolean[this.roots.size()];
        this.rows = new ArrayList<>();
        for (int i = 0; i < this.roots.size(); i++) {
            rows.add(new ArrayList<>());
        }
    }

    /**
     * Sorted roots without those inside another root, so the concatenated subtrees come out strictly
     * increasing and no value is read twice.
     */
    static List<Oid> outermost(List<Oid> roots) {
        List<Oid> kept = new ArrayList<>();
        for (Oid root : new TreeSet<>(roots)) {
            if (kept.isEmpty() || !root.startsWith(kept.get(kept.size() - 1))) {
                kept.add(root);
            }
        }
        return kept;
    }

    CompletableFuture<WalkResult> start() {
        step();
        return result;
    }

    /**
     * Sends the next request. Written as a drain loop rather than recursion: when a reply arrives on
     * the sending thread (a failed send, a scripted agent) the next request goes out from the loop, so
     * a walk of 100 000 rows does not grow the stack.
     */
    private void step() {
        if (steps.getAndIncrement() != 0) {
            return;
        }
        do {
            sendNext();
        } while (steps.decrementAndGet() != 0);
    }

    private void sendNext() {
        if (result.isDone()) {
            return;
        }
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < roots.size() && active.size() < columnsPerRequest; i++) {
            if (!done[i]) {
                active.add(i);
            }
        }
        if (active.isEmpty()) {
            finish(null);
            return;
        }
        if (System.nanoTime() - deadline > 0) {
            finish(Failures.of(target, Cause.TIMEOUT, "walk stopped after its time limit of "
                    + limits.maxDuration().toMillis() + " ms"));
            return;
        }
        List<Oid> oids = new ArrayList<>(active.size());
        for (int column : active) {
            oids.add(cursor[column]);
        }
        int reps = bulk ? Math.max(1, Math.min(repetitions, budget / active.size())) : 1;
        Request request = bulk ? Request.getBulk(0, reps, oids) : Request.getNext(oids);
        requests++;
        CompletableFuture<Reply> sent;
        try {
            sent = exchange.send(target, request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((reply, error) -> {
            try {
                onReply(active, reps, reply, error);
            } catch (RuntimeException e) {
                finish(Failures.unwrap(target, e));
            }
        });
    }

    private void onReply(List<Integer> active, int reps, Reply reply, Throwable error) {
        if (error != null) {
            SnmpException e = Failures.unwrap(target, error);
            // Some agents drop a request whose answer would not fit instead of saying tooBig: ask for
            // less, once; a second silence means the device is gone.
            if (e.reason() == Cause.TIMEOUT && !shrunkAfterTimeout && (reps > 1 || active.size() > 1)) {
                shrunkAfterTimeout = true;
                repetitions = Math.max(1, reps / 2);
                columnsPerRequest = Math.max(1, active.size() / 2);
                step();
                return;
            }
            finish(e);
            return;
        }
        switch (reply.errorStatus()) {
            case Reply.NO_ERROR:
                if (accept(active, reps, reply.varbinds())) {
                    step();
                }
                return;
            case Reply.TOO_BIG:
                if (bulk && reps > 1) {
                    repetitions = reps / 2;
                } else if (active.size() > 1) {
                    columnsPerRequest = active.size() / 2;
                } else {
                    finish(Failures.errorStatus(target, reply.errorStatus(), 0, null));
                    return;
                }
                step();
                return;
            case Reply.NO_SUCH_NAME: {
                // SNMPv1's end of the MIB: the indexed variable has no successor.
                int index = reply.errorIndex() - 1;
                if (index >= 0 && index < active.size()) {
                    done[active.get(index)] = true;
                } else if (active.size() == 1) {
                    done[active.get(0)] = true;
                } else {
                    columnsPerRequest = 1;
                }
                step();
                return;
            }
            default:
                finish(Failures.errorStatus(target, reply.errorStatus(), reply.errorIndex(), null));
        }
    }

    /** Takes the values of one reply; false when the walk ended on them. */
    private boolean accept(List<Integer> active, int reps, List<VarBind> values) {
        int columns = active.size();
        if (values.isEmpty()) {
            finish(Failures.of(target, Cause.MALFORMED_REPLY, "empty reply to a walk request"));
            return false;
        }
        if (bulk ? values.size() > (long) columns * reps : values.size() != columns) {
            finish(Failures.of(target, Cause.MALFORMED_REPLY, values.size() + " variables in the reply to a walk request for "
                    + columns + (bulk ? " × " + reps : "")));
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            int column = active.get(i % columns);
            if (done[column]) {
                continue;
            }
            VarBind value = values.get(i);
            if (value.value().type().isException()) {
                done[column] = true;
                continue;
            }
            if (value.oid().compareTo(cursor[column]) <= 0) {
                finish(Failures.of(target, Cause.WALK_LOOP, "answered " + value.oid() + " after " + cursor[column]));
                return false;
            }
            if (!value.oid().startsWith(roots.get(column))) {
                done[column] = true;
                continue;
            }
            if (total >= limits.maxRows()) {
                finish(Failures.of(target, Cause.ROW_LIMIT, "more than " + limits.maxRows() + " values"));
                return false;
            }
            rows.get(column).add(value);
            cursor[column] = value.oid();
            total++;
        }
        return true;
    }

    private void finish(SnmpException stop) {
        if (result.isDone()) {
            return;
        }
        List<VarBind> values = new ArrayList<>(total);
        rows.forEach(values::addAll);
        boolean walkStop = stop != null && (stop.reason() == Cause.WALK_LOOP || stop.reason() == Cause.ROW_LIMIT);
        if (stop != null && total == 0 && !walkStop) {
            result.completeExceptionally(stop);
        } else {
            result.complete(new WalkResult(values, stop, requests));
        }
    }
}
