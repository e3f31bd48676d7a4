package org.printscout.simulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmprecFormat;

/**
 * A device recording to replay, with the name its device answers to as a v1/v2c community (the
 * {@code .snmprec} file name without the extension, as snmpsim does).
 *
 * @param name the recording's name
 * @param snapshot the values
 * @param skippedLines lines of the file that could not be read and are not served, one message each
 *        (file, line number and reason)
 */
public record Recording(String name, Snapshot snapshot, List<String> skippedLines) {

    public static final String EXTENSION = ".snmprec";

    public Recording {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(snapshot, "snapshot");
        skippedLines = List.copyOf(skippedLines);
    }

    public static Recording of(String name, Snapshot snapshot) {
        return new Recording(name, snapshot, List.of());
    }

    /** Reads one {@code .snmprec} file; damaged lines are skipped and listed, not fatal. */
    public static Recording load(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(EXTENSION) ? fileName.substring(0, fileName.length() - EXTENSION.length()) : fileName;
        List<String> skipped = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            Snapshot snapshot = SnmprecFormat.readLenient(in, fileName, bad -> skipped.add(bad.getMessage()));
            return new Recording(name, snapshot, skipped);
        }
    }

    /**
     * Reads files and directories: a directory contributes its {@code *.snmprec} files (not its
     * subdirectories), sorted by name so a fleet built from it is the same on every run.
     */
    public static List<Recording> loadAll(List<Path> filesOrDirectories) throws IOException {
        List<Recording> recordings = new ArrayList<>();
        for (Path path : filesOrDirectories) {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> listing = Files.list(path)) {
                    files = listing.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
                            .filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    recordings.add(load(file));
                }
            } else if (Files.isRegularFile(path)) {
                recordings.add(load(path));
            } else {
                throw new IOException("no recording at " + path);
            }
        }
        return recordings;
    }
}
