package org.printscout.command.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandResult;
import org.printscout.api.command.CommandResult.Outcome;
import org.printscout.api.command.CommandWorkspace;
import org.printscout.api.discovery.Discovery;
import org.printscout.api.discovery.DiscoveryResult;
import org.printscout.api.discovery.ScanListener;
import org.printscout.api.discovery.ScanProgress;
import org.printscout.api.discovery.ScanRequest;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.CredentialProfile;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpException;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmprecFormat;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

class WalkMibHandlerTest {

    @TempDir
    Path dir;

    private final List<KnownDevice> devices = new ArrayList<>();
    private final List<String> walks = new CopyOnWriteArrayList<>();
    /** Communities that do not answer. */
    private final List<String> silent = new ArrayList<>();
    private WalkResult answer = new WalkResult(List.of(
            new VarBind(Oid.parse("1.3.6.1.2.1.1.1.0"), SnmpValue.text("HP LaserJet M404")),
            new VarBind(Oid.parse("1.3.6.1.2.1.1.2.0"), SnmpValue.objectId(Oid.parse("1.3.6.1.4.1.11.2.3.9.1"))),
            new VarBind(Oid.parse("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0"), SnmpValue.text("CNB1234567"))), null, 3);

    private final CommandWorkspace workspace = command -> Files.createDirectories(dir.resolve("work").resolve(command.id()));

    private final Inventory inventory = new Inventory() {
        @Override
        public List<KnownDevice> devices() {
            return devices;
        }

        @Override
        public Optional<KnownDevice> device(String id) {
            return devices.stream().filter(d -> d.id().equals(id)).findFirst();
        }

        @Override
        public KnownDevice recordReading(DeviceReading reading, int port, String site, String profile, String credentialEntry) {
            throw new UnsupportedOperationException("Walk MIB records nothing");
        }

        @Override
        public void markOffline(String id, Instant when) {
            throw new UnsupportedOperationException("Walk MIB records nothing");
        }

        @Override
        public void flush() {
        }
    };

    private static CredentialProfile.Entry entry(String id, String community) {
        return new CredentialProfile.Entry(id, 0, new Credential.Community(SnmpVersion.V2C, community), Duration.ofSeconds(1), 1, 60, 25);
    }

    private final Discovery discovery = new Discovery() {
        @Override
        public List<org.printscout.api.discovery.ScanProgress> cancel() {
            return List.of();
        }

        @Override
        public CompletionStage<DiscoveryResult> scanSites(ScanListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<DiscoveryResult> scan(ScanRequest request, ScanListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CredentialProfile.Entry> credentials(String profile) {
            return profile.equals("office") ? List.of(entry("office-1", "public"), entry("office-2", "s3cret")) : List.of();
        }

        @Override
        public List<ScanRequest> sites() {
            return List.of();
        }

        @Override
        public Optional<ScanProgress> current() {
            return Optional.empty();
        }
    };

    private final SnmpReader snmp = new SnmpReader() {
        @Override
        public CompletionStage<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
            throw new UnsupportedOperationException("a walk only");
        }

        @Override
        public CompletionStage<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids) {
            throw new UnsupportedOperationException("a walk only");
        }

        @Override
        public CompletionStage<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
            throw new UnsupportedOperationException("a walk only");
        }

        @Override
        public CompletionStage<WalkResult> walk(SnmpTarget target, List<Oid> roots, WalkLimits limits) {
            String community = ((Credential.Community) target.credential()).community();
            walks.add(target.address().getAddress().getHostAddress() + ":" + target.address().getPort() + " " + community + " "
                    + roots + " " + limits.maxRows());
            if (silent.contains(community)) {
                return CompletableFuture.failedFuture(new SnmpException(SnmpException.Cause.TIMEOUT,
                        target.describe() + ": no answer (timeout)"));
            }
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public TrafficCounters counters() {
            return new TrafficCounters(0, 0, 0, 0, 0);
        }
    };

    private WalkMibHandler handler() {
        return new WalkMibHandler(inventory, discovery, snmp, workspace, new WalkLimits(1000, Duration.ofSeconds(20)));
    }

    private static KnownDevice device(String id, String address, int port, String entry) {
        return new KnownDevice(id, "CNB1234567", "00:11:22:33:44:55", address, port, List.of("10.0.0.99"), Instant.EPOCH,
                Instant.EPOCH, true, null, "site-9", "office", entry, null);
    }

