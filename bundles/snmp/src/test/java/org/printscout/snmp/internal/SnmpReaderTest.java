package org.printscout.snmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpException;
import org.printscout.api.snmp.SnmpException.Cause;
import org.printscout.api.snmp.SnmpReader.TrafficCounters;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;

/**
 * The reader service over its real UDP transport against SNMP4J command responders on 127.0.0.1
 * serving a recorded HP LaserJet.
 */
class SnmpReaderTest {

    private static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    private static final Oid SYS_OBJECT_ID = Oid.parse("1.3.6.1.2.1.1.2.0");
    private static final Oid SYS_NAME = Oid.parse("1.3.6.1.2.1.1.5.0");
    private static final Oid SYSTEM = Oid.parse("1.3.6.1.2.1.1");
    private static final Oid MISSING = Oid.parse("1.3.6.1.2.1.1.99.0");
    private static final Oid BIG_TABLE = Oid.parse("1.3.6.1.4.1.99999.1");
    private static final Duration QUICK = Duration.ofSeconds(2);

    private static Snapshot printer;
    private static TestAgent agent;
    private static TestAgent quirky;
    private static TestLog log;
    private static SnmpReaderComponent reader;

    @BeforeAll
    static void start() throws IOException {
        printer = TestAgent.recording("jetdirect_m130nw");
        agent = TestAgent.start(printer);
        quirky = TestAgent.start(printer);
        for (int row = 1; row <= 100_000; row++) {
            quirky.put(BIG_TABLE.append(row), new Integer32(row));
        }
        log = new TestLog();
        reader = new SnmpReaderComponent(log.logger(), Map.of("maxInFlight", 64, "listenAddress", "",
                "cacheSize", "1000"));
    }

    @AfterAll
    static void stop() throws IOException {
        reader.deactivate();
        agent.close();
        quirky.close();
    }

    @AfterEach
    void resetQuirks() {
        quirky.maxResponseVarbinds = Integer.MAX_VALUE;
        quirky.silentAboveVarbinds = Integer.MAX_VALUE;
        quirky.loopRoot = null;
    }

    private static SnmpTarget target(InetSocketAddress address, Credential credential) {
        return new SnmpTarget(address, credential, Duration.ofMillis(1500), 1, 60, 25);
    }

    private static SnmpTarget v2c() {
        return target(agent.address(), new Credential.Community(SnmpVersion.V2C, "public"));
    }

