package org.printscout.command.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

import org.printscout.api.command.Command;
import org.printscout.api.command.CommandResult;

/**
 * Results not yet delivered to the portal, on disk: the portal hands each command out once, so a
 * result that could not be sent (portal down, agent restarted by the command itself) must survive
 * until the next poll. One {@code NNNNNNNNNN-ID.properties} per result (outcome, message, whether
 * its zip was uploaded) and its {@code .zip} if it has files; the number keeps them in order. Written
 * temp + rename, so a crash leaves either the old state or the new.
 */
final class Outbox {

    /**
     * One undelivered result. {@code zip} is null when the command produced no files; {@code file} is
     * null for a result the disk refused to keep (it lives in memory until sent).
     */
    static final class Entry {
        final Command command;
        CommandResult result;
        Path zip;
        boolean fileUploaded;
        final Path file;

        Entry(Command command, CommandResult result, Path zip, boolean fileUploaded, Path file) {
            this.command = command;
            this.result = result;
            this.zip = zip;
            this.fileUploaded = fileUploaded;
            this.file = file;
        }
    }

    private final Path dir;
    private long next;

    Outbox(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        for (Path p : list()) {
            next = Math.max(next, sequence(p) + 1);
        }
        try (DirectoryStream<Path> temp = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : temp) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Where the zip of the next entry for {@code command} is written before {@link #add}. */
    synchronized Path reserveZip(Command command) {
        return dir.resolve(String.format("%010d-%s.zip", next++, Workspace.safeName(command.id())));
    }

    /** Records a result (with the zip written at {@code zip}, or null). */
    synchronized Entry add(Command command, CommandResult result, Path zip) throws IOException {
        Path file = zip != null ? dir.resolve(zip.getFileName().toString().replaceFirst("\\.zip$", ".properties"))
                : dir.resolve(String.format("%010d-%s.properties", next++, Workspace.safeName(command.id())));
        Entry entry = new Entry(command, result, zip, false, file);
        save(entry);
        return entry;
    }

    synchronized void save(Entry entry) throws IOException {
        if (entry.file == null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("id", entry.command.id());
        p.setProperty("code", Integer.toString(entry.command.code()));
        p.setProperty("parameter", entry.command.parameter());
        p.setProperty("outcome", entry.result.outcome().name());
        p.setProperty("message", entry.result.message());
        if (entry.zip != null) {
            p.setProperty("zip", entry.zip.getFileName().toString());
            p.setProperty("fileUploaded", Boolean.toString(entry.fileUploaded));
        }
        Path temp = entry.file.resolveSibling(entry.file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "PrintScout command result not yet delivered");
        }
        Files.move(temp, entry.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes an entry and its zip. */
    synchronized void remove(Entry entry) throws IOException {
        if (entry.file != null) {
            Files.deleteIfExists(entry.file);
        }
        if (entry.zip != null) {
            Files.deleteIfExists(entry.zip);
        }
    }

    /** Every entry, oldest first; a damaged one is dropped (and its zip with it). */
    synchronized List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path file : list()) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
                Command command = new Command(p.getProperty("id"), Integer.parseInt(p.getProperty("code")), p.getProperty("parameter"));
                CommandResult result = new CommandResult(CommandResult.Outcome.valueOf(p.getProperty("outcome")),
                        p.getProperty("message"), List.of());
                String zip = p.getProperty("zip");
                entries.add(new Entry(command, result, zip == null ? null : dir.resolve(zip),
                        Boolean.parseBoolean(p.getProperty("fileUploaded")), file));
            } catch (RuntimeException e) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir.resolve(file.getFileName().toString().replaceFirst("\\.properties$", ".zip")));
            }
        }
        return entries;
    }

    /** Deletes zips no entry refers to (written when the agent stopped before recording the result). */
    synchronized void deleteOrphanZips() throws IOException {
        List<Path> zips = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, "*.zip")) {
            found.forEach(zips::add);
        }
        for (Path zip : zips) {
            if (!Files.exists(dir.resolve(zip.getFileName().toString().replaceFirst("\\.zip$", ".properties")))) {
                Files.deleteIfExists(zip);
            }
        }
    }

    private List<Path> list() throws IOException {
        TreeMap<Long, Path> sorted = new TreeMap<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, "*.properties")) {
            for (Path p : found) {
                long seq = sequence(p);
                if (seq >= 0) {
                    sorted.put(seq, p);
                }
            }
        }
        return new ArrayList<>(sorted.values());
    }

    private static long sequence(Path file) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return dash <= 0 ? -1 : Long.parseLong(name.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
