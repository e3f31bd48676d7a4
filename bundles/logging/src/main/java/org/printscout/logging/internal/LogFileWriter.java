package org.printscout.logging.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.osgi.service.log.LogEntry;

/**
 * Appends log entries to {@code printscout.log} and rotates it to {@code printscout.log.1 .. N} when
 * it grows past the size limit, so logs never fill a small appliance's disk.
 */
final class LogFileWriter implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    LogFileWriter(Path directory, long maxBytes, int keep) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve("printscout.log");
        this.maxBytes = maxBytes;
        this.keep = keep;
        open();
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    synchronized void write(LogEntry entry) {
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(Instant.ofEpochMilli(entry.getTime()))).append(' ')
                .append(String.format("%-5s", entry.getLogLevel())).append(' ')
                .append('[').append(entry.getBundle() == null ? "-" : entry.getBundle().getSymbolicName()).append("] ")
                .append(entry.getLoggerName()).append(": ").append(entry.getMessage()).append('\n');
        if (entry.getException() != null) {
            StringWriter trace = new StringWriter();
            entry.getException().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (size + bytes.length > maxBytes && size > 0) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            // The log is the last place to report a problem; stderr reaches the console log.
            System.err.println("printscout: cannot write " + file + ": " + e.getMessage());
        }
    }

    private void rotate() throws IOException {
        out.close();
        Path dir = file.getParent();
        Files.deleteIfExists(dir.resolve("printscout.log." + keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = dir.resolve("printscout.log." + i);
            if (Files.exists(from)) {
                Files.move(from, dir.resolve("printscout.log." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, dir.resolve("printscout.log.1"), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
