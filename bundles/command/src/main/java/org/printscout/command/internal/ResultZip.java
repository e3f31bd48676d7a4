package org.printscout.command.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a command's result files into one zip of at most a given size. Files come in the handler's
 * order of importance: when the zip would grow past the limit, the files from the one that does not
 * fit onwards are left out (and named), so the most important ones still arrive.
 */
final class ResultZip {

    /** What went into the zip and what did not. */
    record Packed(List<String> included, List<String> leftOut, List<String> missing, long bytes) {
        /** A note for the result message, empty when everything went in. */
        String note(long limit) {
            StringBuilder out = new StringBuilder();
            if (!leftOut.isEmpty()) {
                out.append("; left out (the zip would exceed ").append(limit / (1024 * 1024)).append(" MiB): ")
                        .append(String.join(", ", leftOut));
            }
            if (!missing.isEmpty()) {
                out.append("; gone before they could be packed: ").append(String.join(", ", missing));
            }
            return out.toString();
        }
    }

    /** Thrown while writing once the limit is passed; never escapes. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private ResultZip() {
    }

    /** Writes {@code zip} from as many of {@code files} as fit within {@code limit} bytes. */
    static Packed write(List<Path> files, Path zip, long limit) throws IOException {
        List<Path> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                present.add(file);
            } else {
                missing.add(file.getFileName().toString());
            }
        }
        for (int count = present.size(); count >= 0; count--) {
            List<String> vanished = new ArrayList<>();
            try {
                long bytes = tryWrite(present.subList(0, count), zip, limit, vanished);
                List<String> included = present.subList(0, count).stream().map(p -> p.getFileName().toString())
                        .filter(n -> !vanished.contains(n)).toList();
                List<String> leftOut = present.subList(count, present.size()).stream().map(p -> p.getFileName().toString()).toList();
                List<String> gone = new ArrayList<>(missing);
                gone.addAll(vanished);
                return new Packed(included, leftOut, gone, bytes);
            } catch (TooLarge e) {
                // one file fewer
            }
        }
        throw new IllegalStateException("an empty zip is larger than " + limit + " bytes");
    }

    private static long tryWrite(List<Path> files, Path zip, long limit, List<String> missing) throws IOException {
        Set<String> names = new HashSet<>();
        long[] written = {0};
        OutputStream counting = new FilterOutputStream(Files.newOutputStream(zip)) {
            @Override
            public void write(int b) throws IOException {
                count(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                count(len);
                out.write(b, off, len);
            }

            private void count(int n) throws TooLarge {
                written[0] += n;
                if (written[0] > limit) {
                    throw new TooLarge();
                }
            }
        };
        try (ZipOutputStream out = new ZipOutputStream(counting)) {
            for (Path file : files) {
                String name = unique(file.getFileName().toString(), names);
                ZipEntry entry = new ZipEntry(name);
                try {
                    entry.setLastModifiedTime(Files.getLastModifiedTime(file));
                    out.putNextEntry(entry);
                    Files.copy(file, out);
                } catch (NoSuchFileException e) {
                    // deleted between the check and the copy (a log rotated away): named as gone
                    missing.add(name);
                }
                out.closeEntry();
            }
        }
        return written[0];
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name + "." + i;
        }
        return candidate;
    }
}
