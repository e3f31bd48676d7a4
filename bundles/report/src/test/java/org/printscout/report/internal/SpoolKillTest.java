package org.printscout.report.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.report.ScanKind;
import org.printscout.api.report.ScanResult;
import org.printscout.api.report.SpooledReport;

/**
 * A real kill -9: a child JVM stores reports in a loop and says which it has stored; it is killed
 * while writing. Every report it announced must be there, intact, and nothing torn may be pending.
 * (A kill keeps the page cache; what fsync adds against power loss cannot be shown by a test.) Each
 * round prints whether the kill caught a write half-done (a torn temporary file removed on reopening).
 */
class SpoolKillTest {

    @TempDir
    Path dir;

    /** The child: stores reports of the recorded devices until killed, printing "stored ID SIZE" after each. */
    public static void main(String[] args) throws Exception {
        Path spoolDir = Path.of(args[0]);
        FileSpool spool = new FileSpool(spoolDir, new FileSpool.Bounds(Long.MAX_VALUE, Duration.ofDays(3650)),
                Clock.systemUTC(), line -> { });
        ScanResult scan = new ScanResult(ScanKind.METER, Instant.now(), Instant.now(), ReportWriterTest.twentyRecordedDevices());
        // One report's bytes, stored under new ids: the loop then spends its time inside store(),
        // where a kill is most likely to tear something.
        byte[] zipped = new ReportWriter().zipped(UUID.randomUUID().toString(), new ReportWriter.Origin("kill-test", null), scan);
        System.out.println("ready");
        System.out.flush();
        while (true) {
            String id = UUID.randomUUID().toString();
            spool.store(id, ScanKind.METER, zipped);
            System.out.println("stored " + id);
            System.out.flush();
        }
    }

    @Test
    void killMinus9WhileWritingLosesNoStoredReportAndLeavesNothingTorn() throws Exception {
        for (int round = 0; round < 5; round++) {
            List<String> announced = killChildAfter(40 + round * 37);
            List<String> cleaned = new ArrayList<>();
            FileSpool spool = new FileSpool(dir, new FileSpool.Bounds(Long.MAX_VALUE, Duration.ofDays(3650)),
                    Clock.systemUTC(), cleaned::add);
            Map<String, SpooledReport> pending = new HashMap<>();
            for (SpooledReport report : spool.pending()) {
                pending.put(report.id(), report);
                // every pending report is a complete, valid archive, announced or not
                byte[] xml = ReportWriterTest.unzip(spool.read(report));
                ReportWriterTest.schema().newValidator().validate(
                        new javax.xml.transform.stream.StreamSource(new java.io.ByteArrayInputStream(xml)));
            }
            for (String id : announced) {
                assertTrue(pending.containsKey(id), "report " + id + " was announced as stored but is missing");
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(FileSpool.TEMP_SUFFIX)),
                        "torn files removed on open");
            }
            System.out.println("kill -9 round " + round + ": " + announced.size() + " announced, " + pending.size()
                    + " pending, all intact; " + (cleaned.isEmpty() ? "the kill left no torn file" : cleaned.get(0)));
        }
    }

    private List<String> killChildAfter(int reports) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dprintscout.testdata=" + System.getProperty("printscout.testdata"),
                SpoolKillTest.class.getName(), dir.toString());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = builder.start();
        List<String> announced = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("stored ")) {
                    announced.add(line.substring("stored ".length()));
                    if (announced.size() >= reports) {
                        // SIGKILL on Unix: no shutdown hooks, no finally blocks, mid-write
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child ended");
        }
        assertTrue(announced.size() >= reports, "child stored " + announced.size() + " reports before it ended");
        return announced;
    }

}
