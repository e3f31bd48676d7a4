package org.printscout.snmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Credential;
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
 * The read algorithms against scripted agents that misbehave in the ways field devices do, without
 * a network: every request is recorded and every answer is made up by the test.
 */
class ReadOperationsTest {

    private static final InetSocketAddress DEVICE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 161);
    private static final Oid TABLE = Oid.parse("1.3.6.1.2.1.43.11.1.1");

    /** A MIB as an agent would serve it, plus the requests it received. */
    private static final class ScriptedAgent implements Exchange {
        final NavigableMap<Oid, SnmpValue> mib = new TreeMap<>();
        final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        boolean v1;
        BiFunction<Request, Reply, CompletableFuture<Reply>> quirk = (request, reply) -> CompletableFuture.completedFuture(reply);

        ScriptedAgent rows(Oid column, int count) {
            for (int i = 1; i <= count; i++) {
                mib.put(column.append(i), SnmpValue.integer(i));
            }
            return this;
        }

        @Override
        public CompletableFuture<Reply> send(SnmpTarget target, Request request) {
            requests.add(request);
            return quirk.apply(request, answer(request));
        }

        Reply answer(Request request) {
            List<VarBind> out = new ArrayList<>();
            List<Oid> oids = request.oids();
            switch (request.kind()) {
                case GET -> {
                    for (int i = 0; i < oids.size(); i++) {
                        SnmpValue value = mib.get(oids.get(i));
                        if (value == null && v1) {
                            return new Reply(Reply.NO_SUCH_NAME, i + 1, oids.stream()
                                    .map(o -> new VarBind(o, SnmpValue.nullValue())).toList());
                        }
                        out.add(new VarBind(oids.get(i), value != null ? value : SnmpValue.exception(SnmpType.NO_SUCH_OBJECT)));
                    }
                }
                case GET_NEXT -> {
                    for (int i = 0; i < oids.size(); i++) {
                        Map.Entry<Oid, SnmpValue> next = mib.higherEntry(oids.get(i));
                        if (next == null && v1) {
                            return new Reply(Reply.NO_SUCH_NAME, i + 1, List.of());
                        }
                        out.add(next == null ? new VarBind(oids.get(i), SnmpValue.exception(SnmpType.END_OF_MIB_VIEW))
                                : new VarBind(next.getKey(), next.getValue()));
                    }
                }
                case GET_BULK -> {
                    List<Oid> cursors = new ArrayList<>(oids.subList(request.nonRepeaters(), oids.size()));
                    for (int i = 0; i < request.nonRepeaters(); i++) {
                        Map.Entry<Oid, SnmpValue> next = mib.higherEntry(oids.get(i));
                        out.add(next == null ? new VarBind(oids.get(i), SnmpValue.exception(SnmpType.END_OF_MIB_VIEW))
                                : new VarBind(next.getKey(), next.getValue()));
                    }
                    for (int r = 0; r < request.maxRepetitions(); r++) {
                        for (int c = 0; c < cursors.size(); c++) {
                            Map.Entry<Oid, SnmpValue> next = mib.higherEntry(cursors.get(c));
                            if (next == null) {
                                out.add(new VarBind(cursors.get(c), SnmpValue.exception(SnmpType.END_OF_MIB_VIEW)));
                            } else {
                                out.add(new VarBind(next.getKey(), next.getValue()));
                                cursors.set(c, next.getKey());
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("the fake agent does not answer " + request.kind());
            }
            return new Reply(Reply.NO_ERROR, 0, out);
        }
    }

    private static SnmpTarget target(SnmpVersion version, int maxVarbinds, int maxRepetitions) {
        return new SnmpTarget(DEVICE, new Credential.Community(version, "public"), Duration.ofMillis(100), 0,
                maxVarbinds, maxRepetitions);
    }

    private static SnmpTarget v2c() {
        return target(SnmpVersion.V2C, 60, 25);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static SnmpException failure(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(SnmpException.class, e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return fail("expected a failure");
    }

    private static CompletableFuture<Reply> timeout() {
        return CompletableFuture.failedFuture(new SnmpException(Cause.TIMEOUT, "no answer"));
    }

    private static List<Oid> column(int count) {
        List<Oid> oids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            oids.add(TABLE.append(i));
        }
        return oids;
    }

    private static List<Integer> sizes(ScriptedAgent agent) {
        return agent.requests.stream().map(r -> r.oids().size()).toList();
    }

    @Test
    void getIsCutIntoPdusOfTheTargetsSize() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 25);
        List<VarBind> values = await(new ReadOperations(agent, 10).get(target(SnmpVersion.V2C, 10, 10), column(25)));
        assertEquals(column(25), values.stream().map(VarBind::oid).toList());
        assertEquals(List.of(10, 10, 5), sizes(agent));
    }

    @Test
    void tooBigHalvesUntilTheAnswerFitsAndTheDeviceIsRemembered() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 40);
        agent.quirk = (request, reply) -> CompletableFuture.completedFuture(request.oids().size() > 5
                ? new Reply(Reply.TOO_BIG, 0, List.of()) : reply);
        ReadOperations operations = new ReadOperations(agent, 10);
        assertEquals(column(40), await(operations.get(v2c(), column(40))).stream().map(VarBind::oid).toList());
        assertEquals(List.of(40, 20, 10, 5, 5, 10, 5, 5, 20, 10, 5, 5, 10, 5, 5), sizes(agent));

        agent.requests.clear();
        await(operations.get(v2c(), column(12)));
        assertEquals(List.of(5, 5, 2), sizes(agent), "the next read starts at the size that worked");
    }

    @Test
    void tooBigForASingleVariableIsAnErrorStatus() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 1);
        agent.quirk = (request, reply) -> CompletableFuture.completedFuture(new Reply(Reply.TOO_BIG, 0, List.of()));
        SnmpException e = failure(new ReadOperations(agent, 10).get(v2c(), column(1)));
        assertEquals(Cause.ERROR_STATUS, e.reason());
        assertTrue(e.getMessage().contains("tooBig"), e.getMessage());
    }

    @Test
    void aLargeRequestWithoutAnswerIsTriedAsHalvesOnlyOnce() {
        ScriptedAgent quiet = new ScriptedAgent().rows(TABLE, 16);
        quiet.quirk = (request, reply) -> request.oids().size() > 8 ? timeout() : CompletableFuture.completedFuture(reply);
        ReadOperations operations = new ReadOperations(quiet, 10);
        assertEquals(1, await(operations.get(v2c(), column(1))).size(), "the device answers a small request");
        assertEquals(16, await(operations.get(v2c(), column(16))).size());
        assertEquals(List.of(1, 16, 8, 8), sizes(quiet));

        ScriptedAgent gone = new ScriptedAgent().rows(TABLE, 16);
        ReadOperations known = new ReadOperations(gone, 10);
        assertEquals(1, await(known.get(v2c(), column(1))).size());
        gone.quirk = (request, reply) -> timeout();
        assertEquals(Cause.TIMEOUT, failure(known.get(v2c(), column(16))).reason());
        assertEquals(List.of(1, 16, 8), sizes(gone), "a device that went away costs two timeouts, not a cascade");
    }

    @Test
    void anAddressThatNeverAnsweredCostsOneTimeout() {
        ScriptedAgent nobody = new ScriptedAgent();
        nobody.quirk = (request, reply) -> timeout();
        assertEquals(Cause.TIMEOUT, failure(new ReadOperations(nobody, 10).get(v2c(), column(16))).reason());
        assertEquals(List.of(16), sizes(nobody), "an empty address in a sweep is not asked again in halves");
    }

    @Test
    void v1NoSuchNameLeavesOutTheMissingVariables() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 10);
        agent.v1 = true;
        agent.mib.remove(TABLE.append(3));
        agent.mib.remove(TABLE.append(7));
        List<VarBind> values = await(new ReadOperations(agent, 10).get(target(SnmpVersion.V1, 60, 10), column(10)));
        assertEquals(List.of(1, 2, 4, 5, 6, 8, 9, 10),
                values.stream().map(vb -> (int) vb.value().asLong().getAsLong()).toList());
        assertEquals(3, agent.requests.size());
    }

    @Test
    void noSuchNameWithAUselessIndexIsBisected() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 8);
        agent.v1 = true;
        agent.mib.remove(TABLE.append(6));
        agent.quirk = (request, reply) -> CompletableFuture.completedFuture(reply.errorStatus() == Reply.NO_SUCH_NAME
                ? new Reply(Reply.NO_SUCH_NAME, 0, List.of()) : reply);
        List<VarBind> values = await(new ReadOperations(agent, 10).get(target(SnmpVersion.V1, 60, 10), column(8)));
        assertEquals(7, values.size());
        assertFalse(values.stream().anyMatch(vb -> vb.oid().equals(TABLE.append(6))));
    }

    @Test
    void v1GetNextPastTheEndBecomesEndOfMibViewInPlace() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 3);
        agent.v1 = true;
        List<VarBind> values = await(new ReadOperations(agent, 10).getNext(target(SnmpVersion.V1, 60, 10),
                List.of(TABLE, TABLE.append(3), TABLE.append(1))));
        assertEquals(TABLE.append(1), values.get(0).oid());
        assertEquals(SnmpType.END_OF_MIB_VIEW, values.get(1).value().type());
        assertEquals(TABLE.append(3), values.get(1).oid());
        assertEquals(TABLE.append(2), values.get(2).oid());
    }

    @Test
    void repliesThatDoNotFitTheRequestAreMalformed() {
        ScriptedAgent wrongOid = new ScriptedAgent().rows(TABLE, 2);
        wrongOid.quirk = (request, reply) -> CompletableFuture.completedFuture(new Reply(0, 0,
                List.of(new VarBind(TABLE.append(99), SnmpValue.integer(1)))));
        assertEquals(Cause.MALFORMED_REPLY, failure(new ReadOperations(wrongOid, 10).get(v2c(), column(1))).reason());

        ScriptedAgent tooMany = new ScriptedAgent().rows(TABLE, 2);
        tooMany.quirk = (request, reply) -> CompletableFuture.completedFuture(new Reply(0, 0,
                List.of(new VarBind(TABLE.append(1), SnmpValue.integer(1)), new VarBind(TABLE.append(2), SnmpValue.integer(2)))));
        assertEquals(Cause.MALFORMED_REPLY, failure(new ReadOperations(tooMany, 10).get(v2c(), column(1))).reason());
        assertEquals(Cause.MALFORMED_REPLY, failure(new ReadOperations(tooMany, 10).getBulk(v2c(), 0, 1, column(1))).reason());
    }

    @Test
    void otherErrorStatusesNameTheStatusAndTheVariable() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 3);
        agent.quirk = (request, reply) -> CompletableFuture.completedFuture(new Reply(5, 2, reply.varbinds()));
        SnmpException e = failure(new ReadOperations(agent, 10).get(v2c(), column(3)));
        assertEquals(Cause.ERROR_STATUS, e.reason());
        assertTrue(e.getMessage().contains("genErr at index 2 (" + TABLE.append(2) + ")"), e.getMessage());
    }

    @Test
    void getBulkHalvesRepetitionsOnTooBigAndIsNotForV1() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 50);
        agent.quirk = (request, reply) -> CompletableFuture.completedFuture(reply.varbinds().size() > 6
                ? new Reply(Reply.TOO_BIG, 0, List.of()) : reply);
        List<VarBind> values = await(new ReadOperations(agent, 10).getBulk(v2c(), 0, 40, List.of(TABLE)));
        assertEquals(5, values.size());
        assertEquals(List.of(40, 20, 10, 5), agent.requests.stream().map(Request::maxRepetitions).toList());

        assertEquals(Cause.UNSUPPORTED, failure(new ReadOperations(agent, 10).getBulk(target(SnmpVersion.V1, 60, 10),
                0, 5, List.of(TABLE))).reason());
        assertThrows(IllegalArgumentException.class, () -> new ReadOperations(agent, 10).getBulk(v2c(), 2, 5, List.of(TABLE)));
    }

    @Test
    void walkReadsSeveralColumnsTogetherAndEachStopsAtItsEnd() {
        Oid a = TABLE.append(5);
        Oid b = TABLE.append(6);
        Oid c = TABLE.append(9);
        ScriptedAgent agent = new ScriptedAgent().rows(a, 3).rows(b, 30).rows(c, 7);
        agent.mib.put(Oid.parse("1.3.6.1.2.1.99"), SnmpValue.integer(0));
        WalkResult result = await(new ReadOperations(agent, 10).walk(target(SnmpVersion.V2C, 60, 10),
                List.of(c, a, b, b.append(4)), WalkLimits.DEFAULT));
        assertNull(result.stop());
        assertEquals(40, result.values().size());
        assertEquals(a.append(1), result.values().get(0).oid());
        assertEquals(c.append(7), result.values().get(39).oid());
        for (int i = 1; i < result.values().size(); i++) {
            assertTrue(result.values().get(i - 1).oid().compareTo(result.values().get(i).oid()) < 0);
        }
        assertEquals(agent.requests.size(), result.requests());
        assertEquals(3, agent.requests.get(0).oids().size(), "nested roots are walked once");
        assertEquals(1, agent.requests.get(agent.requests.size() - 1).oids().size(), "finished columns drop out");
    }

    @Test
    void walkCopesWithTruncatedBulkAnswers() {
        Oid a = TABLE.append(5);
        Oid b = TABLE.append(6);
        ScriptedAgent agent = new ScriptedAgent().rows(a, 20).rows(b, 20);
        // answers only the first three variables of each reply: one full row and half a row
        agent.quirk = (request, reply) -> CompletableFuture.completedFuture(
                new Reply(0, 0, reply.varbinds().subList(0, Math.min(3, reply.varbinds().size()))));
        WalkResult result = await(new ReadOperations(agent, 10).walk(v2c(), List.of(a, b), WalkLimits.DEFAULT));
        assertTrue(result.complete(), () -> String.valueOf(result.stop()));
        assertEquals(40, result.values().size());
    }

    @Test
    void walkOfV1UsesGetNextAndEndsOnNoSuchName() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE.append(5), 4);
        agent.v1 = true;
        WalkResult result = await(new ReadOperations(agent, 10).walk(target(SnmpVersion.V1, 60, 10),
                List.of(TABLE.append(5), TABLE.append(6)), WalkLimits.DEFAULT));
        assertTrue(result.complete());
        assertEquals(4, result.values().size());
        assertTrue(agent.requests.stream().allMatch(r -> r.kind() == Kind.GET_NEXT));
    }

    @Test
    void walkStopsWhenTheAgentGoesBackwards() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 100);
        agent.quirk = (request, reply) -> {
            if (agent.requests.size() < 3) {
                return CompletableFuture.completedFuture(reply);
            }
            return CompletableFuture.completedFuture(new Reply(0, 0, List.of(new VarBind(TABLE.append(2), SnmpValue.integer(2)))));
        };
        WalkResult result = await(new ReadOperations(agent, 10).walk(target(SnmpVersion.V2C, 60, 10), List.of(TABLE),
                WalkLimits.DEFAULT));
        assertEquals(Cause.WALK_LOOP, result.stop().reason());
        assertEquals(20, result.values().size());
        assertEquals(3, result.requests());
    }

    @Test
    void aHundredThousandRowsAnsweredAtOnceNeitherOverflowTheStackNorPassTheCap() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 100_000);
        SnmpTarget oneByOne = target(SnmpVersion.V1, 60, 10);
        WalkResult all = await(new ReadOperations(agent, 10).walk(oneByOne, List.of(TABLE),
                new WalkLimits(1_000_000, Duration.ofMinutes(1))));
        assertTrue(all.complete());
        assertEquals(100_000, all.values().size());
        assertEquals(100_001, all.requests());

        WalkResult capped = await(new ReadOperations(agent, 10).walk(v2c(), List.of(TABLE),
                new WalkLimits(1000, Duration.ofMinutes(1))));
        assertEquals(Cause.ROW_LIMIT, capped.stop().reason());
        assertEquals(1000, capped.values().size());
    }

    @Test
    void aTableOfExactlyMaxRowsIsComplete() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 50);
        WalkResult result = await(new ReadOperations(agent, 10).walk(v2c(), List.of(TABLE),
                new WalkLimits(50, Duration.ofMinutes(1))));
        assertTrue(result.complete());
    }

    @Test
    void aSlowAgentIsCutOffAtTheWalksTimeLimit() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 100_000);
        agent.quirk = (request, reply) -> CompletableFuture.supplyAsync(() -> reply,
                CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        WalkResult result = await(new ReadOperations(agent, 10).walk(v2c(), List.of(TABLE),
                new WalkLimits(1_000_000, Duration.ofMillis(200))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Cause.TIMEOUT, result.stop().reason());
        assertFalse(result.values().isEmpty());
        assertTrue(millis < 1000, millis + " ms");
    }

    @Test
    void walkShrinksOnTooBigAndAfterOneSilence() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE.append(1), 40).rows(TABLE.append(2), 40);
        agent.quirk = (request, reply) -> {
            int size = reply.varbinds().size();
            if (size > 30) {
                return CompletableFuture.completedFuture(new Reply(Reply.TOO_BIG, 0, List.of()));
            }
            return size > 12 ? timeout() : CompletableFuture.completedFuture(reply);
        };
        WalkResult result = await(new ReadOperations(agent, 10).walk(target(SnmpVersion.V2C, 60, 40),
                List.of(TABLE.append(1), TABLE.append(2)), WalkLimits.DEFAULT));
        assertTrue(result.complete(), () -> String.valueOf(result.stop()));
        assertEquals(80, result.values().size());
    }

    @Test
    void aWalkThatReadsNothingFailsAndOneThatReadSomethingKeepsIt() {
        ScriptedAgent dead = new ScriptedAgent();
        dead.quirk = (request, reply) -> timeout();
        SnmpTarget small = target(SnmpVersion.V2C, 1, 1);
        assertEquals(Cause.TIMEOUT, failure(new ReadOperations(dead, 10).walk(small, List.of(TABLE), WalkLimits.DEFAULT)).reason());

        ScriptedAgent dying = new ScriptedAgent().rows(TABLE, 10);
        dying.quirk = (request, reply) -> dying.requests.size() > 2 ? timeout() : CompletableFuture.completedFuture(reply);
        WalkResult partial = await(new ReadOperations(dying, 10).walk(small, List.of(TABLE), WalkLimits.DEFAULT));
        assertEquals(Cause.TIMEOUT, partial.stop().reason());
        assertEquals(2, partial.values().size());
    }

    @Test
    void aWalkReplyLargerThanAskedEndsTheWalk() {
        ScriptedAgent agent = new ScriptedAgent().rows(TABLE, 10);
        agent.quirk = (request, reply) -> {
            List<VarBind> doubled = new ArrayList<>(reply.varbinds());
            doubled.addAll(reply.varbinds());
            return CompletableFuture.completedFuture(new Reply(0, 0, doubled));
        };
        SnmpException e = failure(new ReadOperations(agent, 10).walk(target(SnmpVersion.V2C, 60, 3), List.of(TABLE),
                WalkLimits.DEFAULT));
        assertEquals(Cause.MALFORMED_REPLY, e.reason());
    }
}
