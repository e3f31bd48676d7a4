package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Drives a copy of the assembled layout through bin/printscout the way an administrator does:
 * start, exec, status, stop, and a second start after stop.
 */
public class LauncherTest {

    private Path home;

    /** Output and exit status of one bin/printscout call. */
    record Run(int status, String out, String err) {
    }

    @Before
    public void copyLayout() throws IOException {
        Path distribution = Path.of(System.getProperty("printscout.distribution"));
        home = Files.createTempDirectory("printscout-launcher");
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = distribution.relativize(p);
                if (rel.startsWith("data")) {
                    continue;
                }
                Path target = home.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @After
    public void stopAgent() throws Exception {
        printscout("stop");
    }

    @Test
    public void startExecStatusStop() throws Exception {
        long t0 = System.nanoTime();
        Run start = printscout("start");
        long startMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(start.err, 0, start.status);
        assertTrue(start.out, start.out.contains("started"));
        System.out.println("bin/printscout start answered after " + startMillis + " ms");

        Run status = printscout("exec", "scout:status");
        assertEquals(status.err, 0, status.status);
        assertTrue(status.out, status.out.contains("org.printscout.shell") && status.out.contains("ACTIVE"));
        assertTrue(status.out, !status.out.contains("INSTALLED") && !status.out.contains("RESOLVED"));

        Run features = printscout("exec", "scout:features");
        assertEquals(features.err, 0, features.status);
        assertTrue(features.out, features.out.lines().anyMatch(l -> l.startsWith("core") && l.endsWith("active")));

        Run bad = printscout("exec", "scout:config org.printscout.logging mode=loud");
        assertEquals("a refused command exits non-zero", 1, bad.status);
        assertTrue(bad.err, bad.err.contains("mode") && bad.err.contains("'loud' is not one of normal, debug"));

        Run unknown = printscout("exec", "scout:nosuchcommand");
        assertTrue("an unknown command exits non-zero", unknown.status != 0);

        Run again = printscout("start");
        assertEquals(0, again.status);
        assertTrue(again.out, again.out.contains("already running"));

        Run running = printscout("status");
        assertEquals(0, running.status);
        assertTrue(running.out, running.out.contains("running (pid"));

        Run stop = printscout("stop");
        assertEquals(stop.err, 0, stop.status);
        Run stopped = printscout("status");
        assertEquals("status of a stopped agent", 3, stopped.status);
        Run execStopped = printscout("exec", "scout:status");
        assertEquals("exec against a stopped agent", 3, execStopped.status);
        assertTrue(execStopped.err, execStopped.err.contains("not running"));

        Run restart = printscout("start");
        assertEquals(restart.err, 0, restart.status);
    }

    @Test
    public void startFailsWithTheReasonWhenTheAgentCannotStart() throws Exception {
        Files.writeString(home.resolve("etc/framework.properties"), "org.osgi.framework.storage=/proc/forbidden/cache\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Run start = printscout("start");
        assertTrue("start must fail", start.status != 0);
        assertTrue(start.err, start.err.contains("exited during start-up") || start.err.contains("did not answer"));
    }

    private Run printscout(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/printscout").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PRINTSCOUT_START_TIMEOUT", "30");
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/printscout " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
