package org.printscout.report.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.printscout.api.model.Alert;
import org.printscout.api.model.DeviceIdentity;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.DeviceStatus;
import org.printscout.api.model.Meter;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.Supply;
import org.printscout.api.report.ScanResult;

/**
 * Writes a scan as report format 1 (docs/report-1.xsd) and zips it. Strings come from devices and
 * may hold anything: characters XML 1.0 cannot carry are dropped, and every string is cut to the
 * length the schema (and the portal's database) allows, so a hostile or broken device can never make
 * a report the portal must refuse. A meter whose name is longer than {@link Meter#MAX_NAME_LENGTH} is
 * left out (cutting it could merge two counters) and named in the notes.
 */
final class ReportWriter {

    static final String NAMESPACE = "urn:printscout:report:1";
    static final String ENTRY = "report.xml";

    /** Who and where the report is from: set by activation. */
    record Origin(String agent, String site) {
    }

    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    // the lengths of docs/report-1.xsd (characters)
    static final int IP = 64;
    static final int SERIAL = 128;
    static final int TEXT = 200;
    static final int LONG_TEXT = 1000;
    static final int TOKEN = 64;
    static final int SHORT_TOKEN = 32;

    /** What the writer left out or cut, for the log; told once per report. */
    interface Notes {
        Notes NONE = note -> {
        };

        void note(String note);
    }

    byte[] zipped(String id, Origin origin, ScanResult scan) throws IOException {
        return zipped(id, origin, scan, Notes.NONE);
    }

    byte[] zipped(String id, Origin origin, ScanResult scan, Notes notes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            ZipEntry entry = new ZipEntry(ENTRY);
            // a fixed entry time: the same scan gives the same bytes, and no local clock leaks out
            entry.setTime(0);
            zip.putNextEntry(entry);
            write(id, origin, scan, zip, notes);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    void write(String id, Origin origin, ScanResult scan, OutputStream out) throws IOException {
        write(id, origin, scan, out, Notes.NONE);
    }

    void write(String id, Origin origin, ScanResult scan, OutputStream out, Notes notes) throws IOException {
        try {
            XMLStreamWriter xml = factory.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "report");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeAttribute("id", id);
            xml.writeAttribute("agent", cut(origin.agent(), 128));
            optional(xml, "site", origin.site(), 128);
            xml.writeAttribute("kind", scan.kind().name().toLowerCase(Locale.ROOT));
            if (scan.started() != null) {
                xml.writeAttribute("started", time(scan.started()));
            }
            xml.writeAttribute("finished", time(scan.finished() == null ? Instant.now() : scan.finished()));
            for (DeviceReading reading : scan.readings()) {
                device(xml, reading, notes);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write report " + id + ": " + e.getMessage(), e);
        }
    }

    private static void device(XMLStreamWriter xml, DeviceReading reading, Notes notes) throws XMLStreamException {
        DeviceIdentity id = reading.identity();
        xml.writeStartElement(NAMESPACE, "device");
        xml.writeAttribute("ip", cut(id.address() == null ? "" : id.address(), IP));
        if (id.macAddress() != null && id.macAddress().length() <= 64 && id.macAddress().matches("[0-9A-F]{2}(:[0-9A-F]{2})*")) {
            xml.writeAttribute("mac", id.macAddress());
        }
        optional(xml, "serial", id.serialNumber(), SERIAL);
        optional(xml, "make", id.manufacturer(), TEXT);
        optional(xml, "model", id.model(), TEXT);
        optional(xml, "firmware", id.firmware(), TEXT);
        xml.writeAttribute("readAt", time(reading.readAt()));
        status(xml, reading.status());
        for (Alert alert : reading.alerts()) {
            xml.writeStartElement(NAMESPACE, "alert");
            xml.writeAttribute("severity", token(alert.severity(), "other"));
            optional(xml, "group", alert.group(), TOKEN);
            xml.writeAttribute("groupIndex", Integer.toString(alert.groupIndex()));
            optional(xml, "code", alert.code(), TOKEN);
            if (alert.description() != null) {
                xml.writeCharacters(cut(alert.description(), LONG_TEXT));
            }
            xml.writeEndElement();
        }
        for (Meter meter : reading.meters()) {
            String name = collapse(clean(meter.name()));
            if (name.isEmpty() || name.length() > Meter.MAX_NAME_LENGTH) {
                notes.note("device " + cut(String.valueOf(id.address()), IP) + ": meter '" + cut(name, 60) + "...' left out: its name is "
                        + name.length() + " characters; at most " + Meter.MAX_NAME_LENGTH + " are reported");
                continue;
            }
            xml.writeStartElement(NAMESPACE, "meter");
            xml.writeAttribute("name", name);
            if (meter.unit() != MeterUnit.IMPRESSIONS) {
                xml.writeAttribute("unit", unitName(meter.unit()));
            }
            xml.writeCharacters(Long.toString(meter.value()));
            xml.writeEndElement();
        }
        for (Supply supply : reading.supplies()) {
            xml.writeStartElement(NAMESPACE, "supply");
            xml.writeAttribute("index", Integer.toString(supply.index()));
            optional(xml, "type", supply.type(), TOKEN);
            optional(xml, "colorant", supply.colorant(), TOKEN);
            optional(xml, "unit", supply.unit(), SHORT_TOKEN);
            // amount() carries -1/-2/-3 for the special values, exactly the Printer-MIB encoding
            xml.writeAttribute("level", Long.toString(supply.level().amount()));
            xml.writeAttribute("max", Long.toString(supply.maxCapacity().amount()));
            optional(xml, "part", supply.partNumber(), TEXT);
            if (supply.description() != null) {
                xml.writeCharacters(cut(supply.description(), TEXT));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void status(XMLStreamWriter xml, DeviceStatus status) throws XMLStreamException {
        if (status == null) {
            return;
        }
        xml.writeStartElement(NAMESPACE, "status");
        optional(xml, "device", status.deviceStatus(), SHORT_TOKEN);
        optional(xml, "printer", status.printerStatus(), SHORT_TOKEN);
        for (String condition : status.conditions()) {
            xml.writeStartElement(NAMESPACE, "condition");
            xml.writeCharacters(cut(collapse(clean(condition)), TOKEN));
            xml.writeEndElement();
        }
        for (String line : status.consoleDisplay()) {
            xml.writeStartElement(NAMESPACE, "display");
            xml.writeCharacters(cut(line, LONG_TEXT));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** IMPRESSIONS → impressions, TEN_THOUSANDTHS_OF_INCHES → tenThousandthsOfInches (the XSD's names). */
    static String unitName(MeterUnit unit) {
        String[] words = unit.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return name.toString();
    }

    private static void optional(XMLStreamWriter xml, String name, String value, int maxLength) throws XMLStreamException {
        if (value != null && !value.isBlank()) {
            xml.writeAttribute(name, cut(value, maxLength));
        }
    }

    private static String token(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : cut(collapse(clean(value)), TOKEN);
    }

    /**
     * Cleaned and cut to {@code maxLength} UTF-16 units without splitting a surrogate pair: the JDK's
     * schema validator counts those, databases count characters, and this is within both.
     */
    static String cut(String text, int maxLength) {
        String clean = clean(text);
        if (clean.length() <= maxLength) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return clean.substring(0, end);
    }

    /** What xs:token makes of a value (blanks collapsed), so its length is counted as the schema counts it. */
    private static String collapse(String text) {
        return text.strip().replaceAll("[\\t\\n\\r ]+", " ");
    }

    /** Seconds are enough for scans; the shorter text also zips better. */
    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Drops the characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF). */
    static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
