package org.printscout.report.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.api.report.ScanKind;
import org.printscout.api.report.ReportSpool;
import org.printscout.api.report.SetAsideReport;
import org.printscout.api.report.SpooledReport;

/**
 * The spool directory. A report becomes visible only complete: it is written to a temporary file,
 * forced to disk, then renamed atomically into its final name, and the directory is forced so the
 * rename itself survives a power cut. A process killed at any moment therefore leaves either the
 * complete report or a temporary file, and temporary files are removed when the spool opens.
 *
 * <p>File names order the spool: {@code <creation millis, 13 digits>-<m|s>-<report id>.zip}, so the
 * oldest report sorts first and nothing but the directory listing is needed to resume after a
 * restart.
 *
 * <p>Bounds: a report older than the age limit is evicted; while the spool is larger than the size
 * limit, status reports are evicted oldest first, then meter reports oldest first (meter readings
 * are what a dealer bills on; a later status report supersedes an earlier one). The report just
 * stored is never evicted by its own arrival. Every eviction is reported to the listener and counted.
 */
final class FileSpool implements ReportSpool {

    static final String SUFFIX = ".zip";
    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern NAME = Pattern.compile(
            "(\\d{13})-([ms])-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.zip");

    /** Size and age limits. */
    record Bounds(long maxBytes, Duration maxAge) {
    }

    private final Path dir;
    private final Bounds bounds;
    private final Clock clock;
    private final Consumer<String> evictionLog;
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private long lastCreatedMillis;

    /**
     * Opens (creating) the spool and removes what a crash left half-written.
     *
     * @param evictionLog told, in words, about every report evicted and every torn file removed
     */
    FileSpool(Path dir, Bounds bounds, Clock clock, Consumer<String> evictionLog) throws IOException {
        this.dir = dir;
        this.bounds = bounds;
        this.clock = clock;
        this.evictionLog = evictionLog;
        Files.createDirectories(dir);
        removeTornFiles();
        for (SpooledReport report : pending()) {
            lastCreatedMillis = Math.max(lastCreatedMillis, report.created().toEpochMilli());
        }
    }

