package org.printscout.inventory.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.model.DeviceIdentity;
import org.printscout.api.model.DeviceReading;

/**
 * The inventory's state and its file. Every change is in memory at once; {@link #save()} writes the
 * whole file the crash-safe way: a temporary file beside it, fsync, an atomic rename over the old
 * one, fsync of the directory. A crash (kill -9, power loss) at any point leaves either the old or
 * the new file complete; a half-written temporary file is ignored and removed at the next load.
 *
 * <p>Not thread-safe by itself: the component serialises access.
 */
final class InventoryStore {

    static final int FORMAT_VERSION = 1;

    private final Path file;
    private final Path temp;
    private final int maxPreviousAddresses;
    private final Gson gson = new GsonBuilder().registerTypeAdapter(Instant.class, new InstantAdapter()).create();
    private final Map<String, KnownDevice> devices = new LinkedHashMap<>();
    private long changes;

    InventoryStore(Path file, int maxPreviousAddresses) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
        this.maxPreviousAddresses = maxPreviousAddresses;
    }

    /** The file's content, as written. */
    record Content(int version, List<KnownDevice> devices) {
    }

    /**
     * Loads the file. A leftover temporary file is the trace of a write that did not finish: the
     * complete file beside it is the truth. An unreadable file is moved aside (never deleted) and
     * the inventory starts empty, so the agent keeps working.
     *
     * @return a message for the log when something was wrong, else null
     */
    String load() throws IOException {
        devices.clear();
        String note = null;
        if (Files.deleteIfExists(temp)) {
            note = "removed " + temp.getFileName() + ", left by a write that did not finish; " + file.getFileName() + " is complete";
        }
        if (!Files.exists(file)) {
            return note;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Content content = gson.fromJson(in, Content.class);
            if (content == null || content.devices() == null) {
                throw new JsonParseException("no devices");
            }
            if (content.version() != FORMAT_VERSION) {
                throw new JsonParseException("format version " + content.version() + " is not " + FORMAT_VERSION);
            }
            for (KnownDevice d : content.devices()) {
                devices.put(d.id(), d);
            }
            return note;
        } catch (RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            Files.move(file, aside);
            devices.clear();
            return "could not read " + file + " (" + e.getMessage() + "); moved it to " + aside.getFileName() + " and started empty";
        }
    }

    void save() throws IOException {
        Files.createDirectories(file.getParent());
        List<KnownDevice> sorted = new ArrayList<>(devices.values());
        sorted.sort(Comparator.comparing(KnownDevice::id));
        byte[] bytes = gson.toJson(new Content(FORMAT_VERSION, sorted)).getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + file.getParent() + " cannot rename atomically; the inventory needs it", e);
        }
        // the rename itself is durable only once the directory entry is on disk
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; the rename is still atomic there
        }
    }

    long changes() {
        return changes;
    }

    List<KnownDevice> devices() {
        List<KnownDevice> out = new ArrayList<>(devices.values());
        out.sort(Comparator.comparing(KnownDevice::address).thenComparingInt(KnownDevice::port).thenComparing(KnownDevice::id));
        return out;
    }

    Optional<KnownDevice> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    KnownDevice record(DeviceReading reading, int port, String site, String profile, String credentialEntry) {
        DeviceIdentity identity = reading.identity();
        DeviceIdentityKey key = DeviceIdentityKey.of(identity, port);
        KnownDevice existing = find(key);
        String address = identity.address();
        Instant seen = reading.readAt();
        KnownDevice updated;
        if (existing == null) {
            updated = new KnownDevice(key.id(), key.serial(), key.mac(), address, port, List.of(), seen, seen, true, null,
                    site, profile, credentialEntry, reading);
        } else {
            List<String> previous = new ArrayList<>(existing.previousAddresses());
            String oldWhere = existing.address() + ":" + existing.port();
            if (!oldWhere.equals(address + ":" + port)) {
                previous.remove(oldWhere);
                previous.add(0, oldWhere);
                while (previous.size() > maxPreviousAddresses) {
                    previous.remove(previous.size() - 1);
                }
            }
            updated = new KnownDevice(existing.id(), orElse(key.serial(), existing.serialNumber()),
                    orElse(key.mac(), existing.macAddress()), address, port, previous, existing.firstSeen(),
                    seen.isAfter(existing.lastSeen()) ? seen : existing.lastSeen(), true, null, site, profile,
                    credentialEntry, reading);
        }
        devices.put(updated.id(), updated);
        changes++;
        return updated;
    }

    /**
     * The known device with this identity. When the reading lacks one half (a MAC that could not be
     * read this time), a device that matches the other half is the same device if it is the only one.
     */
    private KnownDevice find(DeviceIdentityKey key) {
        KnownDevice exact = devices.get(key.id());
        if (exact != null || key.fallback() != null || key.complete()) {
            return exact;
        }
        KnownDevice only = null;
        for (KnownDevice d : devices.values()) {
            boolean match = key.serial() != null ? key.serial().equals(d.serialNumber()) : key.mac().equals(d.macAddress());
            if (match) {
                if (only != null) {
                    return null;
                }
                only = d;
            }
        }
        return only;
    }

    boolean markOffline(String id, Instant when) {
        KnownDevice d = devices.get(id);
        if (d == null || !d.online()) {
            return false;
        }
        devices.put(id, new KnownDevice(d.id(), d.serialNumber(), d.macAddress(), d.address(), d.port(), d.previousAddresses(),
                d.firstSeen(), d.lastSeen(), false, when, d.site(), d.profile(), d.credentialEntry(), d.lastReading()));
        changes++;
        return true;
    }

    Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        for (KnownDevice d : devices.values()) {
            out.merge(d.online() ? "online" : "offline", 1L, Long::sum);
        }
        return out;
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }

    /** Instants as ISO-8601 text, readable in the file. */
    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Instant.parse(in.nextString());
        }
    }
}
