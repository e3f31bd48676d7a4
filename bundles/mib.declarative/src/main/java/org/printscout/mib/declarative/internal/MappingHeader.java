package org.printscout.mib.declarative.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@value #NAME} manifest header of a mapping bundle: comma-separated entry paths, each a
 * directory and a file pattern ({@code mappings/*.xml}) or one file ({@code mappings/zebra.xml}),
 * as {@code Bundle.findEntries} takes them.
 */
final class MappingHeader {

    static final String NAME = "PrintScout-Mappings";

    /** One clause: where to look, and which names. */
    record Entries(String directory, String filePattern) {
        @Override
        public String toString() {
            return directory.equals("/") ? filePattern : directory + "/" + filePattern;
        }
    }

    private MappingHeader() {
    }

    static List<Entries> parse(String header) {
        List<Entries> out = new ArrayList<>();
        for (String clause : header.split(",")) {
            String path = clause.strip();
            int attributes = path.indexOf(';');
            if (attributes >= 0) {
                path = path.substring(0, attributes).strip();
            }
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            if (path.isEmpty()) {
                continue;
            }
            int slash = path.lastIndexOf('/');
            out.add(slash < 0 ? new Entries("/", path) : new Entries(path.substring(0, slash), path.substring(slash + 1)));
        }
        return out;
    }
}
