package org.printscout.itest.appliance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.printscout.itest.AgentHome;

/**
 * Class-data sharing as the appliance package ships it (PRINTSCOUT_CDS=on and the small-board flags of its
 * printscout.env, issue 14 item 5): the first start writes the archive at its exit, the next maps it; a
 * truncated archive (on which the JVM would die of SIGBUS), a dump cut short, damaged bytes and a changed
 * bundle never keep the agent from starting, and the launcher makes a new archive where it must.
 */
public class ClassDataArchiveTest {

    private AgentHome home;
    private Path cds;

    @Before
    public void copyLayout() throws Exception {
        Path layout = Path.of(System.getProperty("printscout.appliance.distribution"));
        home = AgentHome.copyOf(layout);
        FootprintBenchmark.smallBoard(layout).forEach(home::environment);
        home.environment("PRINTSCOUT_CDS", "on");
        int web;
        try (ServerSocket s = new ServerSocket(0)) {
            web = s.getLocalPort();
        }
        Path etc = home.path().resolve("etc");
        Path http = etc.resolve("org.apache.felix.http.cfg");
        Files.writeString(http, Files.readString(http).replace("23998", Integer.toString(web)).replace("0.0.0.0", "127.0.0.1"));
        Files.writeString(etc.resolve("org.printscout.responder.cfg"), "enabled = false\n");
        cds = home.path().resolve("data/cds");
    }

    @After
    public void delete() throws Exception {
        if (home != null) {
            home.printscout("stop");
            Machine.deleteTree(home.path());
        }
    }

    @Test
    public void archiveWrittenUsedAndRenewedAndABrokenOneNeverStopsTheAgent() throws Exception {
        // first start: no archive yet, the JVM writes one at exit
        String first = startAndCommandLine();
        assertTrue(first, first.contains("-XX:ArchiveClassesAtExit=" + cds + "/printscout-"));
        stop();
        Path written = only(".jsa.new");
        String key = written.getFileName().toString().replace(".jsa.new", "");

        // second start: checked, kept with its size, mapped
        String second = startAndCommandLine();
        Path archive = cds.resolve(key + ".jsa");
        assertTrue(second, second.contains("-XX:SharedArchiveFile=" + archive) && second.contains("-XX:+VerifySharedSpaces"));
        assertTrue(Files.exists(archive) && Files.exists(cds.resolve(key + ".jsa.size")));
        assertFalse(Files.exists(written));
        stop();

        // damaged bytes, same size: the JVM's CRC check refuses the archive, the agent starts without it
        long size = Files.size(archive);
        archive.toFile().setWritable(true, true);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.seek(size / 2);
            f.write(new byte[4096]);
        }
        assertTrue(startAndCommandLine().contains("-XX:SharedArchiveFile=" + archive));
        stop();

        // truncated: deleted before the JVM sees it, a new one is written
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(size / 3);
        }
        String truncated = startAndCommandLine();
        assertTrue(truncated, truncated.contains("-XX:ArchiveClassesAtExit=" + cds.resolve(key + ".jsa.new")));
        assertFalse(Files.exists(archive));
        stop();

        // a dump cut short (a kill, a full disk): refused by the check, deleted, not used
        Path cut = only(".jsa.new");
        cut.toFile().setWritable(true, true);
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(Files.size(cut) / 2);
        }
        String afterCut = startAndCommandLine();
        assertTrue(afterCut, afterCut.contains("-XX:ArchiveClassesAtExit="));
        assertFalse(Files.exists(archive));
        stop();
        assertTrue(Files.exists(cds.resolve(key + ".jsa.new")));

        // a changed bundle: another key, the old archive deleted, a new one written at exit
        Path bundle;
        try (Stream<Path> s = Files.list(home.path().resolve("bundle"))) {
            bundle = s.filter(p -> p.getFileName().toString().startsWith("org.printscout.inventory-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(bundle, FileTime.fromMillis(Files.getLastModifiedTime(bundle).toMillis() + 60_000));
        String changed = startAndCommandLine();
        assertTrue(changed, changed.contains("-XX:ArchiveClassesAtExit=") && !changed.contains(key));
        assertFalse(Files.exists(cds.resolve(key + ".jsa.new")));
        stop();
        assertFalse(only(".jsa.new").getFileName().toString().startsWith(key));

        // off: no archive flags at all
        home.environment("PRINTSCOUT_CDS", "off");
        String off = startAndCommandLine();
        assertFalse(off, off.contains("SharedArchiveFile") || off.contains("ArchiveClassesAtExit"));
        stop();
    }

    private String startAndCommandLine() throws Exception {
        home.start();
        assertTrue(home.ok("scout:status").contains("PrintScout"));
        String pid = Files.readString(home.path().resolve("data/printscout.pid")).strip();
        return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    }

    private void stop() throws Exception {
        AgentHome.Run stop = home.printscout("stop");
        assertEquals(stop.describe(), 0, stop.status());
    }

    private Path only(String suffix) throws Exception {
        try (Stream<Path> s = Files.list(cds)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(files.toString(), 1, files.size());
            return files.get(0);
        }
    }
}
