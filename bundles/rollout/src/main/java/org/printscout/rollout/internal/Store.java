package org.printscout.rollout.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Downloaded artifacts under {@code data/rollout/store/}, one file per SHA-256. A download is checked
 * while it streams (never more bytes than announced, the digest at the end) and only then moved to its
 * name, so a file in the store is always whole and always the bytes its name says.
 */
final class Store {

    private final Path dir;

    Store(Path dir) {
        this.dir = dir;
    }

    Path file(String sha256) {
        return dir.resolve(sha256);
    }

    boolean has(String sha256) {
        return Files.isRegularFile(file(sha256));
    }

    /**
     * Copies the download into the store.
     *
     * @return why the bytes are refused (too long, too short, another digest), or null when stored
     */
    String put(InputStream in, String sha256, long size) throws IOException {
        Files.createDirectories(dir);
        Path part = dir.resolve(sha256 + ".part");
        MessageDigest digest = Verifier.digest();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > size) {
                    Files.deleteIfExists(part);
                    return "the download is longer than the signed size " + size;
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            channel.force(true);
        }
        if (total != size) {
            Files.deleteIfExists(part);
            return "the download has " + total + " bytes, not the signed " + size;
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            Files.deleteIfExists(part);
            return "the download's SHA-256 is " + actual + ", not the signed " + sha256 + " (the artifact was changed)";
        }
        Files.move(part, file(sha256), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.syncDirectory(dir);
        return null;
    }

    /** Deletes what no set in {@code keep} refers to (and unfinished downloads). */
    void retainOnly(Collection<String> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> names = Set.copyOf(keep);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.collect(Collectors.toList())) {
                if (!names.contains(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
