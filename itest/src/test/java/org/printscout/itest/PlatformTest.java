package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.printscout.itest.fixture.FailingActivator;
import org.printscout.itest.fixture.HelloActivator;

/**
 * Boots Felix with the agent distribution's bundles and proves what unit tests cannot: hot deploy,
 * update and uninstall through deploy/, reconfiguration through etc/ and scout:config, that a broken
 * bundle is reported while the rest keeps running, and the exec control channel.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformTest {

    private static final Duration FILEINSTALL_WAIT = Duration.ofSeconds(45);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        Path distribution = Path.of(System.getProperty("printscout.distribution"));
        Path home = Files.createTempDirectory("printscout-itest");
        for (String dir : List.of("etc", "deploy", "data")) {
            Files.createDirectories(home.resolve(dir));
        }
        Files.writeString(home.resolve("etc/org.apache.felix.fileinstall-deploy.cfg"),
                "felix.fileinstall.dir = " + home.resolve("deploy") + "\nfelix.fileinstall.poll = 250\n"
                        + "felix.fileinstall.noInitialDelay = true\nfelix.fileinstall.bundles.new.start = true\n");
        Files.writeString(home.resolve("etc/org.printscout.logging.cfg"), "mode = normal\n");
        Files.copy(distribution.resolve("etc/features.json"), home.resolve("etc/features.json"));

        List<Option> options = new ArrayList<>();
        options.add(frameworkProperty("printscout.home").value(home.toString()));
        options.add(frameworkProperty("felix.fileinstall.dir").value(home.resolve("etc").toString()));
        options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"));
        options.add(frameworkProperty("felix.fileinstall.poll").value("250"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.cm.dir").value(home.resolve("data/config").toString()));
        options.add(systemProperty("printscout.itest.home").value(home.toString()));
        try (Stream<Path> jars = Files.list(distribution.resolve("bundle"))) {
            // the interactive Gogo shell would read the test's stdin; the command processor is enough
            jars.filter(j -> !j.getFileName().toString().startsWith("org.apache.felix.gogo.shell"))
                    .sorted()
                    .forEach(j -> options.add(bundle(j.toUri().toString())));
        }
        options.add(junitBundles());
        options.add(cleanCaches(true));
        return options.toArray(new Option[0]);
    }

    /** What FileInstall sees, for a failure message. */
    private String diagnosis() {
        StringBuilder sb = new StringBuilder("\nbundles:");
        for (Bundle b : context.getBundles()) {
            sb.append("\n  ").append(b.getBundleId()).append(' ').append(b.getSymbolicName()).append(' ').append(b.getVersion())
                    .append(" state=").append(b.getState()).append(' ').append(b.getLocation());
        }
        try {
            var admin = service(org.osgi.service.cm.ConfigurationAdmin.class);
            var configs = admin.listConfigurations(null);
            sb.append("\nconfigurations:");
            if (configs != null) {
                for (var c : configs) {
                    sb.append("\n  ").append(c.getPid()).append(' ').append(c.getProperties());
                }
            }
            try (Stream<Path> files = Files.list(home().resolve("deploy"))) {
                sb.append("\ndeploy/: ").append(files.map(Path::getFileName).toList());
            }
        } catch (Exception e) {
            sb.append("\n(diagnosis failed: ").append(e).append(')');
        }
        return sb.toString();
    }

    private Path home() {
        return Path.of(context.getProperty("printscout.home"));
    }

    @Test
    public void everyDistributionBundleIsActive() {
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().contains("/bundle/")) {
                assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
            }
        }
        assertNotNull(installed("org.printscout.shell"));
        assertNotNull(installed("org.printscout.logging"));
    }

    @Test
    public void bundleDroppedIntoDeployStartsThenUpdatesThenUninstalls() throws Exception {
        Path deploy = home().resolve("deploy");
        assertEquals("no itest.hello before the drop: " + Arrays.toString(context.getBundles()), null, installed("itest.hello"));
        FixtureBundles.drop(deploy, "hello.jar",
                FixtureBundles.bundle("itest.hello", "1.0.0", HelloActivator.class, Map.of()));
        Await.until("itest.hello 1.0.0 active with its service", FILEINSTALL_WAIT,
                () -> "1.0.0".equals(helloVersion()), this::diagnosis);
        Bundle hello = installed("itest.hello");
        assertEquals(Bundle.ACTIVE, hello.getState());

        FixtureBundles.drop(deploy, "hello.jar",
                FixtureBundles.bundle("itest.hello", "1.1.0", HelloActivator.class, Map.of()));
        Await.until("itest.hello updated to 1.1.0", FILEINSTALL_WAIT, () -> "1.1.0".equals(helloVersion()));
        assertEquals("updated in place, same bundle id", hello.getBundleId(), installed("itest.hello").getBundleId());

        Files.delete(deploy.resolve("hello.jar"));
        Await.until("itest.hello uninstalled", FILEINSTALL_WAIT, () -> installed("itest.hello") == null);
        assertEquals(null, helloVersion());
    }

    @Test
    public void brokenBundlesAreReportedAndTheOthersKeepRunning() throws Exception {
        Path deploy = home().resolve("deploy");
        FixtureBundles.drop(deploy, "failing.jar",
                FixtureBundles.bundle("itest.failing", "1.0.0", FailingActivator.class, Map.of()));
        FixtureBundles.drop(deploy, "unresolvable.jar", FixtureBundles.bundle("itest.unresolvable", "1.0.0",
                HelloActivator.class, Map.of("Import-Package", "org.osgi.framework, com.example.nowhere;version=\"[9,10)\"")));
        FixtureBundles.drop(deploy, "good.jar",
                FixtureBundles.bundle("itest.good", "2.0.0", HelloActivator.class, Map.of()));

        Await.until("itest.good active", FILEINSTALL_WAIT,
                () -> installed("itest.good") != null && installed("itest.good").getState() == Bundle.ACTIVE, this::diagnosis);
        Await.until("itest.failing and itest.unresolvable installed", FILEINSTALL_WAIT,
                () -> installed("itest.failing") != null && installed("itest.unresolvable") != null);
        Thread.sleep(1000);
        assertTrue("failing bundle is not active", installed("itest.failing").getState() != Bundle.ACTIVE);
        assertEquals("unresolvable bundle stays installed", Bundle.INSTALLED, installed("itest.unresolvable").getState());
        everyDistributionBundleIsActive();

        String status = gogo("scout:status");
        assertTrue(status, status.lines().anyMatch(l -> l.contains("itest.unresolvable") && l.contains("INSTALLED")));
        assertTrue(status, status.lines().anyMatch(l -> l.contains("itest.failing") && !l.contains("ACTIVE")));
        assertTrue(status, status.lines().anyMatch(l -> l.contains("itest.good") && l.contains("ACTIVE")));

        for (String f : List.of("failing.jar", "unresolvable.jar", "good.jar")) {
            Files.delete(deploy.resolve(f));
        }
        Await.until("fixtures uninstalled", FILEINSTALL_WAIT, () -> installed("itest.good") == null
                && installed("itest.failing") == null && installed("itest.unresolvable") == null);
    }

    @Test
    public void editingTheConfigurationFileReconfiguresTheRunningComponent() throws Exception {
        LoggerAdmin admin = service(LoggerAdmin.class);
        Await.until("log mode normal applied", FILEINSTALL_WAIT, () -> rootLevel(admin) == LogLevel.INFO);

        Files.writeString(home().resolve("etc/org.printscout.logging.cfg"), "mode = debug\n");
        Await.until("log mode debug applied from etc/", FILEINSTALL_WAIT, () -> rootLevel(admin) == LogLevel.DEBUG);

        try {
            gogo("scout:config org.printscout.logging mode=verbose maxFileKib=lots");
            fail("a bad value must be refused");
        } catch (Exception refused) {
            String message = refused.getMessage();
            assertTrue(message, message.contains("mode") && message.contains("verbose") && message.contains("normal, debug"));
            assertTrue(message, message.contains("maxFileKib") && message.contains("lots"));
            assertTrue(message, message.contains("nothing changed"));
        }
        assertEquals("a refused change leaves the running configuration alone", LogLevel.DEBUG, rootLevel(admin));

        gogo("scout:config org.printscout.logging mode=normal");
        Await.until("log mode normal applied from scout:config", FILEINSTALL_WAIT, () -> rootLevel(admin) == LogLevel.INFO);
        Await.until("scout:config change saved to etc/", FILEINSTALL_WAIT, () -> {
            try {
                return Files.readString(home().resolve("etc/org.printscout.logging.cfg")).contains("normal");
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    public void execChannelRunsCommandsOnlyForTheHolderOfTheSecret() throws Exception {
        Path controlFile = home().resolve("data/control");
        Await.until("control file written", FILEINSTALL_WAIT, () -> Files.exists(controlFile));
        assertEquals("readable by the agent's user only", "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(controlFile)));
        Properties control = new Properties();
        try (InputStream in = Files.newInputStream(controlFile)) {
            control.load(in);
        }
        int port = Integer.parseInt(control.getProperty("port"));

        String ok = exchange(port, control.getProperty("secret"), "scout:features");
        assertTrue(ok, ok.contains("core") && ok.contains("shell") && ok.endsWith("\0" + "0 "));

        String failed = exchange(port, control.getProperty("secret"), "scout:config no.such.pid");
        assertTrue(failed, failed.contains("\0" + "1 no configurable component 'no.such.pid'"));

        String refused = exchange(port, "0".repeat(64), "scout:status");
        assertEquals("\0" + "77 wrong secret", refused);
    }

    private static String exchange(int port, String secret, String command) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write((secret + "\n" + command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static LogLevel rootLevel(LoggerAdmin admin) {
        return admin.getLoggerContext(null).getLogLevels().get(Logger.ROOT_LOGGER_NAME);
    }

    private String gogo(String command) throws Exception {
        CommandProcessor processor = service(CommandProcessor.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            Object result = session.execute(command);
            return bytes.toString(StandardCharsets.UTF_8) + (result == null ? "" : session.format(result, 0));
        } finally {
            session.close();
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(10_000);
            assertNotNull(type.getName() + " available", service);
            return service;
        } finally {
            tracker.close();
        }
    }

    @SuppressWarnings("rawtypes")
    private String helloVersion() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(Supplier.class.getName(), "(itest.fixture=itest.hello)");
            return refs == null ? null : (String) refs[0].getProperty("itest.version");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Bundle installed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }
}
