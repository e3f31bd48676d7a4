package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.model.Supply;
import org.printscout.api.model.SupplyLevel;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

class DeclarativeMapperTest {

    private static final String SUPPLIES = """
            <supplies type="toner" unit="percent">
              <description column="1.3.6.1.4.1.64999.3.1.2"/>
              <level column="1.3.6.1.4.1.64999.3.1.3"/>
              <maxCapacity column="1.3.6.1.4.1.64999.3.1.4"/>
              <colorant column="1.3.6.1.4.1.64999.3.1.5" regex="^(\\w+)"/>
            </supplies>
            """;

    private static final Snapshot SUPPLY_TABLE = TestFiles.snapshot()
            .text("1.3.6.1.4.1.64999.3.1.2.1", "Black Toner").integer("1.3.6.1.4.1.64999.3.1.3.1", 40)
            .integer("1.3.6.1.4.1.64999.3.1.4.1", 100).text("1.3.6.1.4.1.64999.3.1.5.1", "black toner")
            .text("1.3.6.1.4.1.64999.3.1.2.2", "Waste Box").integer("1.3.6.1.4.1.64999.3.1.3.2", -3)
            .text("1.3.6.1.4.1.64999.3.1.2.3", "Drum (no level)")
            .text("1.3.6.1.4.1.64999.9.9.0", "not asked for")
            .build();

    private static DeviceReading map(DeclarativeMapper mapper, Snapshot snapshot) {
        ReadingBuilder reading = new ReadingBuilder();
        mapper.map(snapshot, reading);
        return reading.build(Instant.EPOCH);
    }

    private static Snapshot restricted(Snapshot snapshot, OidPlan plan) {
        List<Oid> roots = new ArrayList<>(plan.scalars());
        roots.addAll(plan.columns());
        return snapshot.restrictTo(roots);
    }

    @Test
    void suppliesComeOneARowKeepingPrinterMibSpecialValues() {
        DeviceReading r = map(TestFiles.mapper(SUPPLIES), SUPPLY_TABLE);
        assertEquals(2, r.supplies().size(), r.supplies()::toString);
        Supply black = r.supplies().get(0);
        assertEquals(1, black.index());
        assertEquals("Black Toner", black.description());
        assertEquals("toner", black.type());
        assertEquals("black", black.colorant());
        assertEquals("percent", black.unit());
        assertEquals(40, black.level().amount());
        assertEquals(40.0, black.percent().getAsDouble());
        Supply waste = r.supplies().get(1);
        assertEquals(SupplyLevel.SOME_REMAINING, waste.level());
        assertEquals(SupplyLevel.UNKNOWN, waste.maxCapacity());
    }

    @Test
    void thePlanHoldsExactlyTheOidsTheFileNames() {
        DeclarativeMapper mapper = TestFiles.mapper("<identity field=\"model\"><value oid=\"1.3.6.1.4.1.64999.1.0\"/></identity>\n"
                + "<meter name=\"total\" unit=\"pages\"><sum><value oid=\"1.3.6.1.4.1.64999.2.0\"/>"
                + "<value oid=\"1.3.6.1.4.1.64999.3.0\"/></sum></meter>\n" + SUPPLIES);
        OidPlan plan = mapper.plan(new DeviceFacts(null, ""));
        assertEquals(3, plan.scalars().size(), plan::toString);
        assertEquals(4, plan.columns().size(), plan::toString);
    }

    @Test
    void mapReadsNothingOutsideItsPlanOnASyntheticTable() {
        DeclarativeMapper mapper = TestFiles.mapper(SUPPLIES);
        Snapshot cut = restricted(SUPPLY_TABLE, mapper.plan(new DeviceFacts(null, "")));
        assertNotEquals(SUPPLY_TABLE.size(), cut.size());
        assertEquals(map(mapper, SUPPLY_TABLE), map(mapper, cut));
    }

    @Test
    void mapReadsNothingOutsideItsPlanOnEveryRecording() throws Exception {
        DeclarativeMapper mapper = new DeclarativeMapper(TestFiles.READER.read(
                Files.readAllBytes(TestFiles.docs().resolve("mapping/zebra-label-printers.mapping.xml")), "zebra"));
        try (var files = Files.list(TestFiles.recording("zebra").getParent())) {
            for (var file : files.filter(f -> f.toString().endsWith(".snmprec")).toList()) {
                Snapshot full = TestFiles.load(file);
                DeviceReading fromFull = map(mapper, full);
                DeviceReading fromPlan = map(mapper, restricted(full, mapper.plan(new DeviceFacts(null, ""))));
                assertEquals(fromFull, fromPlan, file::toString);
            }
        }
    }

    @Test
    void twoMappersWithTheSameRulesAreTwoMappers() {
        // the collector keys its mappers by instance: equal content must not make them one
        assertNotEquals(TestFiles.mapper(SUPPLIES), TestFiles.mapper(SUPPLIES));
        assertTrue(TestFiles.mapper(SUPPLIES).toString().contains("test"));
    }
}
