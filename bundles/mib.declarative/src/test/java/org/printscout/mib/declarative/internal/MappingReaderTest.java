package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.snmp.Oid;

class MappingReaderTest {

    private static Problem onlyProblem(String xml) {
        MappingException e = assertThrows(MappingException.class, () -> TestFiles.read(xml));
        assertEquals(1, e.problems().size(), () -> "expected one problem, got:\n" + e.getMessage());
        return e.problems().get(0);
    }

    private static void assertProblem(Problem p, int line, String... fragments) {
        assertEquals("test.mapping.xml", p.source(), p::toString);
        assertEquals(line, p.line(), p::toString);
        for (String fragment : fragments) {
            assertTrue(p.message().contains(fragment), () -> "'" + fragment + "' not in: " + p);
        }
        assertTrue(p.toString().startsWith("test.mapping.xml:" + line + ":"), p::toString);
    }

    @Test
    void readsEveryPartOfAValidMapping() throws Exception {
        Mapping m = TestFiles.read("""
                <?xml version="1.0" encoding="UTF-8"?>
                <mapping xmlns="https://printscout.org/ns/mapping/1" name="acme-lp" rank="120">
                  <description> Acme LP series </description>
                  <devices>
                    <enterprise>64999</enterprise>
                    <sysObjectId>.1.3.6.1.4.1.64999.1</sysObjectId>
                    <sysDescr>^ACME LP</sysDescr>
                  </devices>
                  <identity field="serialNumber"><value oid="1.3.6.1.4.1.64999.1.1.0"/></identity>
                  <identity field="manufacturer" default="Acme"/>
                  <meter name="total" unit="impressions">
                    <sum><value oid="1.3.6.1.4.1.64999.2.1.0"/><value oid="1.3.6.1.4.1.64999.2.2.0"/></sum>
                    <value oid="1.3.6.1.4.1.64999.2.3.0" divide="2"/>
                  </meter>
                  <supplies type="toner" unit="percent">
                    <description column="1.3.6.1.4.1.64999.3.1.2"/>
                    <level column="1.3.6.1.4.1.64999.3.1.3"/>
                  </supplies>
                </mapping>
                """);
        assertEquals("acme-lp", m.name());
        assertEquals(120, m.rank());
        assertEquals(1, m.formatVersion());
        assertEquals("Acme LP series", m.description());
        assertEquals(List.of(64999), m.claims().enterprises());
        assertEquals(List.of(Oid.parse("1.3.6.1.4.1.64999.1")), m.claims().sysObjectIds());
        assertEquals(List.of("^ACME LP"), m.claims().sysDescrs());
        assertEquals(2, m.identity().size());
        assertEquals("Acme", m.identity().get(1).defaultValue());
        assertEquals(MeterUnit.IMPRESSIONS, m.meters().get(0).unit());
        assertEquals(2, m.meters().get(0).alternatives().size());
        assertEquals(2, m.meters().get(0).alternatives().get(0).size());
        assertEquals(2, m.meters().get(0).alternatives().get(1).get(0).divide());
        assertEquals("toner", m.supplies().orElseThrow().type());
        assertEquals(11, m.meters().get(0).line());
    }

    @Test
    void rankDefaultsTo150SoDealerMappingsBeatBuiltInVendorMappers() throws Exception {
        Mapping m = TestFiles.read(TestFiles.mapping("<identity field=\"model\" default=\"X\"/>\n"));
        assertEquals(150, m.rank());
        assertEquals(150, m.serviceProperties().get(MapperClaims.RANK));
    }

    @Test
    void claimsBecomeTheCollectorsServiceProperties() throws Exception {
        Mapping m = TestFiles.read("""
                <mapping xmlns="https://printscout.org/ns/mapping/1" name="acme" rank="90">
                <devices><enterprise>1</enterprise><enterprise>2</enterprise><sysObjectId>1.3.6.1.4.1.3</sysObjectId><sysDescr>a|b</sysDescr></devices>
                <identity field="model" default="X"/>
                </mapping>
                """);
        var props = m.serviceProperties();
        assertEquals("acme", props.get(MapperClaims.NAME));
        assertEquals(90, props.get(MapperClaims.RANK));
        assertEquals(List.of(1, 2), List.of((Integer[]) props.get(MapperClaims.ENTERPRISE)));
        assertEquals(List.of("1.3.6.1.4.1.3"), List.of((String[]) props.get(MapperClaims.SYS_OBJECT_ID)));
        assertEquals(List.of("a|b"), List.of((String[]) props.get(MapperClaims.SYS_DESCR)));
    }

