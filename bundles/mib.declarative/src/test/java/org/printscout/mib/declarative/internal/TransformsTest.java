package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Snapshot;

class TransformsTest {

    private static final String A = "1.3.6.1.4.1.64999.1.0";
    private static final String B = "1.3.6.1.4.1.64999.2.0";
    private static final String C = "1.3.6.1.4.1.64999.3.0";

    private static DeviceReading map(String body, Snapshot snapshot) {
        ReadingBuilder reading = new ReadingBuilder();
        TestFiles.mapper(body).map(snapshot, reading);
        return reading.build(Instant.EPOCH);
    }

    private static Meter meter(DeviceReading r, String name) {
        return r.meters().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void textIsTrimmedAndCleaned() {
        DeviceReading r = map("<identity field=\"model\"><value oid=\"" + A + "\"/></identity>\n",
                TestFiles.snapshot().hex(A, "20204c50203130300000").build());
        assertEquals("LP 100", r.identity().model());
    }

    @Test
    void regexKeepsTheFirstGroupOrTheWholeMatch() {
        Snapshot s = TestFiles.snapshot().text(A, "MFG:Acme;MDL:LP 100;").build();
        assertEquals("Acme", map("<identity field=\"manufacturer\"><value oid=\"" + A + "\" regex=\"MFG:([^;]+)\"/></identity>\n", s)
                .identity().manufacturer());
        assertEquals("LP 100", map("<identity field=\"model\"><value oid=\"" + A + "\" regex=\"LP [0-9]+\"/></identity>\n", s)
                .identity().model());
    }

    @Test
    void aRegexThatDoesNotMatchFallsThroughToTheNextValueThenTheDefault() {
        String body = "<identity field=\"model\" default=\"Unknown LP\">\n<value oid=\"" + A + "\" regex=\"MDL:(.+)\"/>\n"
                + "<value oid=\"" + B + "\"/>\n</identity>\n";
        assertEquals("from B", map(body, TestFiles.snapshot().text(A, "nothing").text(B, "from B").build()).identity().model());
        assertEquals("Unknown LP", map(body, TestFiles.snapshot().text(A, "nothing").build()).identity().model());
    }

    @Test
    void hexShowsTheOctetsAndHexTextDecodesAHexDump() {
        assertEquals("0A1B2C", map("<identity field=\"serialNumber\"><value oid=\"" + A + "\" decode=\"hex\"/></identity>\n",
                TestFiles.snapshot().hex(A, "0a1b2c").build()).identity().serialNumber());
        assertEquals("CNB1234567", map("<identity field=\"serialNumber\"><value oid=\"" + A + "\" decode=\"hexText\"/></identity>\n",
                TestFiles.snapshot().text(A, "43 4E 42 31 32 33 34 35 36 37").build()).identity().serialNumber());
        assertNull(map("<identity field=\"serialNumber\"><value oid=\"" + A + "\" decode=\"hexText\"/></identity>\n",
                TestFiles.snapshot().text(A, "not hex").build()).identity().serialNumber());
    }

    @Test
    void macAddressesAreNormalisedFromOctetsOrText() {
        String body = "<identity field=\"macAddress\"><value oid=\"" + A + "\" decode=\"mac\"/></identity>\n";
        assertEquals("00:07:4D:6B:C2:A8", map(body, TestFiles.snapshot().hex(A, "00074d6bc2a8").build()).identity().macAddress());
        assertEquals("00:07:4D:6B:C2:A8", map(body, TestFiles.snapshot().text(A, "00074d6bc2a8").build()).identity().macAddress());
        // a macAddress field read as plain text is normalised too, and refused when it is no MAC
        String plain = "<identity field=\"macAddress\"><value oid=\"" + A + "\"/></identity>\n";
        assertEquals("00:07:4D:6B:C2:A8", map(plain, TestFiles.snapshot().text(A, "00-07-4d-6b-c2-a8").build()).identity().macAddress());
        assertNull(map(plain, TestFiles.snapshot().text(A, "unknown").build()).identity().macAddress());
    }

    @Test
    void metersAreReadFromNumbersOrFromText() {
        String body = "<meter name=\"total\" unit=\"impressions\"><value oid=\"" + A + "\"/></meter>\n";
        assertEquals(new Meter("total", 1234, MeterUnit.IMPRESSIONS), meter(map(body, TestFiles.snapshot().counter(A, 1234).build()), "total"));
        assertEquals(1234, meter(map(body, TestFiles.snapshot().text(A, " 1,234 ").build()), "total").value());
        assertNull(meter(map(body, TestFiles.snapshot().text(A, "1234 pages").build()), "total"));
    }

    @Test
    void scaleMultipliesThenDividesRoundingDown() {
        Snapshot s = TestFiles.snapshot().text(A, "1920 INCHES, 4876 CENTIMETERS").build();
        assertEquals(19_200_000, meter(map("<meter name=\"acme.length\" unit=\"ten_thousandths_of_inches\"><value oid=\"" + A
                + "\" regex=\"([0-9]+) INCHES\" multiply=\"10000\"/></meter>\n", s), "acme.length").value());
        assertEquals(48, meter(map("<meter name=\"acme.length\" unit=\"meters\"><value oid=\"" + A
                + "\" regex=\"([0-9]+) CENTIMETERS\" divide=\"100\"/></meter>\n", s), "acme.length").value());
        assertEquals(3, meter(map("<meter name=\"total\" unit=\"clicks\"><value oid=\"" + B + "\" multiply=\"3\" divide=\"2\"/></meter>\n",
                TestFiles.snapshot().integer(B, 2).build()), "total").value());
    }

    @Test
    void aSumNeedsEveryPartElseTheNextAlternativeIsTried() {
        String body = "<meter name=\"total\" unit=\"impressions\">\n<sum><value oid=\"" + A + "\"/><value oid=\"" + B + "\"/></sum>\n"
                + "<value oid=\"" + C + "\"/>\n</meter>\n";
        assertEquals(30, meter(map(body, TestFiles.snapshot().counter(A, 10).counter(B, 20).counter(C, 99).build()), "total").value());
        assertEquals(99, meter(map(body, TestFiles.snapshot().counter(A, 10).counter(C, 99).build()), "total").value());
        assertNull(meter(map(body, TestFiles.snapshot().counter(A, 10).build()), "total"));
    }

    @Test
    void aNegativeMeterIsDroppedNotThrown() {
        String body = "<meter name=\"total\" unit=\"impressions\"><value oid=\"" + A + "\"/></meter>\n"
                + "<identity field=\"model\"><value oid=\"" + B + "\"/></identity>\n";
        DeviceReading r = map(body, TestFiles.snapshot().integer(A, -5).text(B, "LP").build());
        assertTrue(r.meters().isEmpty());
        assertEquals("LP", r.identity().model());
    }

    @Test
    void theTraceSaysWhyAFieldStayedEmpty() {
        List<String> missing = new ArrayList<>();
        TestFiles.mapper("<identity field=\"serialNumber\"><value oid=\"" + A + "\" regex=\"SN:(\\w+)\"/></identity>\n"
                        + "<meter name=\"total\" unit=\"pages\"><value oid=\"" + B + "\"/></meter>\n")
                .map(TestFiles.snapshot().text(A, "no serial here").build(), new ReadingBuilder(), new Trace() {
                    @Override
                    public void produced(String target, String value, String from) {
                    }

                    @Override
                    public void missing(String target, String reason) {
                        missing.add(target + ": " + reason);
                    }
                });
        assertEquals(2, missing.size(), missing::toString);
        assertTrue(missing.get(0).contains("does not match 'no serial here'"), missing::toString);
        assertTrue(missing.get(1).contains(B + " is not in the snapshot"), missing::toString);
        assertFalse(missing.get(1).contains("sum"), missing::toString);
    }
}
