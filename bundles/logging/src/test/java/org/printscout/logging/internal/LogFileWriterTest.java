package org.printscout.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

class LogFileWriterTest {

    @TempDir
    Path dir;

    private static LogEntry entry(LogLevel level, String message) {
        return new LogEntry() {
            @Override
            public Bundle getBundle() {
                return null;
            }
            @Override
            public ServiceReference<?> getServiceReference() {
                return null;
            }
            @Override
            @SuppressWarnings("deprecation")
            public int getLevel() {
                return level.ordinal();
            }
            @Override
            public String getMessage() {
                return message;
            }
            @Override
            public Throwable getException() {
                return null;
            }
            @Override
            public long getTime() {
                return 1_764_000_000_000L;
            }
            @Override
            public LogLevel getLogLevel() {
                return level;
            }
            @Override
            public String getLoggerName() {
                return "test";
            }
            @Override
            public long getSequence() {
                return 0;
            }
            @Override
            public String getThreadInfo() {
                return "main";
            }
            @Override
            public StackTraceElement getLocation() {
                return null;
            }
        };
    }

    private List<String> files() throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names.stream().sorted().toList();
    }

    @Test
    void rotatesPastTheSizeLimitAndKeepsOnlyTheConfiguredNumberOfFiles() throws Exception {
        try (LogFileWriter writer = new LogFileWriter(dir, 1024, 2)) {
            for (int i = 0; i < 100; i++) {
                writer.write(entry(LogLevel.INFO, String.format("line %03d %s", i, "x".repeat(60))));
            }
        }
        assertEquals(List.of("printscout.log", "printscout.log.1", "printscout.log.2"), files());
        for (String name : files()) {
            assertTrue(Files.size(dir.resolve(name)) <= 1024, name + " is within the limit");
        }
        String current = Files.readString(dir.resolve("printscout.log"));
        assertTrue(current.contains("line 099"), "the newest line is in the current file");
        assertFalse(Files.readString(dir.resolve("printscout.log.2")).contains("line 000"), "the oldest went");
        assertTrue(current.startsWith("2025-") || current.matches("(?s)\\d{4}-\\d{2}-\\d{2} .*"), current);
        assertTrue(current.contains("INFO  [-] test: line 099"), current);
    }

    @Test
    void appendsToTheFileOfAnEarlierRun() throws Exception {
        try (LogFileWriter writer = new LogFileWriter(dir, 1 << 20, 2)) {
            writer.write(entry(LogLevel.WARN, "before the restart"));
        }
        try (LogFileWriter writer = new LogFileWriter(dir, 1 << 20, 2)) {
            writer.write(entry(LogLevel.ERROR, "after the restart"));
        }
        String text = Files.readString(dir.resolve("printscout.log"));
        assertTrue(text.contains("before the restart") && text.contains("after the restart"), text);
    }
}
