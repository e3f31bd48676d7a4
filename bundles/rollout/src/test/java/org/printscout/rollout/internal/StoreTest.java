package org.printscout.rollout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.rollout.DesiredArtifact;

class StoreTest {

    @TempDir
    Path dir;

    @Test
    void aDownloadIsKeptOnlyWhenItIsTheSignedBytes() throws Exception {
        byte[] bytes = Artifacts.bundle("org.printscout.mib.acme", "1.0.0");
        DesiredArtifact a = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.0.0", bytes, null);
        Store store = new Store(dir.resolve("store"));

        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertEquals("the download is longer than the signed size " + bytes.length, store.put(new ByteArrayInputStream(longer), a.sha256(), a.size()));
        byte[] changed = bytes.clone();
        changed[3] ^= 1;
        assertTrue(store.put(new ByteArrayInputStream(changed), a.sha256(), a.size()).contains("the artifact was changed"));
        assertTrue(store.put(new ByteArrayInputStream(bytes, 0, 10), a.sha256(), a.size()).startsWith("the download has 10 bytes"));
        assertFalse(store.has(a.sha256()), "nothing refused is kept");

        assertNull(store.put(new ByteArrayInputStream(bytes), a.sha256(), a.size()));
        assertTrue(store.has(a.sha256()));
        try (var files = Files.list(dir.resolve("store"))) {
            assertEquals(1, files.count(), "no part file left");
        }
    }
}
