package org.printscout.rollout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.mapper.Claims;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;

/** Which known devices a new mapper is tried on, and what in their reading counts as the mapper failing. */
class ReadingCheckTest {

    private static final Claims HP = Claims.of(List.of(), List.of("1.3.6.1.4.1.11.2.3.9"), List.of());

    @Test
    void aMapperIsTriedOnOnlineDevicesItsClaimsMatchAtMostThree() {
        List<KnownDevice> devices = List.of(
                device("a", "1.3.6.1.4.1.11.2.3.9.1", "HP LaserJet", true),
                device("b", "1.3.6.1.4.1.1347.41", "KYOCERA", true),
                device("c", "1.3.6.1.4.1.11.2.3.9.4", "HP", false),
                device("d", "1.3.6.1.4.1.11.2.3.9.2", "HP", true),
                device("e", "not an oid", "HP", true),
                device("f", "1.3.6.1.4.1.11.2.3.9.3", "HP", true),
                device("g", "1.3.6.1.4.1.11.2.3.9.5", "HP", true));
        assertEquals(List.of("a", "d", "f"), ReadingCheck.claimed(devices, HP).stream().map(KnownDevice::id).toList());
        assertEquals(List.of("a", "b", "d"), ReadingCheck.claimed(devices, Claims.of(List.of(), List.of(), List.of())).stream()
                .map(KnownDevice::id).toList(), "empty claims (the standard mapper) apply to every online device");
        assertEquals(List.of("d", "e", "f"), ReadingCheck.claimed(devices, Claims.of(List.of(), List.of(), List.of("^HP$"))).stream()
                .map(KnownDevice::id).toList(), "a sysDescr pattern also matches a device whose sysObjectID the inventory could not parse");
    }

    @Test
    void onlyAProblemThatNamesTheMapperIsItsFailure() {
        ReadingBuilder acme = new ReadingBuilder().meter("acme.uptime", 5, MeterUnit.CLICKS);
        DeviceReading used = new ReadingBuilder().mergeFrom(acme, "acme").problem("mapper 'hp' failed; its fields are left out: boom")
                .build(Instant.now());
        assertNull(ReadingCheck.verdict("acme", used), "another mapper's failure is not this one's");
        assertTrue(used.sources().containsValue("acme"));
        DeviceReading failed = new ReadingBuilder().problem("mapper 'acme' failed; its fields are left out: java.lang.IllegalStateException: x")
                .build(Instant.now());
        assertEquals("mapper 'acme' failed; its fields are left out: java.lang.IllegalStateException: x", ReadingCheck.verdict("acme", failed));
        DeviceReading slow = new ReadingBuilder().problem("mapper 'acme' took longer than 2000 ms; its fields are left out").build(Instant.now());
        assertTrue(ReadingCheck.verdict("acme", slow).contains("took longer"));
        assertNull(ReadingCheck.verdict("acme", new ReadingBuilder().problem("mapper 'acme2' failed").build(Instant.now())),
                "a name that only starts alike is another mapper");
    }

    private static KnownDevice device(String id, String sysObjectId, String sysDescr, boolean online) {
        DeviceReading reading = new ReadingBuilder().address("127.0.0.1").identity("sysObjectId", sysObjectId).identity("sysDescr", sysDescr)
                .build(Instant.now());
        return new KnownDevice(id, null, null, "127.0.0.1", 161, List.of(), Instant.now(), Instant.now(), online, null, "s", "p", "e", reading);
    }
}
