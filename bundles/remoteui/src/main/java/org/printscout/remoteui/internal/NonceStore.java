package org.printscout.remoteui.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nonces of requests already taken, each kept until its request would have expired anyway, on disk so
 * a request replayed after a restart of the agent is still refused. Requests expire within minutes,
 * so the set stays small; past {@link #MAX} live nonces a new request is refused rather than an old
 * nonce forgotten.
 */
final class NonceStore {

    static final int MAX = 10_000;

    private final Path file;
    private final Map<String, Long> seen = new HashMap<>();

    NonceStore(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.split(" ");
                    if (parts.length == 2 && parts[1].matches("[0-9]{1,18}")) {
                        seen.put(parts[0], Long.parseLong(parts[1]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the seen request nonces in " + file, e);
            }
        }
    }

    /** Records the nonce; false when it was seen before (a replay) or too many are live. */
    synchronized boolean firstUse(String nonce, Instant expires, Instant now) {
        seen.values().removeIf(until -> until < now.getEpochSecond());
        if (seen.containsKey(nonce) || seen.size() >= MAX) {
            return false;
        }
        seen.put(nonce, expires.getEpochSecond());
        save();
        return true;
    }

    synchronized boolean seenBefore(String nonce) {
        return seen.containsKey(nonce);
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            List<String> lines = seen.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seen request nonces to " + file, e);
        }
    }
}