    private void removeTornFiles() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        if (removed > 0) {
            forceDirectory();
            evictionLog.accept("removed " + removed + " unfinished report file(s) left by an interrupted write in " + dir
                    + "; the reports they belonged to had not been stored");
        }
    }

    /** Stores a report durably; returns once it is on disk under its final name. */
    synchronized SpooledReport store(String id, ScanKind kind, byte[] zipped) throws IOException {
        long created = Math.max(clock.millis(), lastCreatedMillis + 1);
        String name = String.format("%013d-%s-%s%s", created, kind == ScanKind.METER ? "m" : "s", id, SUFFIX);
        Path temp = dir.resolve("." + name + TEMP_SUFFIX);
        Path target = dir.resolve(name);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(zipped);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the spool directory " + dir + " does not support atomic renames; reports could be torn", e);
        }
        forceDirectory();
        lastCreatedMillis = created;
        stored.incrementAndGet();
        SpooledReport report = new SpooledReport(id, kind, Instant.ofEpochMilli(created), zipped.length);
        enforceBounds(report);
        return report;
    }

    @Override
    public synchronized List<SpooledReport> pending() throws IOException {
        List<SpooledReport> reports = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                parse(file).ifPresent(reports::add);
            }
        }
        reports.sort(Comparator.comparing(SpooledReport::created).thenComparing(SpooledReport::id));
        return reports;
    }

    @Override
    public byte[] read(SpooledReport report) throws IOException {
        return Files.readAllBytes(file(report));
    }

    @Override
    public synchronized void acknowledge(SpooledReport report) throws IOException {
        if (Files.deleteIfExists(file(report))) {
            forceDirectory();
        }
    }

    /** At most this many refused reports are kept; beyond, the oldest goes (and the log says so). */
    static final int MAX_SET_ASIDE = 100;
    static final String SET_ASIDE_DIR = "refused";
    private static final String REASON_SUFFIX = ".reason.txt";

    @Override
    public synchronized void setAside(SpooledReport report, String reason) throws IOException {
        Path from = file(report);
        if (!Files.exists(from)) {
            return;
        }
        Path aside = dir.resolve(SET_ASIDE_DIR);
        Files.createDirectories(aside);
        Path target = aside.resolve(from.getFileName());
        // the reason first: a crash between the two steps leaves a report still in the spool, never one without its reason
        Path reasonFile = aside.resolve(from.getFileName() + REASON_SUFFIX);
        Path temp = aside.resolve("." + from.getFileName() + REASON_SUFFIX + TEMP_SUFFIX);
        Files.writeString(temp, reason.length() > 4000 ? reason.substring(0, 4000) + "..." : reason, StandardCharsets.UTF_8);
        Files.move(temp, reasonFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(from, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        List<SetAsideReport> kept = setAside();
        for (int i = 0; i < kept.size() - MAX_SET_ASIDE; i++) {
            SetAsideReport old = kept.get(i);
            Files.deleteIfExists(old.file());
            Files.deleteIfExists(old.file().resolveSibling(old.file().getFileName() + REASON_SUFFIX));
            evictionLog.accept("deleted refused report " + old.report().id() + " of " + old.report().created()
                    + ": more than " + MAX_SET_ASIDE + " refused reports are kept");
        }
    }

    @Override
    public synchronized List<SetAsideReport> setAside() throws IOException {
        Path aside = dir.resolve(SET_ASIDE_DIR);
        List<SetAsideReport> reports = new ArrayList<>();
        if (!Files.isDirectory(aside)) {
            return reports;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(aside, "*" + SUFFIX)) {
            for (Path file : files) {
                Optional<SpooledReport> report = parse(file);
                if (report.isPresent()) {
                    Path reasonFile = file.resolveSibling(file.getFileName() + REASON_SUFFIX);
                    String reason = Files.exists(reasonFile) ? Files.readString(reasonFile, StandardCharsets.UTF_8) : "(no reason kept)";
                    reports.add(new SetAsideReport(report.get(), file, reason));
                }
            }
        }
        reports.sort(Comparator.comparing((SetAsideReport r) -> r.report().created()).thenComparing(r -> r.report().id()));
        return reports;
    }

    long evictedCount() {
        return evicted.get();
    }

    long storedCount() {
        return stored.get();
    }

    Path directory() {
        return dir;
    }

    private void enforceBounds(SpooledReport justStored) throws IOException {
        List<SpooledReport> reports = pending();
        Instant oldestKept = clock.instant().minus(bounds.maxAge());
        long total = 0;
        List<SpooledReport> kept = new ArrayList<>();
        for (SpooledReport report : reports) {
            if (report.created().isBefore(oldestKept) && !report.equals(justStored)) {
                evict(report, "older than " + bounds.maxAge().toDays() + " day(s)");
            } else {
                kept.add(report);
                total += report.size();
            }
        }
        for (ScanKind kind : new ScanKind[] {ScanKind.STATUS, ScanKind.METER}) {
            for (SpooledReport report : kept) {
                if (total <= bounds.maxBytes()) {
                    return;
                }
                if (report.kind() == kind && !report.id().equals(justStored.id())) {
                    evict(report, "the spool holds more than " + bounds.maxBytes() + " bytes");
                    total -= report.size();
                }
            }
        }
    }

    private void evict(SpooledReport report, String reason) throws IOException {
        if (Files.deleteIfExists(file(report))) {
            forceDirectory();
            long count = evicted.incrementAndGet();
            evictionLog.accept("evicted unsent " + report.kind().name().toLowerCase() + " report " + report.id()
                    + " of " + report.created() + " because " + reason + " (" + count + " evicted since start)");
        }
    }

    private Path file(SpooledReport report) {
        return dir.resolve(String.format("%013d-%s-%s%s", report.created().toEpochMilli(),
                report.kind() == ScanKind.METER ? "m" : "s", report.id(), SUFFIX));
    }

    private static Optional<SpooledReport> parse(Path file) throws IOException {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new SpooledReport(name.group(3), "m".equals(name.group(2)) ? ScanKind.METER : ScanKind.STATUS,
                Instant.ofEpochMilli(Long.parseLong(name.group(1))), size));
    }

    /** Makes a rename or delete durable: on Linux a directory's entries are flushed by fsync on it. */
    private void forceDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