    @Test
    void malformedXmlIsReportedWithItsLine() {
        Problem p = onlyProblem(TestFiles.mapping("<identity field=\"model\" default=\"X\">\n</mapping>\n"));
        assertProblem(p, 4, "not well-formed");
    }

    @Test
    void schemaViolationsAreReportedWithLineAndWhatIsWrong() {
        assertProblem(onlyProblem(TestFiles.mapping("<identity field=\"serial\" default=\"X\"/>\n")), 3, "serial", "serialNumber");
        assertProblem(onlyProblem(TestFiles.mapping("<colour field=\"model\"/>\n")), 3, "colour");
        assertProblem(onlyProblem(TestFiles.mapping("<meter name=\"total\"><value oid=\"1.3.6.1.2.1.1.1.0\"/></meter>\n")), 3, "unit");
        assertProblem(onlyProblem(TestFiles.mapping("<meter name=\"total\" unit=\"bananas\"><value oid=\"1.3.6.1\"/></meter>\n")),
                3, "bananas");
    }

    @Test
    void everyProblemOfAFileIsReportedNotOnlyTheFirst() {
        MappingException e = assertThrows(MappingException.class, () -> TestFiles.read(TestFiles.mapping(
                "<identity field=\"serial\" default=\"X\"/>\n<meter name=\"total\" unit=\"bananas\"><value oid=\"1.3\"/></meter>\n")));
        assertEquals(List.of(3, 4), e.problems().stream().map(Problem::line).toList(), e.getMessage());
    }

    @Test
    void aBadOidIsReportedWithItsLine() {
        assertProblem(onlyProblem(TestFiles.mapping("<identity field=\"model\"><value oid=\"1.3.6.x.1\"/></identity>\n")),
                3, "1.3.6.x.1");
        assertProblem(onlyProblem(TestFiles.mapping("<identity field=\"model\">\n<value oid=\"1.3.6.1.99999999999\"/></identity>\n")),
                4, "bad OID", "1.3.6.1.99999999999");
        assertProblem(onlyProblem(TestFiles.mapping("<identity field=\"model\"><value oid=\"7.3.6.1\"/></identity>\n")),
                3, "bad OID", "starts with 0, 1 or 2");
    }

    @Test
    void aBadRegexIsReportedWithItsLine() {
        assertProblem(onlyProblem(TestFiles.mapping("<identity field=\"model\"><value oid=\"1.3.6.1.2.1.1.1.0\" regex=\"(unclosed\"/></identity>\n")),
                3, "bad regex", "(unclosed");
        Problem inClaims = onlyProblem("""
                <mapping xmlns="https://printscout.org/ns/mapping/1" name="x">
                <devices><sysDescr>[abc</sysDescr></devices>
                <identity field="model" default="X"/>
                </mapping>
                """);
        assertProblem(inClaims, 2, "bad regex in <sysDescr>");
    }

    @Test
    void anUnknownMeterNameIsRejectedButVendorCountersAreAccepted() throws Exception {
        assertProblem(onlyProblem(TestFiles.mapping("<meter name=\"totl\" unit=\"impressions\"><value oid=\"1.3.6.1.4.1.1.1\"/></meter>\n")),
                3, "unknown meter name 'totl'", "total");
        assertProblem(onlyProblem(TestFiles.mapping("<meter name=\"print.total\" unit=\"impressions\"><value oid=\"1.3.6.1.4.1.1.1\"/></meter>\n")),
                3, "'print' is a normalised meter");
        String longName = "acme." + "counter".repeat(20);
        assertProblem(onlyProblem(TestFiles.mapping("<meter name=\"" + longName + "\" unit=\"impressions\"><value oid=\"1.3.6.1.4.1.1.1\"/></meter>\n")),
                3, "maxLength", "100");
        Mapping ok = TestFiles.read(TestFiles.mapping(
                "<meter name=\"acme.copy.a3\" unit=\"clicks\"><value oid=\"1.3.6.1.4.1.1.1\"/></meter>\n"));
        assertEquals("acme.copy.a3", ok.meters().get(0).name());
    }

