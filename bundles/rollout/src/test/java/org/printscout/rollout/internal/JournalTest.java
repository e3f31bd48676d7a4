package org.printscout.rollout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill at any point of an install comes back to the old set or the new one: the journal written
 * before anything is touched names both, and the set in force changes only at the commit.
 */
class JournalTest {

    @TempDir
    Path dir;

    private Installed mapping(Store store, String name, String version, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        var signed = Artifacts.signed("mapping", name, version, bytes, null);
        store.put(new ByteArrayInputStream(bytes), signed.sha256(), signed.size());
        return Installed.of(signed);
    }

    @Test
    void aJournalLeftByAKillPutsThePreviousSetBack() throws Exception {
        Path rollout = dir.resolve("rollout");
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Store store = new Store(rollout.resolve("store"));
        MappingFiles files = new MappingFiles(deploy, store);
        Journal journal = new Journal(rollout);

        Installed oldA = mapping(store, "acme-a", "1", "<old a/>");
        Installed oldB = mapping(store, "acme-b", "1", "<old b/>");
        List<Installed> previous = List.of(oldA, oldB);
        files.apply(previous, previous);
        journal.commit(new Journal.State("set-1", previous, "set-1", "healthy", ""));

        // set-2 updates a, drops b, adds c; the agent dies after the deploy folder was changed
        Installed newA = mapping(store, "acme-a", "2", "<new a/>");
        Installed newC = mapping(store, "acme-c", "1", "<new c/>");
        List<Installed> next = List.of(newA, newC);
        journal.begin(new Journal.Pending("set-2", journal.state(), next));
        List<Installed> managed = new ArrayList<>(previous);
        managed.addAll(next);
        files.apply(next, managed);
        assertEquals("<new a/>", Files.readString(deploy.resolve("acme-a.mapping.xml")));
        assertFalse(Files.exists(deploy.resolve("acme-b.mapping.xml")));

        // the next start: a fresh journal object reads what is on disk
        Journal afterKill = new Journal(rollout);
        Journal.Pending pending = afterKill.pending().orElseThrow();
        assertEquals("set-2", pending.setId());
        Journal.State inForce = afterKill.state();
        assertEquals("set-1", inForce.setId(), "the set in force is still the previous one");
        new MappingFiles(deploy, store).apply(inForce.entries(), pending.touchedMappings());
        afterKill.record(inForce.outcome("set-2", "rolled back", "stopped"));

        assertEquals("<old a/>", Files.readString(deploy.resolve("acme-a.mapping.xml")));
        assertEquals("<old b/>", Files.readString(deploy.resolve("acme-b.mapping.xml")));
        assertFalse(Files.exists(deploy.resolve("acme-c.mapping.xml")));
        assertTrue(afterKill.pending().isEmpty(), "the journal is gone");
        assertEquals("rolled back", afterKill.state().lastOutcome());
        assertEquals(List.of(oldA, oldB), afterKill.state().entries());
    }

    @Test
    void aCommitMakesTheNewSetTheOneInForce() throws Exception {
        Path rollout = dir.resolve("rollout");
        Store store = new Store(rollout.resolve("store"));
        Journal journal = new Journal(rollout);
        Installed a = mapping(store, "acme-a", "1", "<a/>");
        journal.begin(new Journal.Pending("set-1", journal.state(), List.of(a)));
        journal.commit(new Journal.State("set-1", List.of(a), "set-1", "healthy", ""));
        Journal again = new Journal(rollout);
        assertTrue(again.pending().isEmpty());
        assertEquals("set-1", again.state().setId());
        assertEquals(List.of(a), again.state().entries());
        try (var names = Files.list(rollout)) {
            assertEquals(List.of("installed.json", "store"), names.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temp file left");
        }
    }

    @Test
    void aLocalMappingFileIsForeign() throws Exception {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Store store = new Store(dir.resolve("store"));
        Files.writeString(deploy.resolve("local.mapping.xml"), "<mine/>");
        MappingFiles files = new MappingFiles(deploy, store);
        Installed portal = mapping(store, "portal", "1", "<p/>");
        files.apply(List.of(portal), List.of(portal));
        assertTrue(files.foreign("local.mapping.xml", List.of(portal)));
        assertFalse(files.foreign("portal.mapping.xml", List.of(portal)));
        files.apply(List.of(), List.of(portal));
        assertTrue(Files.exists(deploy.resolve("local.mapping.xml")), "a local file is never deleted");
        assertFalse(Files.exists(deploy.resolve("portal.mapping.xml")));
    }
}