    private static SnmpTarget v1() {
        return target(agent.address(), new Credential.Community(SnmpVersion.V1, "public"));
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static SnmpException failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return assertInstanceOf(SnmpException.class, e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return fail("expected a failure");
    }

    private static Map<Oid, SnmpValue> asMap(List<VarBind> values) {
        Map<Oid, SnmpValue> map = new LinkedHashMap<>();
        values.forEach(vb -> map.put(vb.oid(), vb.value()));
        return map;
    }

    @Test
    void v2cGetReadsRecordedValuesAndMarksMissingOnes() {
        List<VarBind> values = await(reader.get(v2c(), List.of(SYS_DESCR, MISSING, SYS_OBJECT_ID)));
        assertEquals(3, values.size());
        assertEquals(printer.get(SYS_DESCR).orElseThrow(), values.get(0).value());
        assertEquals(SnmpType.NO_SUCH_OBJECT, values.get(1).value().type());
        assertEquals(printer.get(SYS_OBJECT_ID).orElseThrow(), values.get(2).value());
    }

    @Test
    void v1GetLeavesOutWhatTheAgentDoesNotHave() {
        List<VarBind> values = await(reader.get(v1(), List.of(SYS_DESCR, MISSING, SYS_NAME)));
        assertEquals(List.of(SYS_DESCR, SYS_NAME), values.stream().map(VarBind::oid).toList());
    }

    @Test
    void getManyOidsSpansSeveralPdus() {
        List<Oid> oids = new ArrayList<>(printer.asMap().keySet()).subList(0, 150);
        SnmpTarget small = new SnmpTarget(agent.address(), new Credential.Community(SnmpVersion.V2C, "public"),
                Duration.ofMillis(1500), 1, 20, 10);
        List<VarBind> values = await(reader.get(small, oids));
        assertEquals(oids, values.stream().map(VarBind::oid).toList());
        values.forEach(vb -> assertEquals(printer.get(vb.oid()).orElseThrow(), vb.value()));
    }

    @Test
    void getNextAndGetBulkStepThroughTheMib() {
        List<VarBind> next = await(reader.getNext(v2c(), List.of(SYSTEM, SYS_DESCR)));
        assertEquals(List.of(SYS_DESCR, SYS_OBJECT_ID), next.stream().map(VarBind::oid).toList());

        List<VarBind> bulk = await(reader.getBulk(v2c(), 1, 3, List.of(SYSTEM, SYSTEM)));
        assertEquals(4, bulk.size());
        assertEquals(SYS_DESCR, bulk.get(0).oid());
        assertEquals(List.of(SYS_DESCR, SYS_OBJECT_ID, printer.asMap().higherKey(SYS_OBJECT_ID)),
                bulk.subList(1, 4).stream().map(VarBind::oid).toList());
    }

    @Test
    void v1GetNextPastTheEndIsEndOfMibViewAndGetBulkIsRefused() {
        Oid last = printer.asMap().lastKey();
        List<VarBind> next = await(reader.getNext(v1(), List.of(SYSTEM, last)));
        assertEquals(SYS_DESCR, next.get(0).oid());
        assertEquals(SnmpType.END_OF_MIB_VIEW, next.get(1).value().type());

        assertEquals(Cause.UNSUPPORTED, failure(reader.getBulk(v1(), 0, 5, List.of(SYSTEM))).reason());
    }

    @Test
    void walkOfSeveralSubtreesReadsExactlyTheRecording() {
        List<Oid> roots = List.of(Oid.parse("1.3.6.1.2.1.43.11.1.1"), SYSTEM, Oid.parse("1.3.6.1.2.1.2.2.1"),
                Oid.parse("1.3.6.1.2.1.1.9"));
        for (SnmpTarget target : List.of(v2c(), v1())) {
            WalkResult result = await(reader.walk(target, roots, WalkLimits.DEFAULT));
            assertTrue(result.complete(), () -> String.valueOf(result.stop()));
            Map<Oid, SnmpValue> expected = new LinkedHashMap<>();
            for (Oid root : Walk.outermost(roots)) {
                expected.putAll(printer.subtree(root));
            }
            assertEquals(expected, asMap(result.values()), target.credential().toString());
            assertEquals(new ArrayList<>(expected.keySet()), result.values().stream().map(VarBind::oid).toList());
            assertTrue(result.requests() > 0);
        }
    }

    @Test
    void walkFromCursorsReadsOnlyWhatLiesAfterThemAndNoRowTwice() {
        Oid supplies = Oid.parse("1.3.6.1.2.1.43.11.1.1");
        Oid interfaces = Oid.parse("1.3.6.1.2.1.2.2.1");
        List<Oid> supplyRows = new ArrayList<>(printer.subtree(supplies).keySet());
        Oid cursor = supplyRows.get(supplyRows.size() / 2);
        for (SnmpTarget target : List.of(v2c(), v1())) {
            WalkResult result = await(reader.walkFrom(target, List.of(supplies, interfaces), List.of(cursor, interfaces),
                    WalkLimits.DEFAULT));
            assertTrue(result.complete(), () -> String.valueOf(result.stop()));
            Map<Oid, SnmpValue> expected = new LinkedHashMap<>(printer.subtree(interfaces));
            printer.subtree(supplies).tailMap(cursor, false).forEach(expected::put);
            assertEquals(expected, asMap(result.values()), target.credential().toString());
            assertEquals(expected.size(), result.values().size(), "no value twice");
        }
        assertThrows(IllegalArgumentException.class, () -> reader.walkFrom(v2c(), List.of(supplies), List.of(SYSTEM),
                WalkLimits.DEFAULT));
    }

    @Test
    void getBulkAnswersNonRepeatersOnceAndRepeatersAsAsked() {
        Oid supplies = Oid.parse("1.3.6.1.2.1.43.11.1.1");
        List<VarBind> reply = await(reader.getBulk(v2c(), 1, 3, List.of(SYSTEM, supplies)));
        assertEquals(4, reply.size());
        assertEquals(SYS_DESCR, reply.get(0).oid());
        assertEquals(new ArrayList<>(printer.subtree(supplies).keySet()).subList(0, 3),
                reply.subList(1, 4).stream().map(VarBind::oid).toList());
    }

    @Test
    void walkOfTheWholeRecordingUsesFewBulkRequests() {
        WalkResult result = await(reader.walk(v2c(), List.of(Oid.parse("1.3.6.1")), WalkLimits.DEFAULT));
        assertTrue(result.complete());
        assertEquals(printer.size(), result.values().size());
        assertTrue(result.requests() <= printer.size() / 25 + 2, "requests: " + result.requests());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "authPriv, MD5, DES",
        "authPriv, SHA, AES",
        "authPriv, SHA-224, 3DES",
        "authPriv, SHA-256, AES-192",
        "authPriv, SHA-384, AES-256",
        "authPriv, SHA-512, AES-256",
        "authPriv, SHA-512, AES-256C",
        "authPriv, MD5, AES-192C",
        "authPriv, SHA, AES-256C",
        "authNoPriv, SHA-512, ",
        "noAuthNoPriv, , "})
    void v3ReadsWithEveryAlgorithm(String level, String auth, String priv) {
        SecurityLevel securityLevel = SecurityLevel.parse(level);
        AuthProtocol authProtocol = auth == null ? null : AuthProtocol.parse(auth);
        PrivProtocol privProtocol = priv == null ? null : PrivProtocol.parse(priv);
        Protocols protocols = new Protocols();
        String user = "u-" + level + "-" + auth + "-" + priv;
        agent.addUser(user, authProtocol == null ? null : protocols.auth(authProtocol).getID(), "auth-" + user,
                privProtocol == null ? null : protocols.priv(privProtocol).getID(), "priv-" + user);
        Credential.Usm credential = new Credential.Usm(user, securityLevel, authProtocol,
                authProtocol == null ? null : "auth-" + user, privProtocol, privProtocol == null ? null : "priv-" + user, "");
        SnmpTarget target = target(agent.address(), credential);

        List<VarBind> values = await(reader.get(target, List.of(SYS_DESCR, SYS_NAME)));
        assertEquals(printer.get(SYS_DESCR).orElseThrow(), values.get(0).value());
        WalkResult walk = await(reader.walk(target, List.of(SYSTEM), WalkLimits.DEFAULT));
        assertEquals(printer.subtree(SYSTEM), asMap(walk.values()));
    }

