package org.printscout.simulator.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared recordings are: surefire sets {@code printscout.testdata}. */
final class TestData {

    private TestData() {
    }

    static Path printers() {
        String dir = System.getProperty("printscout.testdata");
        if (dir == null) {
            throw new IllegalStateException("system property printscout.testdata is not set (surefire sets it)");
        }
        Path recordings = Path.of(dir, "printers", "snmprec");
        if (!Files.isDirectory(recordings)) {
            throw new IllegalStateException("no recordings at " + recordings);
        }
        return recordings;
    }
}
