package org.printscout.snmp.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpException;
import org.printscout.api.snmp.SnmpException.Cause;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;
import org.printscout.snmp.internal.Exchange.Kind;
import org.printscout.snmp.internal.Exchange.Reply;
import org.printscout.snmp.internal.Exchange.Request;

/**
 * GET, GETNEXT, GETBULK and walk on top of an {@link Exchange}: splitting into PDUs, halving on
 * tooBig and on a large request that got no answer, and the SNMPv1 noSuchName dance.
 *
 * <p>The PDUs of one call go out one after the other, not in parallel: printers are small devices, and
 * the agent as a whole gets its parallelism from many devices at once.
 */
final class ReadOperations {

    private final Exchange exchange;
    /**
     * Devices that needed smaller PDUs than their target allowed, with the size that worked, so the
     * next read does not pay for a tooBig or a timeout again.
     */
    private final Map<InetSocketAddress, Integer> sizeHints;
    /**
     * Devices that have answered at least once. Only they get a large request that went unanswered
     * retried as halves: an address that never answered is most likely nobody, and a discovery sweep
     * of a sparse network must not pay a second timeout for each empty address.
     */
    private final Map<InetSocketAddress, Boolean> answered;

    ReadOperations(Exchange exchange, int rememberedDevices) {
        this.exchange = exchange;
        this.sizeHints = boundedMap(rememberedDevices);
        this.answered = boundedMap(rememberedDevices);
    }

    private static <V> Map<InetSocketAddress, V> boundedMap(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private boolean hasAnswered(SnmpTarget target) {
        synchronized (answered) {
            return answered.containsKey(target.address());
        }
    }

    private void noteAnswer(SnmpTarget target) {
        synchronized (answered) {
            answered.put(target.address(), Boolean.TRUE);
        }
    }

    CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
        return fetchFrom(target, Kind.GET, List.copyOf(oids), 0, new ArrayList<>());
    }