    private static Credential.Usm sha512Aes256(String user, String authPassphrase, String privPassphrase) {
        return new Credential.Usm(user, SecurityLevel.AUTH_PRIV, AuthProtocol.SHA512, authPassphrase,
                PrivProtocol.AES256, privPassphrase, "");
    }

    @Test
    void v3FailuresNameTheirCauseQuicklyAndNoSecret() {
        agent.addUser("alice", protocolsId(AuthProtocol.SHA512), "alice-auth-pw", privId(PrivProtocol.AES256), "alice-priv-pw");
        agent.addUser("bob", protocolsId(AuthProtocol.SHA256), "bob-auth-pw", null, null);
        agent.addContext("printer");
        SnmpTarget slow = new SnmpTarget(agent.address(), sha512Aes256("alice", "alice-auth-pw", "alice-priv-pw"),
                Duration.ofSeconds(5), 1, 60, 25);
        assertEquals(1, await(reader.get(slow, List.of(SYS_DESCR))).size());

        Map<Credential, Cause> cases = new LinkedHashMap<>();
        cases.put(sha512Aes256("mallory", "alice-auth-pw", "alice-priv-pw"), Cause.UNKNOWN_USER);
        cases.put(sha512Aes256("alice", "wrong-auth-pw", "alice-priv-pw"), Cause.WRONG_DIGEST);
        cases.put(sha512Aes256("alice", "alice-auth-pw", "wrong-priv-pw"), Cause.DECRYPTION_ERROR);
        cases.put(new Credential.Usm("bob", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA256, "bob-auth-pw",
                PrivProtocol.AES128, "bob-priv-pw", ""), Cause.UNSUPPORTED_SECURITY_LEVEL);
        cases.put(new Credential.Usm("alice", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA512, "alice-auth-pw",
                PrivProtocol.AES256, "alice-priv-pw", "no-such-context"), Cause.UNKNOWN_CONTEXT);
        cases.forEach((credential, cause) -> {
            long start = System.nanoTime();
            SnmpException e = failure(reader.get(slow.withCredential(credential), List.of(SYS_DESCR)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(cause, e.reason(), e.getMessage());
            assertTrue(millis < 2_000, cause + " took " + millis + " ms");
            assertTrue(e.getMessage().startsWith(slow.describe() + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("-pw"), e.getMessage());
        });
        // a context the agent knows works
        SnmpTarget withContext = slow.withCredential(new Credential.Usm("alice", SecurityLevel.AUTH_PRIV,
                AuthProtocol.SHA512, "alice-auth-pw", PrivProtocol.AES256, "alice-priv-pw", "printer"));
        assertEquals(1, await(reader.get(withContext, List.of(SYS_DESCR))).size());
    }

    @Test
    void agentsThatStaySilentLikeNetSnmpStillGetTheRightCause() throws IOException {
        try (TestAgent silent = TestAgent.start(InetAddress.getLoopbackAddress(), printer, "silent-engine")) {
            silent.reportsDecryptionAndContextErrors = false;
            silent.addContext("printer");
            silent.addUser("carol", protocolsId(AuthProtocol.SHA1), "carol-auth-pw", privId(PrivProtocol.AES192), "carol-priv-pw");
            silent.addUser("dave", protocolsId(AuthProtocol.MD5), "dave-auth-pw", null, null);
            SnmpTarget base = new SnmpTarget(silent.address(), sha512Aes256("carol", "x-auth-pw", "x-priv-pw"),
                    Duration.ofMillis(300), 0, 60, 25);
            Map<Credential, Cause> cases = new LinkedHashMap<>();
            cases.put(new Credential.Usm("carol", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA1, "carol-auth-pw",
                    PrivProtocol.AES192, "wrong-priv-pw", ""), Cause.DECRYPTION_ERROR);
            cases.put(new Credential.Usm("carol", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA1, "carol-auth-pw",
                    PrivProtocol.AES192_3DES_KEY, "carol-priv-pw", ""), Cause.DECRYPTION_ERROR);
            cases.put(new Credential.Usm("carol", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA1, "carol-auth-pw",
                    PrivProtocol.AES192, "carol-priv-pw", "nowhere"), Cause.UNKNOWN_CONTEXT);
            cases.put(new Credential.Usm("dave", SecurityLevel.AUTH_NO_PRIV, AuthProtocol.MD5, "dave-auth-pw",
                    null, null, "nowhere"), Cause.UNKNOWN_CONTEXT);
            cases.forEach((credential, cause) -> {
                SnmpException e = failure(reader.get(base.withCredential(credential), List.of(SYS_DESCR)));
                assertEquals(cause, e.reason(), e.getMessage());
                assertFalse(e.getMessage().contains("-pw"), e.getMessage());
            });
            SnmpTarget good = base.withCredential(new Credential.Usm("carol", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA1,
                    "carol-auth-pw", PrivProtocol.AES192, "carol-priv-pw", "printer"));
            assertEquals(1, await(reader.get(good, List.of(SYS_DESCR))).size());
            int before = silent.requests.get();
            // once the keys have worked, a silence is a silence: no probes
            silent.silentAboveVarbinds = 0;
            assertEquals(Cause.TIMEOUT, failure(reader.get(good, List.of(SYS_DESCR))).reason());
            assertEquals(before + 1, silent.requests.get());
        }
    }

    private static OID protocolsId(AuthProtocol auth) {
        return new Protocols().auth(auth).getID();
    }

    private static OID privId(PrivProtocol priv) {
        return new Protocols().priv(priv).getID();
    }

    @Test
    void devicesSharingAUserNameWithDifferentPasswordsDoNotClash() throws IOException {
        try (TestAgent second = TestAgent.start(InetAddress.getLoopbackAddress(), printer, "second-engine")) {
            agent.addUser("shared", protocolsId(AuthProtocol.SHA1), "first-auth", privId(PrivProtocol.AES128), "first-priv");
            second.addUser("shared", protocolsId(AuthProtocol.SHA1), "second-auth", privId(PrivProtocol.AES128), "second-priv");
            SnmpTarget first = target(agent.address(), new Credential.Usm("shared", SecurityLevel.AUTH_PRIV,
                    AuthProtocol.SHA1, "first-auth", PrivProtocol.AES128, "first-priv", ""));
            SnmpTarget other = target(second.address(), new Credential.Usm("shared", SecurityLevel.AUTH_PRIV,
                    AuthProtocol.SHA1, "second-auth", PrivProtocol.AES128, "second-priv", ""));
            List<CompletionStage<List<VarBind>>> reads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                reads.add(reader.get(first, List.of(SYS_DESCR)));
                reads.add(reader.get(other, List.of(SYS_NAME)));
            }
            reads.forEach(read -> assertEquals(1, await(read).size()));
        }
    }

    @Test
    void tooBigAnswersAreSplitUntilTheyFit() {
        quirky.maxResponseVarbinds = 7;
        List<Oid> oids = new ArrayList<>(printer.asMap().keySet()).subList(10, 50);
        SnmpTarget target = target(quirky.address(), new Credential.Community(SnmpVersion.V2C, "public"));
        List<VarBind> values = await(reader.get(target, oids));
        assertEquals(oids, values.stream().map(VarBind::oid).toList());

        WalkResult walk = await(reader.walk(target, List.of(Oid.parse("1.3.6.1.2.1.2")), WalkLimits.DEFAULT));
        assertTrue(walk.complete(), () -> String.valueOf(walk.stop()));
        assertEquals(printer.subtree(Oid.parse("1.3.6.1.2.1.2")), asMap(walk.values()));
    }

    @Test
    void aLargeRequestWithoutAnswerIsRetriedAsHalves() {
        quirky.silentAboveVarbinds = 12;
        List<Oid> oids = new ArrayList<>(printer.asMap().keySet()).subList(0, 20);
        SnmpTarget target = new SnmpTarget(quirky.address(), new Credential.Community(SnmpVersion.V2C, "public"),
                Duration.ofMillis(300), 0, 20, 25);
        assertEquals(1, await(reader.get(target, oids.subList(0, 1))).size(), "the device has answered before");
        assertEquals(oids, await(reader.get(target, oids)).stream().map(VarBind::oid).toList());
    }

    @Test
    void aLoopingAgentEndsTheWalkWithWhatWasRead() {
        quirky.loopRoot = Values.toSnmp4j(Oid.parse("1.3.6.1.2.1.25"));
        SnmpTarget target = target(quirky.address(), new Credential.Community(SnmpVersion.V2C, "public"));
        WalkResult result = await(reader.walk(target, List.of(Oid.parse("1.3.6.1.2.1.25")), WalkLimits.DEFAULT));
        assertEquals(Cause.WALK_LOOP, result.stop().reason());
        assertEquals(1, result.values().size());

        WalkResult v1 = await(reader.walk(target.withCredential(new Credential.Community(SnmpVersion.V1, "public")),
                List.of(Oid.parse("1.3.6.1.2.1.25")), WalkLimits.DEFAULT));
        assertEquals(Cause.WALK_LOOP, v1.stop().reason());
    }

    @Test
    void aHugeTableStopsAtTheRowCapAndAtTheTimeLimit() {
        SnmpTarget target = target(quirky.address(), new Credential.Community(SnmpVersion.V2C, "public"));
        WalkResult capped = await(reader.walk(target, List.of(BIG_TABLE), new WalkLimits(500, Duration.ofSeconds(30))));
        assertEquals(Cause.ROW_LIMIT, capped.stop().reason());
        assertEquals(500, capped.values().size());
        assertEquals(BIG_TABLE.append(500), capped.values().get(499).oid());

        long start = System.nanoTime();
        WalkResult timed = await(reader.walk(target.withCredential(new Credential.Community(SnmpVersion.V1, "public")),
                List.of(BIG_TABLE), new WalkLimits(1_000_000, Duration.ofMillis(300))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Cause.TIMEOUT, timed.stop().reason());
        assertFalse(timed.values().isEmpty());
        assertTrue(millis < 2_000, millis + " ms");
    }

    @Test
    void aSilentDeviceTimesOutInBoundedTime() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());
            long timeoutsBefore = reader.counters().timeouts();
            List<Credential> credentials = List.of(new Credential.Community(SnmpVersion.V2C, "public"),
                    sha512Aes256("alice", "alice-auth-pw", "alice-priv-pw"));
            for (Credential credential : credentials) {
                SnmpTarget target = new SnmpTarget(address, credential, Duration.ofMillis(150), 1, 60, 25);
                long start = System.nanoTime();
                assertEquals(Cause.TIMEOUT, failure(reader.get(target, List.of(SYS_DESCR, SYS_NAME))).reason());
                assertEquals(Cause.TIMEOUT, failure(reader.walk(target, List.of(SYSTEM), WalkLimits.DEFAULT)).reason());
                long millis = (System.nanoTime() - start) / 1_000_000;
                // each operation: one try of 2 × 150 ms, then one smaller try of the same
                assertTrue(millis < 2_500, credential + ": " + millis + " ms");
            }
            assertTrue(reader.counters().timeouts() >= timeoutsBefore + 4);
        }
    }

