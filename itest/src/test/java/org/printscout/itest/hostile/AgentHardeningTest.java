package org.printscout.itest.hostile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.Started;

/**
 * The assembled agent against what a local attacker, a careless site configuration or a slip of
 * the administrator does (issue 11, items 2 to 5), driven through bin/printscout.
 */
public class AgentHardeningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Rule
    public final Started started = new Started();

    private AgentHome start() throws Exception {
        AgentHome agent = started.add(AgentHome.copyOfDistribution());
        agent.start();
        return agent;
    }

    private static String log(AgentHome agent) {
        try {
            return Files.readString(agent.path().resolve("data/log/printscout.log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** bin/printscout exec in the background, as an administrator's terminal would run it. */
    private static Process execInBackground(AgentHome agent, String command, Path output) throws Exception {
        return new ProcessBuilder(agent.path().resolve("bin/printscout").toString(), "exec", command)
                .redirectOutput(output.toFile()).redirectErrorStream(true).start();
    }

    @Test
    public void theWholeInternetAndOversizedSitesAreRefusedAndScansCanBeCancelled() throws Exception {
        AgentHome agent = start();
        AgentHome.Run internet = agent.exec("scout:scan 0.0.0.0/0");
        assertEquals(internet.describe(), 1, internet.status());
        assertTrue(internet.err(), internet.err().contains("'0.0.0.0/0' (line 1) refused: it is not a private, link-local or loopback range"));
        AgentHome.Run big = agent.exec("scout:scan 10.0.0.0/8");
        assertTrue(big.err(), big.err().contains("the ranges hold 16777216 addresses; a site may hold at most 1048576 (maxSiteAddresses"));

        // an ad-hoc scan of 262 144 silent addresses (minutes) ends when its shell goes away
        Path out = Files.createTempFile("scan", ".txt");
        Process shell = execInBackground(agent, "scout:scan 127.2.0.0/14", out);
        Await.until("the scan running", WAIT, () -> agent.ok("scout:status").contains("scanning: adhoc"));
        shell.descendants().forEach(ProcessHandle::destroy);
        shell.destroy();
        assertTrue(shell.waitFor(10, TimeUnit.SECONDS));
        long cut = System.nanoTime();
        Await.until("the scan cancelled when its shell went away", WAIT, () -> !agent.ok("scout:status").contains("scanning: adhoc"),
                () -> log(agent));
        System.out.println("ad-hoc scan stopped " + (System.nanoTime() - cut) / 1_000_000 + " ms after its shell went away");
        assertTrue(log(agent), log(agent).contains("scan cancelled after "));

        // and scout:scan --cancel stops one from another shell
        Process other = execInBackground(agent, "scout:scan 127.8.0.0/14", out);
        Await.until("the second scan running", WAIT, () -> agent.ok("scout:status").contains("scanning: adhoc"));
        String cancelled = agent.ok("scout:scan --cancel");
        assertTrue(cancelled, cancelled.startsWith("cancelled adhoc: "));
        assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        String summary = Files.readString(out);
        assertTrue(summary, summary.contains("problem: scan cancelled after "));
        assertEquals("no scan running", "no scan is running", agent.ok("scout:scan --cancel").strip());
    }

    @Test
    public void aBadLogModeKeepsLoggingAndStatusShowsTheRealFailure() throws Exception {
        AgentHome agent = start();
        Files.writeString(agent.path().resolve("etc/org.printscout.logging.cfg"), "mode = verbose\ndirectory = data/log\n");
        Files.writeString(agent.path().resolve("etc/org.printscout.upload.cfg"), "portalUrl = ftp://portal.example\nactivationKey = k\n");
        Await.until("the refusal in the log", WAIT, () -> log(agent).contains("key 'mode' refused: 'verbose' is not one of normal, debug"));
        agent.exec("scout:scan 127.0.0.0/30");
        Await.until("logging goes on after the refusal", WAIT, () -> log(agent).contains("scan of site 'adhoc' done"));
        Await.until("status shows the upload's failure", WAIT, () -> agent.ok("scout:status").contains("UploadComponent"));
        String status = agent.ok("scout:status");
        assertTrue(status, status.contains("activation failed: org.printscout.upload: key 'portalUrl' must be an https:// (or http://) URL"));
        assertFalse(status, status.contains("InvocationTargetException"));
        assertTrue(status, status.contains("org.printscout.logging: key 'mode' refused"));
    }

    @Test
    public void aConfigurationFileDeletedWhileTheAgentWasStoppedIsGoneAfterTheRestart() throws Exception {
        AgentHome agent = start();
        Path site = agent.path().resolve("etc/org.printscout.discovery.site-gone.cfg");
        Files.writeString(site, "name = gone\nranges = 127.0.0.1\n");
        Await.until("the site configured", WAIT, () -> agent.ok("scout:status").contains("gone ("));
        agent.printscout("stop");
        Files.delete(site);
        agent.start();
        String status = agent.ok("scout:status");
        assertFalse(status, status.contains("gone ("));
        assertFalse(status, status.contains("site-gone"));
        assertTrue(status, status.contains("removed at start, their file in etc/ gone: org.printscout.discovery.site"));
        assertTrue(log(agent), log(agent).contains("removed: its file in"));
    }

    @Test
    public void idleAndWrongConnectionsCannotHoldTheControlChannelAndSecretsStayPrivate() throws Exception {
        AgentHome agent = start();
        Properties control = new Properties();
        try (InputStream in = Files.newInputStream(agent.path().resolve("data/control"))) {
            control.load(in);
        }
        int port = Integer.parseInt(control.getProperty("port"));
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            idle.add(new Socket(InetAddress.getLoopbackAddress(), port));
        }
        long t0 = System.nanoTime();
        AgentHome.Run features = agent.exec("scout:features");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("exec answered in " + millis + " ms with 40 idle connections open");
        assertEquals(features.describe(), 0, features.status());
        for (Socket s : idle) {
            s.setSoTimeout(5000);
            assertEquals("an idle connection is closed within the handshake time", -1, s.getInputStream().read());
            s.close();
        }

        // 30 guesses at once: each is answered 77 after a delay that grows with the failures
        java.util.concurrent.ExecutorService guessers = java.util.concurrent.Executors.newFixedThreadPool(30);
        List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            answers.add(guessers.submit(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.getOutputStream().write(("not-the-secret-" + n + "\nscout:status\n").getBytes(StandardCharsets.US_ASCII));
                    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            }));
        }
        for (java.util.concurrent.Future<String> answer : answers) {
            String text = answer.get(30, TimeUnit.SECONDS);
            assertTrue(text, text.startsWith("\u000077 wrong secret"));
        }
        guessers.shutdown();
        long lines = log(agent).lines().filter(l -> l.contains("wrong secret")).count();
        assertTrue("wrong secrets are summarised, not logged one by one: " + lines, lines >= 1 && lines <= 2);

        // a command read from standard input: a secret it carries is on no command line
        Process p = new ProcessBuilder(agent.path().resolve("bin/printscout").toString(), "exec", "-").start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("scout:read 127.0.0.1:1 -v 3 -u nobody -l authPriv -a SHA -A authpass-from-stdin -x AES -X privpass-from-stdin -t 1 -r 0\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("the command ran (and failed: nobody answers): " + err, 1, p.exitValue());
        assertTrue(err, err.contains("127.0.0.1"));
        assertFalse("no secret in the answer", err.contains("authpass-from-stdin"));

        agent.ok("scout:config org.printscout.logging mode=debug");
        Set<PosixFilePermission> open = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        try (Stream<Path> files = Files.walk(agent.path().resolve("data"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && !f.startsWith(agent.path().resolve("data/cache"))) {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                    assertTrue(f + " is " + perms, perms.stream().noneMatch(open::contains));
                }
            }
        }
    }
}
