package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.printscout.itest.fixture.mapper.HangingMapper;
import org.printscout.itest.fixture.mapper.MapperActivator;
import org.printscout.itest.fixture.mapper.VersionedMapper;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Mapper plugins come and go while the agent runs: a vendor bundle and a dealer's mapping file
 * dropped into deploy/ change the next reading of a simulated device of that vendor; a replaced
 * bundle's new version shows in the next reading; removed, the device falls back to the standard
 * mapper; a plugin that hangs costs only its own fields, in bounded time.
 */
public class HotDeployMappersTest {

    private static final Duration PICKUP = Duration.ofSeconds(20);
    private static Simulator simulator;
    private static AgentHome agent;
    private static Path kyoceraJar;
    private static String utax;
    private static String hp;
    private static String zebra;

    @BeforeClass
    public static void start() throws Exception {
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
        simulator = Simulator.builder().community("public")
                .device(new InetSocketAddress("127.0.0.1", 0), Recording.load(recordings.resolve("utax.snmprec")))
                .device(new InetSocketAddress("127.0.0.1", 0), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec")))
                .device(new InetSocketAddress("127.0.0.1", 0), Recording.load(recordings.resolve("zebra.snmprec")))
                .start();
        utax = "127.0.0.1:" + simulator.devices().get(0).address().getPort();
        hp = "127.0.0.1:" + simulator.devices().get(1).address().getPort();
        zebra = "127.0.0.1:" + simulator.devices().get(2).address().getPort();
        agent = AgentHome.copyOfDistribution();
        // This agent starts without the Kyocera mapper; the test deploys it at run time.
        try (Stream<Path> jars = Files.list(agent.path().resolve("bundle"))) {
            Path jar = jars.filter(j -> j.getFileName().toString().startsWith("org.printscout.mib.kyocera-")).findFirst().orElseThrow();
            kyoceraJar = Files.move(jar, Files.createTempDirectory("kyocera").resolve(jar.getFileName()));
        }
        agent.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private static Path deploy() {
        return agent.path().resolve("deploy");
    }

    static JsonObject read(String host) throws Exception {
        AgentHome.Run run = agent.exec("scout:read " + host + " -c public -t 1 -r 1 --json");
        assertEquals(run.describe(), 0, run.status());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    static JsonObject awaitReading(String host, String what, Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + PICKUP.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = read(host);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out waiting for " + what + "; last reading: " + last);
    }

    private static String source(JsonObject reading, String field) {
        JsonObject sources = reading.getAsJsonObject("sources");
        return sources.has(field) ? sources.get(field).getAsString() : null;
    }

    private static long meter(JsonObject reading, String name) {
        for (var m : reading.getAsJsonArray("meters")) {
            if (m.getAsJsonObject().get("name").getAsString().equals(name)) {
                return m.getAsJsonObject().get("value").getAsLong();
            }
        }
        return -1;
    }

    @Test
    public void aVendorBundleDroppedIntoDeployAddsItsFieldsAndRemovedFallsBack() throws Exception {
        JsonObject before = read(utax);
        assertFalse("no Kyocera mapper yet: " + before, before.getAsJsonObject("sources").toString().contains("kyocera"));
        assertTrue(before.getAsJsonObject("identity").get("serialNumber").isJsonNull());

        Files.copy(kyoceraJar, deploy().resolve(kyoceraJar.getFileName()));
        JsonObject with = awaitReading(utax, "the Kyocera mapper's serial", r -> "kyocera".equals(source(r, "serialNumber")));
        assertEquals("R9L0309954", with.getAsJsonObject("identity").get("serialNumber").getAsString());

        Files.delete(deploy().resolve(kyoceraJar.getFileName()));
        JsonObject after = awaitReading(utax, "the fall-back to the standard mapper",
                r -> !r.getAsJsonObject("sources").toString().contains("kyocera"));
        assertTrue(after.getAsJsonObject("identity").get("serialNumber").isJsonNull());
        assertEquals("standard", source(after, "model"));
    }

    @Test
    public void aReplacedMapperBundleShowsItsNewVersionInTheNextReading() throws Exception {
        Path jar = deploy().resolve("acme-hp.jar");
        FixtureBundles.drop(deploy(), "acme-hp.jar", versioned("1.0.0", "11"));
        awaitReading(hp, "acme 1.0.0", r -> meter(r, "acme.mapperMajorVersion") == 1);

        FixtureBundles.drop(deploy(), "acme-hp.jar", versioned("2.0.0", "11"));
        JsonObject v2 = awaitReading(hp, "acme 2.0.0", r -> meter(r, "acme.mapperMajorVersion") == 2);
        assertEquals("acme-2.0.0", v2.getAsJsonObject("identity").get("firmware").getAsString());
        assertEquals("VNCRC48198", v2.getAsJsonObject("identity").get("serialNumber").getAsString());

        Files.delete(jar);
        awaitReading(hp, "acme removed", r -> meter(r, "acme.mapperMajorVersion") == -1);
    }

    @Test
    public void aHangingMapperCostsOnlyItsOwnFieldsInBoundedTime() throws Exception {
        FixtureBundles.drop(deploy(), "acme-hanging.jar", FixtureBundles.bundle("itest.acme.hanging", "1.0.0",
                MapperActivator.class, Map.of("Fixture-Mapper", "hanging", "Fixture-Enterprise", "1347",
                        "Import-Package", IMPORTS), List.of(HangingMapper.class, VersionedMapper.class)));
        long start = System.nanoTime();
        JsonObject stuck = awaitReading(utax, "the hanging mapper's problem",
                r -> r.get("problems").toString().contains("acme-hanging"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(stuck.get("problems").toString(), stuck.get("problems").toString().contains("took longer than"));
        assertEquals("the other mappers' fields stand", "TA_UTAX Printing System",
                stuck.getAsJsonObject("identity").get("sysDescr").getAsString());
        assertTrue("bounded: " + millis + " ms", millis < 20_000);

        JsonObject other = read(hp);
        assertEquals("another device is not affected: " + other.get("problems"), 0, other.getAsJsonArray("problems").size());
        Files.delete(deploy().resolve("acme-hanging.jar"));
    }

    @Test
    public void aMappingFileDroppedIntoDeployBecomesAMapperAndABadOneIsReported() throws Exception {
        Path example = Path.of("..", "docs", "mapping", "zebra-label-printers.mapping.xml");
        Files.copy(example, deploy().resolve("zebra-label-printers.mapping.xml"));
        JsonObject with = awaitReading(zebra, "the mapping file's fields",
                r -> r.getAsJsonObject("sources").toString().contains("zebra-label-printers"));
        assertEquals("zebra-label-printers", source(with, "model"));

        Files.writeString(deploy().resolve("broken.mapping.xml"),
                "<mapping xmlns=\"https://printscout.org/ns/mapping/1\" name=\"broken\">\n  <devices><enterprise>x</enterprise></devices>\n</mapping>\n");
        Path log = agent.path().resolve("data/log/printscout.log");
        Await.until("the bad file reported with its name and line", PICKUP, () -> {
            try {
                return Files.readString(log).lines().anyMatch(l -> l.contains("broken.mapping.xml:2"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertEquals("the good mapping keeps working", "zebra-label-printers", source(read(zebra), "model"));

        Files.delete(deploy().resolve("broken.mapping.xml"));
        Files.delete(deploy().resolve("zebra-label-printers.mapping.xml"));
        awaitReading(zebra, "the mapping removed", r -> !r.getAsJsonObject("sources").toString().contains("zebra-label-printers"));
    }

    private static final String IMPORTS = "org.osgi.framework, org.printscout.api.mapper, org.printscout.api.model, "
            + "org.printscout.api.snmp";

    private static byte[] versioned(String version, String enterprise) throws Exception {
        return FixtureBundles.bundle("itest.acme.versioned", version, MapperActivator.class,
                Map.of("Fixture-Mapper", "versioned", "Fixture-Enterprise", enterprise, "Import-Package", IMPORTS),
                List.of(HangingMapper.class, VersionedMapper.class));
    }
}