    @Test
    void ipv6DevicesAreReadThroughTheSameSession() throws IOException {
        InetAddress loopback6;
        try {
            loopback6 = InetAddress.getByName("::1");
            new DatagramSocket(new InetSocketAddress(loopback6, 0)).close();
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback: " + e.getMessage());
            return;
        }
        try (TestAgent six = TestAgent.start(loopback6, printer, "ipv6-engine")) {
            six.addUser("six", protocolsId(AuthProtocol.SHA256), "six-auth-pw", privId(PrivProtocol.AES128), "six-priv-pw");
            assertEquals(printer.get(SYS_DESCR).orElseThrow(),
                    await(reader.get(target(six.address(), new Credential.Community(SnmpVersion.V2C, "public")),
                            List.of(SYS_DESCR))).get(0).value());
            SnmpTarget v3 = target(six.address(), new Credential.Usm("six", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA256,
                    "six-auth-pw", PrivProtocol.AES128, "six-priv-pw", ""));
            assertEquals(1, await(reader.get(v3, List.of(SYS_NAME))).size());
        }
    }

    @Test
    void countersFollowTheTraffic() {
        TrafficCounters before = reader.counters();
        await(reader.get(v2c(), List.of(SYS_DESCR)));
        TrafficCounters after = reader.counters();
        assertEquals(before.requestsSent() + 1, after.requestsSent());
        assertEquals(before.responsesReceived() + 1, after.responsesReceived());
        assertTrue(after.bytesSent() > before.bytesSent());
        assertTrue(after.bytesReceived() - before.bytesReceived() > printer.text(SYS_DESCR).orElseThrow().length());
    }

