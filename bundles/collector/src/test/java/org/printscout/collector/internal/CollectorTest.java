package org.printscout.collector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpException;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmprecFormat;
import org.printscout.api.snmp.WalkLimits;

class CollectorTest {

    private static final Oid PRT_GENERAL_SERIAL = Oid.parse("1.3.6.1.2.1.43.5.1.1.17.1");
    private static final Oid HR_DEVICE_DESCR = Oid.parse("1.3.6.1.2.1.25.3.2.1.3");
    private static final Oid MARKER_LIFE_COUNT = Oid.parse("1.3.6.1.2.1.43.10.2.1.4");
    private static final Oid KYOCERA_SERIAL = Oid.parse("1.3.6.1.4.1.1347.43.5.1.1.28.1");
    private static final Oid HP_PRIVATE = Oid.parse("1.3.6.1.4.1.11.2.3.9.4.2");

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<String> warnings = new ArrayList<>();
    private final List<MapperEntry> mappers = new ArrayList<>();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    static Snapshot recording(String name) throws IOException {
        Path file = Path.of(System.getProperty("printscout.testdata"), "printers/snmprec", name + ".snmprec");
        try (Reader in = Files.newBufferedReader(file)) {
            return SnmprecFormat.read(in, file.toString());
        }
    }

    private static SnmpTarget target() {
        return SnmpTarget.of(new InetSocketAddress("127.0.0.1", 16100), new Credential.Community(SnmpVersion.V2C, "public"));
    }

    private Collector collector(RecordedDevice reader) {
        return new Collector(reader, () -> mappers, pool, warnings::add, Duration.ofMillis(500),
                new WalkLimits(1000, Duration.ofSeconds(5)), 12);
    }

    private void register(String name, int rank, int[] enterprises, OidPlan plan, BiConsumer<Snapshot, ReadingBuilder> body) {
        Mapper mapper = new Mapper() {
            @Override
            public OidPlan plan(DeviceFacts device) {
                return plan;
            }

            @Override
            public void map(Snapshot snapshot, ReadingBuilder reading) {
                body.accept(snapshot, reading);
            }
        };
        Map<String, Object> props = new HashMap<>();
        props.put(MapperClaims.NAME, name);
        props.put(MapperClaims.RANK, rank);
        props.put(MapperClaims.ENTERPRISE, enterprises);
        props.put("service.id", (long) mappers.size() + 1);
        mappers.add(MapperEntry.of(mapper, props));
    }

    private void registerStandardLike() {
        register("standard", 0, new int[0],
                OidPlan.builder().scalar(PRT_GENERAL_SERIAL).column(HR_DEVICE_DESCR).column(MARKER_LIFE_COUNT).build(),
                (s, r) -> {
                    s.text(PRT_GENERAL_SERIAL).ifPresent(r::serialNumber);
                    s.column(HR_DEVICE_DESCR).values().stream().findFirst().ifPresent(v -> r.model(v.asText()));
                    s.column(MARKER_LIFE_COUNT).values().stream().findFirst()
                            .ifPresent(v -> r.meter("total", v.asLong().getAsLong(), MeterUnit.IMPRESSIONS));
                });
    }