    CompletableFuture<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids) {
        return fetchFrom(target, Kind.GET_NEXT, List.copyOf(oids), 0, new ArrayList<>());
    }

    CompletableFuture<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
        if (nonRepeaters < 0 || nonRepeaters > oids.size()) {
            throw new IllegalArgumentException("nonRepeaters must be between 0 and the number of OIDs");
        }
        if (maxRepetitions < 0) {
            throw new IllegalArgumentException("maxRepetitions must not be negative");
        }
        if (target.credential().version() == SnmpVersion.V1) {
            return CompletableFuture.failedFuture(Failures.of(target, Cause.UNSUPPORTED, "GETBULK needs SNMPv2c or SNMPv3"));
        }
        if (oids.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return bulk(target, nonRepeaters, maxRepetitions, List.copyOf(oids));
    }

    CompletableFuture<WalkResult> walk(SnmpTarget target, List<Oid> roots, WalkLimits limits) {
        return new Walk(exchange, target, roots, limits, maxVarbinds(target)).start();
    }

    CompletableFuture<WalkResult> walkFrom(SnmpTarget target, List<Oid> roots, List<Oid> after, WalkLimits limits) {
        return new Walk(exchange, target, roots, after, limits, maxVarbinds(target)).start();
    }

    int maxVarbinds(SnmpTarget target) {
        synchronized (sizeHints) {
            Integer hint = sizeHints.get(target.address());
            return hint == null ? target.maxVarbindsPerRequest() : Math.min(hint, target.maxVarbindsPerRequest());
        }
    }

    private void shrink(SnmpTarget target, int size) {
        synchronized (sizeHints) {
            sizeHints.merge(target.address(), Math.max(1, size), Math::min);
        }
    }

    /** Fetches {@code oids[from..]} in PDUs sized by what the device is known to take, in order. */
    private CompletableFuture<List<VarBind>> fetchFrom(SnmpTarget target, Kind kind, List<Oid> oids, int from,
                                                       List<VarBind> collected) {
        if (from >= oids.size()) {
            return CompletableFuture.completedFuture(collected);
        }
        int n = Math.min(maxVarbinds(target), oids.size() - from);
        return fetchChunk(target, kind, oids.subList(from, from + n), true).thenCompose(part -> {
            collected.addAll(part);
            return fetchFrom(target, kind, oids, from + n, collected);
        });
    }

    /**
     * One PDU; on tooBig (the agent could not fit its answer) the halves are fetched instead, down to
     * single variables. A large request that got no answer at all from a device that has answered
     * before is also tried as halves, once, since some agents silently drop requests whose answer
     * would be too big; a dead device therefore costs at most twice the target's timeout here, and an
     * address that never answered costs one.
     */
    private CompletableFuture<List<VarBind>> fetchChunk(SnmpTarget target, Kind kind, List<Oid> chunk,
                                                        boolean splitOnTimeout) {
        Request request = kind == Kind.GET ? Request.get(chunk) : Request.getNext(chunk);
        return exchange.send(target, request).handle((reply, error) -> {
            if (error != null) {
                SnmpException e = Failures.unwrap(target, error);
                if (e.reason() == Cause.TIMEOUT && splitOnTimeout && chunk.size() > 1 && hasAnswered(target)) {
                    return halves(target, kind, chunk, false, true);
                }
                return CompletableFuture.<List<VarBind>>failedFuture(e);
            }
            noteAnswer(target);
            switch (reply.errorStatus()) {
                case Reply.NO_ERROR:
                    return checked(target, kind, chunk, reply);
                case Reply.TOO_BIG:
                    if (chunk.size() > 1) {
                        return halves(target, kind, chunk, splitOnTimeout, true);
                    }
                    return CompletableFuture.<List<VarBind>>failedFuture(
                            Failures.errorStatus(target, reply.errorStatus(), 1, chunk.get(0).toString()));
                case Reply.NO_SUCH_NAME:
                    return withoutOffender(target, kind, chunk, reply.errorIndex(), splitOnTimeout);
                default:
                    return CompletableFuture.<List<VarBind>>failedFuture(Failures.errorStatus(target,
                            reply.errorStatus(), reply.errorIndex(), oidAt(chunk, reply.errorIndex())));
            }
        }).thenCompose(f -> f);
    }

    private CompletableFuture<List<VarBind>> halves(SnmpTarget target, Kind kind, List<Oid> chunk,
                                                    boolean splitOnTimeout, boolean remember) {
        int half = chunk.size() / 2;
        if (remember) {
            shrink(target, half);
        }
        return fetchChunk(target, kind, chunk.subList(0, half), splitOnTimeout)
                .thenCompose(first -> fetchChunk(target, kind, chunk.subList(half, chunk.size()), splitOnTimeout)
                        .thenApply(second -> {
                            List<VarBind> joined = new ArrayList<>(first);
                            joined.addAll(second);
                            return joined;
                        }));
    }

    /**
     * SNMPv1 noSuchName: the agent answers nothing but the index of the first variable it does not
     * have. That variable is left out of a GET (the API's v1 contract) or reported as endOfMibView for
     * a GETNEXT, and the rest is asked again. Agents that send a useless index get bisected instead.
     */
    private CompletableFuture<List<VarBind>> withoutOffender(SnmpTarget target, Kind kind, List<Oid> chunk,
                                                             int errorIndex, boolean splitOnTimeout) {
        int index = errorIndex - 1;
        if (index < 0 || index >= chunk.size()) {
            if (chunk.size() > 1) {
                return halves(target, kind, chunk, splitOnTimeout, false);
            }
            index = 0;
        }
        Oid offender = chunk.get(index);
        List<Oid> rest = new ArrayList<>(chunk);
        rest.remove(index);
        CompletableFuture<List<VarBind>> others = rest.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : fetchChunk(target, kind, rest, splitOnTimeout);
        int position = index;
        return others.thenApply(values -> {
            if (kind == Kind.GET) {
                return values;
            }
            List<VarBind> all = new ArrayList<>(values);
            all.add(position, new VarBind(offender, SnmpValue.exception(SnmpType.END_OF_MIB_VIEW)));
            return all;
        });
    }

    private static CompletableFuture<List<VarBind>> checked(SnmpTarget target, Kind kind, List<Oid> chunk, Reply reply) {
        List<VarBind> values = reply.varbinds();
        if (values.size() != chunk.size()) {
            return CompletableFuture.failedFuture(Failures.of(target, Cause.MALFORMED_REPLY,
                    values.size() + " variables in the reply to a request for " + chunk.size()));
        }
        if (kind == Kind.GET) {
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).oid().equals(chunk.get(i))) {
                    return CompletableFuture.failedFuture(Failures.of(target, Cause.MALFORMED_REPLY,
                            "reply names " + values.get(i).oid() + " where " + chunk.get(i) + " was asked"));
                }
            }
        }
        return CompletableFuture.completedFuture(values);
    }

    private CompletableFuture<List<VarBind>> bulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
        return exchange.send(target, Request.getBulk(nonRepeaters, maxRepetitions, oids)).handle((reply, error) -> {
            if (error != null) {
                return CompletableFuture.<List<VarBind>>failedFuture(Failures.unwrap(target, error));
            }
            noteAnswer(target);
            if (reply.errorStatus() == Reply.TOO_BIG && maxRepetitions > 1) {
                return bulk(target, nonRepeaters, maxRepetitions / 2, oids);
            }
            if (reply.errorStatus() != Reply.NO_ERROR) {
                return CompletableFuture.<List<VarBind>>failedFuture(Failures.errorStatus(target,
                        reply.errorStatus(), reply.errorIndex(), oidAt(oids, reply.errorIndex())));
            }
            long most = nonRepeaters + (long) (oids.size() - nonRepeaters) * maxRepetitions;
            if (reply.varbinds().size() > most) {
                return CompletableFuture.<List<VarBind>>failedFuture(Failures.of(target, Cause.MALFORMED_REPLY,
                        reply.varbinds().size() + " variables in a GETBULK reply that allows " + most));
            }
            return CompletableFuture.completedFuture(reply.varbinds());
        }).thenCompose(f -> f);
    }

    private static String oidAt(List<Oid> oids, int errorIndex) {
        return errorIndex >= 1 && errorIndex <= oids.size() ? oids.get(errorIndex - 1).toString() : null;
    }
}