    @Test
    void theInFlightBoundQueuesRequestsWithoutThreads() throws Exception {
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Snmp4jSession session = new Snmp4jSession(new Snmp4jSession.Settings(null, 0, 4, 0, 100), workers)) {
            SnmpTarget target = new SnmpTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    new Credential.Community(SnmpVersion.V2C, "public"), Duration.ofMillis(200), 0, 60, 25);
            ReadOperations operations = new ReadOperations(session, 100);
            int threadsBefore = Thread.activeCount();
            List<CompletionStage<List<VarBind>>> reads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                reads.add(operations.get(target, List.of(SYS_DESCR)));
            }
            assertEquals(4, session.requestsInFlight());
            assertEquals(6, session.requestsWaiting());
            assertTrue(Thread.activeCount() <= threadsBefore + 1);
            long start = System.nanoTime();
            for (CompletionStage<List<VarBind>> read : reads) {
                assertEquals(Cause.TIMEOUT, failure(read).reason());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 400, "three waves of 200 ms took " + millis + " ms");
            assertEquals(0, session.requestsInFlight());
        } finally {
            workers.shutdown();
        }
    }

    @Test
    void aDeviceTalksToOneSocketOfTheSessionAndDevicesAreSpreadOverAll() throws Exception {
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newSingleThreadExecutor();
        List<DatagramSocket> devices = new ArrayList<>();
        try (Snmp4jSession session = new Snmp4jSession(new Snmp4jSession.Settings(null, 0, 64, 0, 100, 4), workers)) {
            assertEquals(4, session.sockets());
            ReadOperations operations = new ReadOperations(session, 100);
            List<CompletionStage<List<VarBind>>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.5." + (10 + i)), 0));
                silent.setSoTimeout(3000);
                devices.add(silent);
                // one retry: the request and its retry must leave from the same socket
                SnmpTarget target = new SnmpTarget(new InetSocketAddress(silent.getLocalAddress(), silent.getLocalPort()),
                        new Credential.Community(SnmpVersion.V2C, "public"), Duration.ofMillis(200), 1, 60, 25);
                reads.add(operations.get(target, List.of(SYS_DESCR)));
            }
            java.util.Set<Integer> ports = new java.util.TreeSet<>();
            for (DatagramSocket device : devices) {
                java.util.Set<Integer> from = new java.util.TreeSet<>();
                for (int k = 0; k < 2; k++) {
                    java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[1500], 1500);
                    device.receive(packet);
                    from.add(packet.getPort());
                }
                assertEquals(1, from.size(), device.getLocalSocketAddress() + " got its request and retry from " + from);
                ports.addAll(from);
            }
            assertEquals(4, ports.size(), "8 devices over 4 sockets: " + ports);
            assertTrue(ports.contains(session.localAddress().getPort()), ports + " includes the first socket");
            for (CompletionStage<List<VarBind>> read : reads) {
                assertEquals(Cause.TIMEOUT, failure(read).reason());
            }
        } finally {
            devices.forEach(DatagramSocket::close);
            workers.shutdown();
        }
    }

    @Test
    void closingTheSessionFailsWhatIsInFlight() throws Exception {
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Snmp4jSession session = new Snmp4jSession(new Snmp4jSession.Settings(null, 0, 1, 0, 100), workers);
            SnmpTarget target = new SnmpTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    new Credential.Community(SnmpVersion.V2C, "public"), Duration.ofSeconds(20), 0, 60, 25);
            ReadOperations operations = new ReadOperations(session, 100);
            CompletionStage<List<VarBind>> sent = operations.get(target, List.of(SYS_DESCR));
            CompletionStage<List<VarBind>> queued = operations.get(target, List.of(SYS_DESCR));
            session.close();
            assertEquals(Cause.TRANSPORT, failure(sent).reason());
            assertEquals(Cause.TRANSPORT, failure(queued).reason());
        } finally {
            workers.shutdown();
        }
    }

    @Test
    void aCallerThatBlocksInAContinuationDoesNotStarveTheWorkers() throws IOException {
        SnmpReaderComponent single = new SnmpReaderComponent(new TestLog().logger(), Map.of("workerThreads", 1));
        try {
            List<CompletionStage<SnmpValue>> chained = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                chained.add(single.get(v2c(), List.of(SYS_DESCR)).thenApply(first ->
                        single.get(v2c(), List.of(SYS_NAME)).toCompletableFuture().join().get(0).value()));
            }
            chained.forEach(stage -> assertEquals(printer.get(SYS_NAME).orElseThrow(), await(stage)));
        } finally {
            single.deactivate();
        }
    }

    @Test
    void badServiceConfigurationIsReportedByKeyAndDefaultsApply() throws IOException {
        TestLog badLog = new TestLog();
        SnmpReaderComponent bad = new SnmpReaderComponent(badLog.logger(),
                Map.of("maxInFlight", "-5", "workerThreads", "many", "listenAddress", "no.such.host.invalid"));
        try {
            assertEquals(printer.get(SYS_DESCR).orElseThrow(), await(bad.get(v2c(), List.of(SYS_DESCR))).get(0).value());
            String text = badLog.all();
            assertTrue(text.contains("key 'maxInFlight'"), text);
            assertTrue(text.contains("key 'workerThreads'"), text);
            assertTrue(text.contains("key 'listenAddress'"), text);
        } finally {
            bad.deactivate();
        }
    }
}