    @Test
    void walksMib2AndEnterprisesOfAKnownDeviceWithItsRememberedCredentialIntoASnmprecFile() throws Exception {
        devices.add(device("hp-1", "10.0.0.5", 1161, "office-2"));
        CommandResult result = handler().execute(new Command("31", 6, "10.0.0.5"));

        assertEquals(Outcome.DONE, result.outcome(), result.message());
        assertEquals(List.of("10.0.0.5:1161 s3cret [1.3.6.1.2.1, 1.3.6.1.4.1] 1000"), walks, "only the remembered credential");
        assertEquals("walked 1.3.6.1.2.1, 1.3.6.1.4.1 of device hp-1 at 10.0.0.5:1161: 3 values in 3 requests, complete; "
                + "file walk-10.0.0.5.snmprec", result.message());
        Path file = result.files().get(0);
        assertEquals(dir.resolve("work/31/walk-10.0.0.5.snmprec"), file);
        Snapshot replay = SnmprecFormat.read(new StringReader(Files.readString(file)), file.toString());
        assertEquals(Optional.of("HP LaserJet M404"), replay.text(Oid.parse("1.3.6.1.2.1.1.1.0")));
        assertEquals(3, replay.size(), "the recording replays as it was read");
        assertTrue(!result.message().contains("s3cret"), "no secret in the answer");
    }

    @Test
    void aGivenSubtreeIsWalkedAloneAndAnEarlyStopIsSaid() throws Exception {
        devices.add(device("hp-1", "10.0.0.5", 161, "office-1"));
        answer = new WalkResult(answer.values().subList(0, 1), new SnmpException(SnmpException.Cause.ROW_LIMIT, "more than 1 values"), 1);
        CommandResult result = handler().execute(new Command("32", 6, "  10.0.0.5   1.3.6.1.2.1.43 "));
        assertEquals(List.of("10.0.0.5:161 public [1.3.6.1.2.1.43] 1000"), walks);
        assertEquals(Outcome.DONE, result.outcome());
        assertTrue(result.message().contains("1 values in 1 requests, stopped early: more than 1 values"), result.message());
    }

    @Test
    void whenTheRememberedCredentialIsGoneTheProfileIsTriedInOrder() throws Exception {
        devices.add(device("hp-1", "10.0.0.5", 161, "deleted-entry"));
        silent.add("public");
        CommandResult result = handler().execute(new Command("33", 6, "10.0.0.5"));
        assertEquals(Outcome.DONE, result.outcome(), result.message());
        assertEquals(2, walks.size());
        assertTrue(walks.get(1).contains(" s3cret "), walks.toString());
    }

    @Test
    void aDeviceThatAnswersNoCredentialFailsNamingEachEntryButNoSecret() throws Exception {
        devices.add(device("hp-1", "10.0.0.5", 161, "nothing-remembered"));
        silent.addAll(List.of("public", "s3cret"));
        CommandResult result = handler().execute(new Command("34", 6, "10.0.0.5"));
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.message().startsWith("device hp-1 at 10.0.0.5:161 did not answer the walk: office-1: "), result.message());
        assertTrue(result.message().contains("office-2: "), result.message());
        assertTrue(result.files().isEmpty());
    }

    @Test
    void anAddressTheInventoryDoesNotKnowIsRefusedWithoutSendingAnything() throws Exception {
        devices.add(device("hp-1", "10.0.0.5", 161, "office-1"));
        CommandResult result = handler().execute(new Command("35", 6, "10.0.0.6"));
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("10.0.0.6 is not a device this agent knows; Walk MIB reads only devices in the inventory "
                + "(found by a discovery scan of the site's ranges)", result.message());
        assertEquals(Outcome.FAILED, handler().execute(new Command("36", 6, "10.0.0.99")).outcome(),
                "10.0.0.99 is a previous address, not a current one");
        assertTrue(walks.isEmpty());
    }

    @Test
    void badParametersAreRefusedWithTheExpectedForm() throws Exception {
        devices.add(device("hp-1", "10.0.0.5", 161, "office-1"));
        assertTrue(handler().execute(new Command("37", 6, "")).message().startsWith("Walk MIB takes an IP address"));
        assertTrue(handler().execute(new Command("38", 6, "10.0.0.5 1.3.6 extra")).message().startsWith("Walk MIB takes an IP address"));
        assertEquals("'printer.example.org' is not an IP address (host names are not looked up)",
                handler().execute(new Command("39", 6, "printer.example.org")).message());
        assertEquals("'10.0.0.256' is not an IP address (host names are not looked up)",
                handler().execute(new Command("40", 6, "10.0.0.256")).message());
        assertTrue(handler().execute(new Command("41", 6, "10.0.0.5 1.3.x")).message().startsWith("'1.3.x' is not an OID"));
        assertTrue(walks.isEmpty());
    }

    @Test
    void ipv6AddressesMatchInTheirCanonicalForm() {
        assertEquals(WalkMibHandler.literal("fe80:0:0:0:0:0:0:1"), WalkMibHandler.literal("FE80::1"));
        assertEquals("10.0.0.5", WalkMibHandler.literal(" 10.0.0.5 "));
        assertEquals(null, WalkMibHandler.literal("localhost"));
    }
}
