package org.printscout.scheduler.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * When the agent first ran and when the last meter scan ran, kept on disk so a meter scan missed
 * while the agent was down is noticed at start-up. Written like the inventory: temporary file, fsync,
 * atomic rename.
 */
final class SchedulerState {

    private final Path file;
    private Instant firstStart;
    private Instant lastMeterScan;

    SchedulerState(Path file) {
        this.file = file;
    }

    /** Loads the file; a missing or damaged one starts afresh (first start = now). */
    void load(Instant now) {
        firstStart = now;
        lastMeterScan = null;
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
                firstStart = Instant.parse(p.getProperty("firstStart", now.toString()));
                String last = p.getProperty("lastMeterScan");
                lastMeterScan = last == null ? null : Instant.parse(last);
                return;
            } catch (IOException | DateTimeParseException e) {
                firstStart = now;
            }
        }
        saveQuietly();
    }

    Instant firstStart() {
        return firstStart;
    }

    Instant lastMeterScan() {
        return lastMeterScan;
    }

    Instant lastMeterScanOrFirstStart() {
        return lastMeterScan != null ? lastMeterScan : firstStart;
    }

    void meterScanRan(Instant at) throws IOException {
        lastMeterScan = at;
        save();
    }

    private void saveQuietly() {
        try {
            save();
        } catch (IOException e) {
            // the next successful scan writes it; until then a missed scan may run once more than needed
        }
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        p.setProperty("firstStart", firstStart.toString());
        if (lastMeterScan != null) {
            p.setProperty("lastMeterScan", lastMeterScan.toString());
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "PrintScout scheduler state");
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
