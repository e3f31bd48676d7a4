package org.printscout.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.inventory.KnownDevice;

class InventoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path dir;

    private InventoryStore store() {
        return new InventoryStore(dir.resolve("devices.json"), 3);
    }

    @Test
    void aDeviceThatChangesAddressStaysOneDeviceWithItsHistory() {
        InventoryStore store = store();
        KnownDevice first = store.record(Readings.of("10.0.0.5", "SN1", "AA:BB:CC:00:00:01", 100, T0), 161, "s", "default", "e1");
        KnownDevice moved = store.record(Readings.of("10.0.0.9", "SN1", "AA:BB:CC:00:00:01", 150, T0.plusSeconds(60)), 161, "s", "default", "e1");
        assertEquals(first.id(), moved.id());
        assertEquals(1, store.devices().size());
        assertEquals("10.0.0.9", moved.address());
        assertEquals(List.of("10.0.0.5:161"), moved.previousAddresses());
        assertEquals(T0, moved.firstSeen());
        assertEquals(T0.plusSeconds(60), moved.lastSeen());
        assertEquals(150, moved.lastReading().meter("total").orElseThrow().value());
    }

    @Test
    void twoDevicesBehindOneAddressAreNotMerged() {
        InventoryStore store = store();
        KnownDevice a = store.record(Readings.of("10.0.0.5", "SN1", "AA:BB:CC:00:00:01", 100, T0), 161, "s", "default", "e1");
        KnownDevice b = store.record(Readings.of("10.0.0.5", "SN2", "AA:BB:CC:00:00:02", 100, T0), 161, "s", "default", "e1");
        assertNotEquals(a.id(), b.id());
        assertEquals(2, store.devices().size());
    }

    @Test
    void sameSerialWithAnotherMacIsAnotherDevice() {
        InventoryStore store = store();
        KnownDevice a = store.record(Readings.of("10.0.0.5", "SN1", "AA:BB:CC:00:00:01", 1, T0), 161, "s", "p", "e");
        KnownDevice b = store.record(Readings.of("10.0.0.6", "SN1", "AA:BB:CC:00:00:02", 1, T0), 161, "s", "p", "e");
        assertNotEquals(a.id(), b.id());
    }

    @Test
    void aReadingMissingItsMacThisTimeStillFindsTheOnlyDeviceWithThatSerial() {
        InventoryStore store = store();
        KnownDevice a = store.record(Readings.of("10.0.0.5", "SN1", "AA:BB:CC:00:00:01", 1, T0), 161, "s", "p", "e");
        KnownDevice again = store.record(Readings.of("10.0.0.5", "SN1", null, 2, T0.plusSeconds(1)), 161, "s", "p", "e");
        assertEquals(a.id(), again.id());
        assertEquals("AA:BB:CC:00:00:01", again.macAddress());
    }

    @Test
    void aDeviceWithoutSerialOrMacIsKnownByAddressPortAndSysObjectId() {
        InventoryStore store = store();
        KnownDevice a = store.record(Readings.of("10.0.0.5", null, null, 1, T0), 161, "s", "p", "e");
        KnownDevice b = store.record(Readings.of("10.0.0.5", null, null, 1, T0), 16100, "s", "p", "e");
        KnownDevice a2 = store.record(Readings.of("10.0.0.5", null, null, 2, T0), 161, "s", "p", "e");
        assertNotEquals(a.id(), b.id());
        assertEquals(a.id(), a2.id());
    }

    @Test
    void offlineDevicesAreKeptAndComeBackOnline() {
        InventoryStore store = store();
        KnownDevice a = store.record(Readings.of("10.0.0.5", "SN1", "M1", 1, T0), 161, "s", "p", "e");
        assertTrue(store.markOffline(a.id(), T0.plusSeconds(600)));
        KnownDevice offline = store.device(a.id()).orElseThrow();
        assertFalse(offline.online());
        assertEquals(T0.plusSeconds(600), offline.offlineSince());
        assertNotNull(offline.lastReading());
        KnownDevice back = store.record(Readings.of("10.0.0.5", "SN1", "M1", 2, T0.plusSeconds(900)), 161, "s", "p", "e");
        assertTrue(back.online());
        assertNull(back.offlineSince());
    }

    @Test
    void savesAndLoadsEverythingIncludingTheLastReading() throws Exception {
        InventoryStore store = store();
        store.record(Readings.of("10.0.0.5", "SN1", "M1", 42, T0), 161, "site", "office", "org.printscout.snmp.profile~v3");
        store.record(Readings.of("10.0.0.6", "SN2", "M2", 43, T0), 161, "site", "office", "x");
        store.save();
        InventoryStore again = store();
        assertNull(again.load());
        assertEquals(store.devices(), again.devices());
        assertEquals("org.printscout.snmp.profile~v3", again.devices().get(0).credentialEntry());
    }

    @Test
    void aTornTemporaryFileIsIgnoredAndTheCompleteFileLoads() throws Exception {
        InventoryStore store = store();
        store.record(Readings.of("10.0.0.5", "SN1", "M1", 42, T0), 161, "site", "p", "e");
        store.save();
        byte[] complete = Files.readAllBytes(dir.resolve("devices.json"));
        // a crash in the middle of the next write leaves half a temporary file beside the complete one
        Files.write(dir.resolve("devices.json.tmp"), java.util.Arrays.copyOf(complete, complete.length / 2));
        InventoryStore again = store();
        String note = again.load();
        assertNotNull(note);
        assertEquals(1, again.devices().size());
        assertFalse(Files.exists(dir.resolve("devices.json.tmp")));
    }

    @Test
    void aDamagedFileIsMovedAsideNotDeletedAndTheInventoryStartsEmpty() throws Exception {
        Files.writeString(dir.resolve("devices.json"), "{\"version\":1,\"devices\":[{\"id\":", StandardCharsets.UTF_8);
        InventoryStore store = store();
        String note = store.load();
        assertTrue(note.contains("moved it to"), note);
        assertEquals(0, store.devices().size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("devices.json.unreadable-")).count());
        }
    }
}
