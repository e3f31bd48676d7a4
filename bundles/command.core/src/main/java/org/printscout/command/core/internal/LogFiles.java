package org.printscout.command.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's own log files in the log directory, in the order they matter: the file in use
 * ({@code printscout.log}), then its rotated predecessors newest first ({@code printscout.log.1},
 * {@code .2}, ...), then the launcher's {@code console.log}. Nothing else in the directory is ever
 * listed: not other files, not symbolic links (which could point anywhere the agent may read), so
 * Upload Log Files cannot be turned into a way to fetch configuration, keys or system files.
 */
final class LogFiles {

    static final String CURRENT = "printscout.log";
    /** The launcher appends the agent's console to it while the agent runs in the background. */
    static final String CONSOLE = "console.log";
    private static final Pattern ROTATED = Pattern.compile(".+\\.log\\.(\\d{1,6})");
    private static final Pattern OWN = Pattern.compile("printscout\\.log(\\.\\d{1,6})?|console\\.log");

    private LogFiles() {
    }

    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("there is no log directory " + dir);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> found = Files.list(dir)) {
            found.filter(LogFiles::own).forEach(files::add);
        }
        files.sort(Comparator.comparingInt(LogFiles::rank).thenComparingInt(LogFiles::generation)
                .thenComparing(LogFiles::modified, Comparator.reverseOrder()).thenComparing(Path::toString));
        return files;
    }

    /** One of the agent's log files: its name, and a regular file in its own right (not a link). */
    static boolean own(Path file) {
        return OWN.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** True for a rotated file ({@code something.log.N}): never written to again, safe to delete. */
    static boolean rotated(Path file) {
        return ROTATED.matcher(file.getFileName().toString()).matches();
    }

    private static int rank(Path file) {
        String name = file.getFileName().toString();
        return name.equals(CURRENT) ? 0 : name.startsWith(CURRENT + ".") && rotated(file) ? 1 : 2;
    }

    private static int generation(Path file) {
        Matcher m = ROTATED.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    static String kib(long bytes) {
        return (bytes + 1023) / 1024 + " KiB";
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