    private static DeviceReading read(Collector c) throws Exception {
        return c.read(target()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void universalAndClaimingMappersAreMergedByRankWithTheirSources() throws Exception {
        registerStandardLike();
        register("hp", 100, new int[] {11}, OidPlan.builder().column(HP_PRIVATE).build(),
                (s, r) -> r.model("LaserJet by HP mapper").meter("hp.private.values", s.subtree(HP_PRIVATE).size(), MeterUnit.OTHER));
        RecordedDevice device = new RecordedDevice(recording("jetdirect_m130nw"), true);

        DeviceReading reading = read(collector(device));

        assertEquals("VNCRC48198", reading.identity().serialNumber());
        assertEquals("standard", reading.sources().get("serialNumber"));
        assertEquals("LaserJet by HP mapper", reading.identity().model(), "the higher rank wins per field");
        assertEquals("hp", reading.sources().get("model"));
        assertEquals(15232, reading.meter("total").orElseThrow().value());
        assertTrue(reading.meter("hp.private.values").orElseThrow().value() > 0);
        assertEquals("127.0.0.1", reading.identity().address());
        assertTrue(reading.identity().sysDescr().startsWith("HP ETHERNET MULTI-ENVIRONMENT"));
        assertEquals("collector", reading.sources().get("sysDescr"));
        assertTrue(reading.problems().isEmpty(), reading.problems().toString());
    }

    @Test
    void aMapperThatClaimsAnotherVendorIsNotAskedAndItsOidsAreNotRequested() throws Exception {
        registerStandardLike();
        register("kyocera", 100, new int[] {1347}, OidPlan.builder().scalar(KYOCERA_SERIAL).build(),
                (s, r) -> r.serialNumber("must not appear"));
        RecordedDevice device = new RecordedDevice(recording("jetdirect_m130nw"), true);

        DeviceReading reading = read(collector(device));

        assertEquals("VNCRC48198", reading.identity().serialNumber());
        assertFalse(device.requested.contains(KYOCERA_SERIAL));
    }

    @Test
    void onlyOidsDeclaredByTheApplicableMappersAreRequested() throws Exception {
        registerStandardLike();
        OidPlan kyoceraPlan = OidPlan.builder().scalar(KYOCERA_SERIAL).build();
        register("kyocera", 100, new int[] {1347}, kyoceraPlan, (s, r) -> s.text(KYOCERA_SERIAL).ifPresent(r::serialNumber));
        RecordedDevice device = new RecordedDevice(recording("utax"), true);

        DeviceReading reading = read(collector(device));

        assertEquals("R9L0309954", reading.identity().serialNumber());
        OidPlan declared = OidPlan.merge(List.of(Collector.SYSTEM_PLAN,
                mappers.get(0).mapper().plan(null), kyoceraPlan));
        for (Oid oid : device.requested) {
            assertTrue(declared.covers(oid), "requested " + oid + " which no mapper declared");
        }
    }

    @Test
    void aMapperThatThrowsCostsOnlyItsOwnFields() throws Exception {
        registerStandardLike();
        register("broken", 100, new int[] {11}, OidPlan.builder().build(), (s, r) -> {
            r.serialNumber("half-written");
            throw new IllegalStateException("mapper bug");
        });
        DeviceReading reading = read(collector(new RecordedDevice(recording("jetdirect_m130nw"), true)));

        assertEquals("VNCRC48198", reading.identity().serialNumber(), "the broken mapper's half-written field is dropped");
        assertTrue(reading.problems().stream().anyMatch(p -> p.contains("'broken' failed") && p.contains("mapper bug")),
                reading.problems().toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("127.0.0.1:16100") && w.contains("broken")),
                "logged with the device: " + warnings);
    }

    @Test
    void aMapperThatHangsIsCutOffAndTheReadingStillArrives() throws Exception {
        registerStandardLike();
        register("hanging", 100, new int[] {11}, OidPlan.builder().build(), (s, r) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        DeviceReading reading = read(collector(new RecordedDevice(recording("jetdirect_m130nw"), true)));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 5_000, "took " + millis + " ms");
        assertEquals("VNCRC48198", reading.identity().serialNumber());
        assertTrue(reading.problems().stream().anyMatch(p -> p.contains("'hanging' took longer than 500 ms")));
    }

    @Test
    void anUnreachableDeviceFailsWithTheTransportCause() {
        registerStandardLike();
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> read(collector(new RecordedDevice(Snapshot.empty(), false))));
        SnmpException cause = assertInstanceOf(SnmpException.class, failure.getCause());
        assertEquals(SnmpException.Cause.TIMEOUT, cause.reason());
    }

    @Test
    void aMapperWithMalformedClaimsIsRefusedRatherThanAppliedToEveryDevice() {
        Map<String, Object> props = Map.of(MapperClaims.NAME, "bad", MapperClaims.SYS_DESCR, new String[] {"(unclosed"});
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MapperEntry.of(new Mapper() {
                    @Override
                    public OidPlan plan(DeviceFacts device) {
                        return OidPlan.builder().build();
                    }

                    @Override
                    public void map(Snapshot snapshot, ReadingBuilder reading) {
                    }
                }, props));
        assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("(unclosed"));
    }

    @Test
    void columnsOfOneTableTravelTogether() {
        List<List<Oid>> groups = ColumnGroups.byTable(List.of(Oid.parse("1.3.6.1.2.1.43.11.1.1.6"),
                Oid.parse("1.3.6.1.2.1.43.11.1.1.8"), Oid.parse("1.3.6.1.2.1.43.11.1.1.9"),
                Oid.parse("1.3.6.1.2.1.2.2.1.6")), 2);
        assertEquals(List.of(List.of(Oid.parse("1.3.6.1.2.1.43.11.1.1.6"), Oid.parse("1.3.6.1.2.1.43.11.1.1.8")),
                List.of(Oid.parse("1.3.6.1.2.1.43.11.1.1.9")), List.of(Oid.parse("1.3.6.1.2.1.2.2.1.6"))), groups);
    }
}