    @Test
    void anUnknownFormatVersionIsRejectedWithAClearMessage() {
        Problem p = onlyProblem("""
                <?xml version="1.0"?>
                <mapping xmlns="https://printscout.org/ns/mapping/2" name="future">
                  <devices><enterprise>1</enterprise></devices>
                </mapping>
                """);
        assertProblem(p, 2, "mapping format version 2 is not supported", "reads version 1");
    }

    @Test
    void aFileThatIsNoMappingIsRejected() {
        assertProblem(onlyProblem("<mapping name=\"x\"/>\n"), 1, "not a PrintScout mapping file", "no namespace");
        assertProblem(onlyProblem("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>\n"), 1, "root element is <project>");
        MappingException empty = assertThrows(MappingException.class,
                () -> TestFiles.READER.read(new byte[0], "empty.mapping.xml"));
        assertTrue(empty.getMessage().startsWith("empty.mapping.xml"), empty.getMessage());
    }

    @Test
    void doctypesAreRefused() {
        Problem p = onlyProblem("""
                <?xml version="1.0"?>
                <!DOCTYPE mapping [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
                <mapping xmlns="https://printscout.org/ns/mapping/1" name="x"><devices><enterprise>1</enterprise></devices>
                <identity field="model" default="&x;"/></mapping>
                """);
        assertTrue(p.message().contains("DOCTYPE"), p::toString);
    }

    @Test
    void transformsThatMakeNoSenseWhereTheyAreAreRejected() {
        assertProblem(onlyProblem(TestFiles.mapping("<identity field=\"model\"><value oid=\"1.3.6.1.2.1.1.1.0\" multiply=\"2\"/></identity>\n")),
                3, "multiply and divide apply to numbers");
        assertProblem(onlyProblem(TestFiles.mapping("<meter name=\"total\" unit=\"pages\"><value oid=\"1.3.6.1.2.1.1.1.0\" decode=\"mac\"/></meter>\n")),
                3, "gives no number");
        assertProblem(onlyProblem(TestFiles.mapping("<identity field=\"model\"/>\n")), 3, "neither a <value> nor a default");
        assertProblem(onlyProblem(TestFiles.mapping("<meter name=\"total\" unit=\"pages\"><value oid=\"1.3.6.1\" divide=\"0\"/></meter>\n")),
                3, "0");
    }

    @Test
    void duplicateRulesForOneFieldAreRejected() {
        MappingException e = assertThrows(MappingException.class, () -> TestFiles.read(TestFiles.mapping(
                "<identity field=\"model\" default=\"A\"/>\n<identity field=\"model\" default=\"B\"/>\n")));
        assertEquals(4, e.problems().get(0).line(), e.getMessage());
    }

    @Test
    void aMappingMustClaimDevicesAndReadSomething() {
        assertProblem(onlyProblem("<mapping xmlns=\"https://printscout.org/ns/mapping/1\" name=\"x\"><devices/></mapping>"),
                1, "devices");
        Problem nothing = onlyProblem(TestFiles.mapping(""));
        assertTrue(nothing.message().contains("reads nothing"), nothing::toString);
    }

    @Test
    void theSchemaInDocsIsTheOneTheBundleUses() throws Exception {
        try (var in = MappingReader.class.getResourceAsStream(MappingReader.SCHEMA_RESOURCE)) {
            String bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(bundled, Files.readString(TestFiles.docs().resolve("mapping/mapping-1.xsd")),
                    "docs/mapping/mapping-1.xsd differs from the bundle's schema/mapping-1.xsd: copy it over");
        }
    }
}
