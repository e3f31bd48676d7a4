package org.printscout.report.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.report.ScanKind;
import org.printscout.api.report.SpooledReport;

class FileSpoolTest {

    @TempDir
    Path dir;

    private final List<String> logged = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));

    private FileSpool open(long maxBytes, Duration maxAge) throws IOException {
        return new FileSpool(dir, new FileSpool.Bounds(maxBytes, maxAge), clock, logged::add);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void reportsComeBackOldestFirstAcrossARestart() throws IOException {
        FileSpool spool = open(1 << 20, Duration.ofDays(30));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = id();
            ids.add(id);
            // same millisecond on purpose: the order must still be the order of storing
            spool.store(id, i % 2 == 0 ? ScanKind.METER : ScanKind.STATUS, bytes("report " + i));
        }
        FileSpool reopened = open(1 << 20, Duration.ofDays(30));
        List<SpooledReport> pending = reopened.pending();
        assertEquals(ids, pending.stream().map(SpooledReport::id).collect(Collectors.toList()));
        assertArrayEquals(bytes("report 3"), reopened.read(pending.get(3)));
        assertEquals(ScanKind.STATUS, pending.get(1).kind());
        String later = id();
        reopened.store(later, ScanKind.METER, bytes("after restart"));
        assertEquals(later, reopened.pending().get(5).id(), "a report stored after a restart sorts after the older ones");
    }

    @Test
    void aRefusedReportIsSetAsideWithItsReasonKeptAcrossARestartAndNeverPendingAgain() throws IOException {
        FileSpool spool = open(1 << 20, Duration.ofDays(30));
        SpooledReport bad = spool.store(id(), ScanKind.METER, bytes("unstorable"));
        SpooledReport good = spool.store(id(), ScanKind.METER, bytes("fine"));
        spool.setAside(bad, "report x: the portal answered HTTP 422: meter name longer than 64 characters");
        spool.setAside(bad, "twice is harmless");
        assertEquals(List.of(good), spool.pending());
        FileSpool reopened = open(1 << 20, Duration.ofDays(30));
        assertEquals(List.of(good), reopened.pending(), "not pending after a restart either");
        var aside = reopened.setAside();
        assertEquals(1, aside.size());
        assertEquals(bad, aside.get(0).report());
        assertEquals("report x: the portal answered HTTP 422: meter name longer than 64 characters", aside.get(0).reason());
        assertArrayEquals(bytes("unstorable"), java.nio.file.Files.readAllBytes(aside.get(0).file()), "kept, byte for byte");
    }

    @Test
    void atMostAHundredRefusedReportsAreKeptTheOldestGoesFirst() throws IOException {
        FileSpool spool = open(1 << 30, Duration.ofDays(30));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < FileSpool.MAX_SET_ASIDE + 3; i++) {
            SpooledReport r = spool.store(id(), ScanKind.STATUS, bytes("r" + i));
            ids.add(r.id());
            spool.setAside(r, "refused " + i);
        }
        var aside = spool.setAside();
        assertEquals(FileSpool.MAX_SET_ASIDE, aside.size());
        assertEquals(ids.subList(3, ids.size()), aside.stream().map(a -> a.report().id()).collect(Collectors.toList()));
        assertEquals(3, logged.stream().filter(l -> l.startsWith("deleted refused report ")).count(), logged.toString());
    }

    @Test
    void acknowledgedReportIsGoneAndAcknowledgingTwiceIsHarmless() throws IOException {
        FileSpool spool = open(1 << 20, Duration.ofDays(30));
        SpooledReport first = spool.store(id(), ScanKind.METER, bytes("a"));
        SpooledReport second = spool.store(id(), ScanKind.METER, bytes("b"));
        spool.acknowledge(first);
        spool.acknowledge(first);
        assertEquals(List.of(second), spool.pending());
        assertThrows(NoSuchFileException.class, () -> spool.read(first));
    }

    @Test
    void tornTemporaryFilesFromACrashAreRemovedAndNeverSent() throws IOException {
        FileSpool spool = open(1 << 20, Duration.ofDays(30));
        SpooledReport complete = spool.store(id(), ScanKind.METER, bytes("complete"));
        // what a kill during store() leaves: the temporary file, half written, under its temporary name
        Path torn = dir.resolve("." + String.format("%013d", clock.millis() + 5) + "-m-" + id() + ".zip.tmp");
        Files.write(torn, new byte[] {'P', 'K', 3});
        Path empty = dir.resolve("." + String.format("%013d", clock.millis() + 6) + "-s-" + id() + ".zip.tmp");
        Files.write(empty, new byte[0]);
        assertEquals(List.of(complete), spool.pending(), "a temporary file is never pending");

        FileSpool reopened = open(1 << 20, Duration.ofDays(30));
        assertFalse(Files.exists(torn));
        assertFalse(Files.exists(empty));
        assertEquals(List.of(complete), reopened.pending());
        assertTrue(logged.stream().anyMatch(line -> line.contains("removed 2 unfinished")), logged.toString());
    }

    @Test
    void foreignFilesInTheSpoolAreIgnored() throws IOException {
        FileSpool spool = open(1 << 20, Duration.ofDays(30));
        Files.writeString(dir.resolve("README.txt"), "not a report");
        Files.writeString(dir.resolve("123-m-x.zip"), "bad name");
        assertEquals(List.of(), spool.pending());
    }

    @Test
    void reportsOlderThanTheAgeLimitAreEvictedLoggedAndCounted() throws IOException {
        FileSpool spool = open(1 << 20, Duration.ofDays(2));
        SpooledReport old = spool.store(id(), ScanKind.METER, bytes("old"));
        clock.advance(Duration.ofDays(3));
        SpooledReport fresh = spool.store(id(), ScanKind.METER, bytes("fresh"));
        assertEquals(List.of(fresh), spool.pending());
        assertEquals(1, spool.evictedCount());
        assertTrue(logged.stream().anyMatch(line -> line.contains(old.id()) && line.contains("older than 2 day")), logged.toString());
    }

    @Test
    void overTheSizeLimitStatusReportsGoFirstThenOldestMeterReports() throws IOException {
        FileSpool spool = open(100, Duration.ofDays(30));
        byte[] thirty = new byte[30];
        SpooledReport meter1 = spool.store(id(), ScanKind.METER, thirty);
        clock.advance(Duration.ofMinutes(1));
        SpooledReport status1 = spool.store(id(), ScanKind.STATUS, thirty);
        clock.advance(Duration.ofMinutes(1));
        SpooledReport meter2 = spool.store(id(), ScanKind.METER, thirty);
        assertEquals(List.of(meter1, status1, meter2), spool.pending());

        clock.advance(Duration.ofMinutes(1));
        SpooledReport meter3 = spool.store(id(), ScanKind.METER, thirty);
        assertEquals(List.of(meter1, meter2, meter3), spool.pending(), "the status report is evicted before any meter report");

        clock.advance(Duration.ofMinutes(1));
        SpooledReport meter4 = spool.store(id(), ScanKind.METER, thirty);
        assertEquals(List.of(meter2, meter3, meter4), spool.pending(), "then the oldest meter report");
        assertEquals(2, spool.evictedCount());
        assertEquals(2, logged.stream().filter(line -> line.startsWith("evicted unsent")).count(), logged.toString());
    }

    @Test
    void aReportLargerThanTheWholeSpoolIsStillKept() throws IOException {
        FileSpool spool = open(10, Duration.ofDays(30));
        SpooledReport big = spool.store(id(), ScanKind.METER, new byte[50]);
        assertEquals(List.of(big), spool.pending());
    }

    @Test
    void noTemporaryFileRemainsAfterStore() throws IOException {
        FileSpool spool = open(1 << 20, Duration.ofDays(30));
        spool.store(id(), ScanKind.METER, bytes("x"));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(FileSpool.TEMP_SUFFIX)));
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
