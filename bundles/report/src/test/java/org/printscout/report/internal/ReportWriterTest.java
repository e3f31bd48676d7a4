package org.printscout.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.printscout.api.model.Alert;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.model.Supply;
import org.printscout.api.model.SupplyLevel;
import org.printscout.api.report.ScanKind;
import org.printscout.api.report.ScanResult;
import org.printscout.mib.standard.internal.StandardMibMapper;
import org.printscout.mib.testing.Recordings;

class ReportWriterTest {

    private static final ReportWriter.Origin ORIGIN = new ReportWriter.Origin("agent-7f3a", "site-12");
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    /**
     * 20 devices from the recorded printers with a real walk (19 today; the list repeats from the
     * start, as a site with two of one model does), read by the standard mapper at 127.77.0.N.
     */
    static List<DeviceReading> twentyRecordedDevices() {
        List<Recordings.Recording> usable = new ArrayList<>();
        for (Path file : Recordings.printers()) {
            Recordings.Recording recording = Recordings.load(file);
            if (!recording.isStub()) {
                usable.add(recording);
            }
        }
        assertTrue(usable.size() >= 10, "only " + usable.size() + " usable recordings");
        List<DeviceReading> readings = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ReadingBuilder mapped = new ReadingBuilder();
            new StandardMibMapper().map(usable.get(i % usable.size()).snapshot(), mapped);
            ReadingBuilder reading = new ReadingBuilder().address("127.77.0." + (i + 1));
            reading.mergeFrom(mapped, "standard");
            readings.add(reading.build(T0.plusSeconds(i)));
        }
        return readings;
    }

    static Schema schema() throws Exception {
        try (InputStream xsd = ReportWriter.class.getResourceAsStream("/org/printscout/report/report-1.xsd")) {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(xsd));
        }
    }

    static byte[] unzip(byte[] zipped) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            ZipEntry entry = zip.getNextEntry();
            assertEquals(ReportWriter.ENTRY, entry.getName());
            byte[] xml = zip.readAllBytes();
            assertEquals(null, zip.getNextEntry(), "one entry only");
            return xml;
        }
    }

    @Test
    void twentyRecordedDevicesZipUnderFourKilobytesAndValidate() throws Exception {
        ScanResult scan = new ScanResult(ScanKind.METER, T0, T0.plusSeconds(40), twentyRecordedDevices());
        byte[] zipped = new ReportWriter().zipped(UUID.randomUUID().toString(), ORIGIN, scan);
        byte[] xml = unzip(zipped);
        System.out.println("report of 20 recorded devices: " + xml.length + " bytes XML, " + zipped.length + " bytes zipped");
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        assertTrue(zipped.length < 4096, "zipped report is " + zipped.length + " bytes");
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("<meter name=\"total\""), "meters written");
        assertTrue(text.contains("<supply "), "supplies written");
    }

    @Test
    void specialSupplyValuesKeepTheirPrinterMibMeaning() throws Exception {
        ReadingBuilder builder = new ReadingBuilder().address("10.0.0.5").serialNumber("CNB1234").manufacturer("HP")
                .model("LaserJet M404").macAddress("00:1B:A9:12:34:56");
        builder.supply(new Supply(1, "Black Cartridge", "toner", "black", "percent", SupplyLevel.SOME_REMAINING,
                SupplyLevel.ofPrinterMib(100), "CF259A"));
        builder.supply(new Supply(2, "Waste", "wasteToner", null, "other", SupplyLevel.UNKNOWN, SupplyLevel.OTHER, null));
        builder.meter("total", 41235, MeterUnit.IMPRESSIONS).meter("sheets", 30000, MeterUnit.SHEETS);
        builder.alert(new Alert(1, "warning", "input", 2, "subunitEmpty", "Tray 2 empty"));
        builder.deviceStatus("warning").printerStatus("idle").condition("lowPaper");
        ScanResult scan = new ScanResult(ScanKind.STATUS, T0, T0.plusSeconds(1), List.of(builder.build(T0)));
        String id = UUID.randomUUID().toString();
        byte[] xml = unzip(new ReportWriter().zipped(id, ORIGIN, scan));
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("level=\"-3\" max=\"100\""), text);
        assertTrue(text.contains("level=\"-2\" max=\"-1\""), text);
        assertTrue(text.contains("kind=\"status\""), text);
        assertTrue(text.contains("id=\"" + id + "\""), text);
        assertTrue(text.contains("<meter name=\"sheets\" unit=\"sheets\">30000</meter>"), text);
        assertTrue(text.contains("<condition>lowPaper</condition>"), text);
        assertTrue(text.contains("mac=\"00:1B:A9:12:34:56\""), text);
    }

    @Test
    void hostileDeviceStringsAreCutToTheSchemasLengthsAndAnOverlongMeterNameIsLeftOutWithANote() throws Exception {
        String emoji = "\uD83D\uDDA8";
        ReadingBuilder builder = new ReadingBuilder().address("10.0.0.9").serialNumber("S".repeat(300))
                .manufacturer("M".repeat(500)).model("x" + emoji.repeat(250)).firmware("F".repeat(201)).macAddress("AA:" .repeat(40) + "AA");
        builder.supply(new Supply(1, "D".repeat(5000), "t".repeat(100), "black", "percent", SupplyLevel.ofPrinterMib(5),
                SupplyLevel.ofPrinterMib(100), "P".repeat(300)));
        builder.meter("total", 7, MeterUnit.IMPRESSIONS).meter("vendor." + "x".repeat(300), 9, MeterUnit.IMPRESSIONS);
        builder.alert(new Alert(1, "warning " + "w".repeat(100), "input", 2, "c".repeat(100), "A".repeat(5000)));
        builder.deviceStatus("s".repeat(40)).printerStatus("idle").condition("k".repeat(100));
        ScanResult scan = new ScanResult(ScanKind.METER, T0, T0, List.of(builder.build(T0)));
        List<String> notes = new java.util.ArrayList<>();
        byte[] xml = unzip(new ReportWriter().zipped(UUID.randomUUID().toString(), ORIGIN, scan, notes::add));
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("serial=\"" + "S".repeat(128) + "\""), "serial cut to 128");
        assertTrue(text.contains("model=\"x" + emoji.repeat(99) + "\""), "199 UTF-16 units: a pair is not split at 200");
        assertTrue(text.contains("<meter name=\"total\">7</meter>"), text);
        assertFalse(text.contains("vendor.xxx"), "the overlong meter is left out");
        assertFalse(text.contains("mac="), "a MAC longer than the schema allows is not reported");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("device 10.0.0.9: meter 'vendor.xxx")
                && notes.get(0).endsWith("its name is 307 characters; at most 100 are reported"),
                notes.get(0));
    }

    @Test
    void charactersXmlCannotCarryAreDroppedNotFatal() throws Exception {
        ReadingBuilder builder = new ReadingBuilder().address("10.0.0.6").model("Model\u0000X\u0007 \uD83D\uDDA8");
        ScanResult scan = new ScanResult(ScanKind.METER, T0, T0, List.of(builder.build(T0)));
        byte[] xml = unzip(new ReportWriter().zipped(UUID.randomUUID().toString(), ORIGIN, scan));
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("model=\"ModelX \uD83D\uDDA8\""), text);
        assertFalse(text.contains("\u0000"));
    }

    @Test
    void unitNamesAreTheSchemasNames() {
        assertEquals("tenThousandthsOfInches", ReportWriter.unitName(MeterUnit.TEN_THOUSANDTHS_OF_INCHES));
        assertEquals("dotRows", ReportWriter.unitName(MeterUnit.DOT_ROWS));
        assertEquals("impressions", ReportWriter.unitName(MeterUnit.IMPRESSIONS));
    }

    @Test
    void sameScanSameBytes() throws Exception {
        ScanResult scan = new ScanResult(ScanKind.METER, T0, T0, twentyRecordedDevices());
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        a.write(new ReportWriter().zipped("00000000-0000-0000-0000-000000000001", ORIGIN, scan));
        b.write(new ReportWriter().zipped("00000000-0000-0000-0000-000000000001", ORIGIN, scan));
        assertEquals(a.toString(StandardCharsets.ISO_8859_1), b.toString(StandardCharsets.ISO_8859_1));
    }
}
