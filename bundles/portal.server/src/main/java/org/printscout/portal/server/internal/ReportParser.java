package org.printscout.portal.server.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.SAXException;

/**
 * Reads an uploaded report: a ZIP with one entry {@code report.xml}, valid against report-1.xsd.
 *
 * <p>Everything is streamed from the zipped bytes: the XML is never held whole. Inflation is capped
 * while it happens (total size and compression ratio; one entry only). Any DTD is refused before the
 * document's content is read (a document type declaration can only come before the root element), so
 * no entity is ever expanded; external entities are off too. The schema is checked in one streaming
 * pass, the content read in a second. At most {@code maxConcurrent} uploads are parsed at once, so
 * the memory of a parse (its zipped bytes and the report read from them, bounded by the limits) times
 * the concurrency stays below the heap; a caller that waits longer than {@code maxWait} for its turn
 * gets {@link Busy} (answered 503, retried by the agent).
 *
 * <p>Times ahead of the portal's clock by more than {@code maxSkew} are clamped to the time of
 * arrival (a device whose reading is dated in the future would not be updated by later ones), and the
 * report says how far ahead they were ({@link Report#clamped()}).
 */
final class ReportParser {

    static final String NAMESPACE = "urn:printscout:report:1";

    /** Limits on what an upload may inflate to. */
    record Limits(int maxZippedBytes, int maxXmlBytes, int maxRatio) {
    }

    record Meter(String name, String unit, long value) {
    }

    record Supply(int index, String description, String type, String colorant, long level, long max) {
    }

    /** A row of the device's Printer-MIB alert table, as the report carries it. */
    record PrinterAlert(String severity, String code, String text) {
    }

    /**
     * @param conditions hrPrinterDetectedErrorState conditions ("jammed", "doorOpen", ...)
     * @param alerts the Printer-MIB alert table
     */
    record Device(String ip, String mac, String serial, String make, String model, String deviceStatus,
                  String printerStatus, Instant readAt, List<Meter> meters, List<Supply> supplies, String firmware,
                  List<String> conditions, List<PrinterAlert> alerts) {
        /** What identifies a device within a site across reports: serial, else MAC, else IP. */
        String key() {
            if (serial != null && !serial.isBlank()) {
                return "serial:" + serial;
            }
            if (mac != null && !mac.isBlank()) {
                return "mac:" + mac;
            }
            return "ip:" + ip;
        }
    }

    /**
     * @param clamped empty, or what was clamped and by how much (for the portal's log and the answer)
     */
    record Report(String id, String agent, String site, String kind, Instant finished, List<Device> devices, String clamped) {
    }

    /** No parse slot became free in time: the portal is busy with other uploads; try again. */
    static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    /** The upload is not a report this portal accepts; the message says why, for the agent's log. */
    static final class RejectedReport extends Exception {
        private static final long serialVersionUID = 1L;

        RejectedReport(String message) {
            super(message);
        }
    }

    /** The default number of parses at once: what the heap holds with room to spare (see {@link #concurrencyFor}). */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final Schema schema;
    private final Limits limits;
    private final XMLInputFactory xmlInput;
    private final Semaphore slots;
    private final int concurrency;
    private final Duration maxWait;
    private final Clock clock;
    private final Duration maxSkew;

    ReportParser(Limits limits) throws SAXException, IOException {
        this(limits, concurrencyFor(limits, Runtime.getRuntime().maxMemory()), MAX_WAIT, Clock.systemUTC(), MAX_SKEW);
    }

    ReportParser(Limits limits, int maxConcurrent, Duration maxWait, Clock clock, Duration maxSkew) throws SAXException, IOException {
        this.limits = limits;
        this.concurrency = Math.max(1, maxConcurrent);
        this.slots = new Semaphore(concurrency, true);
        this.maxWait = maxWait;
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.xmlInput = XMLInputFactory.newFactory();
        // a DTD is refused by the reader below; these make sure nothing of one is ever acted on
        xmlInput.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xmlInput.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        xmlInput.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        try (InputStream xsd = ReportParser.class.getResourceAsStream("/org/printscout/portal/server/report-1.xsd")) {
            if (xsd == null) {
                throw new IOException("report-1.xsd is missing from the bundle");
            }
            this.schema = factory.newSchema(new StreamSource(xsd));
        }
    }

    /**
     * How many parses fit in a heap: a report read into objects takes a few times its XML size, and a
     * third of the heap is left to everything else.
     */
    static int concurrencyFor(Limits limits, long maxHeap) {
        long perParse = (long) limits.maxZippedBytes() + 4L * limits.maxXmlBytes();
        return (int) Math.max(1, Math.min(16, maxHeap * 2 / 3 / perParse));
    }

    int concurrency() {
        return concurrency;
    }

    Report parse(byte[] zipped) throws RejectedReport {
        if (zipped.length > limits.maxZippedBytes()) {
            throw new RejectedReport("the upload is " + zipped.length + " bytes; at most " + limits.maxZippedBytes() + " are accepted");
        }
        try {
            if (!slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy("the portal is busy parsing " + concurrency + " other uploads; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting to parse the upload");
        }
        try {
            checkArchive(zipped);
            validate(zipped);
            Report report;
            try (InputStream xml = inflated(zipped)) {
                report = read(xml);
            } catch (XMLStreamException | IOException | RuntimeException e) {
                throw new RejectedReport("the report cannot be read: " + e.getMessage());
            }
            return clampFuture(report);
        } finally {
            slots.release();
        }
    }

    /** report.xml, inflating as it is read, refused past the size and ratio limits. */
    private Inflated inflated(byte[] zipped) throws RejectedReport {
        long cap = Math.min(limits.maxXmlBytes(), (long) Math.max(zipped.length, 1024) * limits.maxRatio());
        ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped));
        try {
            ZipEntry entry = zip.getNextEntry();
            if (entry == null || !entry.getName().equals("report.xml")) {
                throw new RejectedReport("the upload must be a ZIP archive whose only entry is report.xml");
            }
        } catch (IOException e) {
            throw new RejectedReport("the upload is not a readable ZIP archive: " + e.getMessage());
        }
        String tooLarge = "report.xml inflates to more than " + cap + " bytes (limit " + limits.maxXmlBytes() + " bytes, ratio "
                + limits.maxRatio() + ":1); refused as a possible zip bomb";
        return new Inflated(zip, cap, tooLarge);
    }

    /** report.xml as it inflates; the limit is an IOException of its own, so a reader that wraps it (StAX) still lets it be named. */
    private static final class Inflated extends FilterInputStream {
        private final long cap;
        private final String tooLarge;
        private long total;

        Inflated(ZipInputStream zip, long cap, String tooLarge) {
            super(zip);
            this.cap = cap;
            this.tooLarge = tooLarge;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (total += n) > cap) {
                throw new InflationLimit(tooLarge);
            }
            return n;
        }

        /** True when the archive holds another entry after report.xml. */
        boolean anotherEntry() throws IOException {
            return ((ZipInputStream) in).getNextEntry() != null;
        }
    }

    /** report.xml inflated past the limits. */
    private static final class InflationLimit extends IOException {
        private static final long serialVersionUID = 1L;

        InflationLimit(String message) {
            super(message);
        }
    }

    /** The inflation limit, if it is what stopped a read (readers wrap the exceptions of their streams). */
    private static java.util.Optional<String> inflationLimit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InflationLimit) {
                return java.util.Optional.of(t.getMessage());
            }
            if (t instanceof XMLStreamException x && x.getNestedException() instanceof InflationLimit nested) {
                return java.util.Optional.of(nested.getMessage());
            }
        }
        return java.util.Optional.empty();
    }

    /** The schema check, streamed; refuses a DTD before anything of the document is used. */
    private void validate(byte[] zipped) throws RejectedReport {
        try (InputStream xml = inflated(zipped)) {
            XMLStreamReader reader = xmlInput.createXMLStreamReader(xml);
            try {
                while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                    if (reader.getEventType() == XMLStreamConstants.DTD) {
                        throw new RejectedReport("report.xml declares a document type (<!DOCTYPE ...>); DTDs and entities are refused");
                    }
                    if (!reader.hasNext()) {
                        throw new RejectedReport("report.xml has no root element");
                    }
                    reader.next();
                }
                Validator validator = schema.newValidator();
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                validator.validate(new StAXSource(reader));
            } finally {
                reader.close();
            }
        } catch (SAXException e) {
            throw new RejectedReport(inflationLimit(e).orElse("report.xml is not valid against report-1.xsd: " + e.getMessage()));
        } catch (XMLStreamException e) {
            throw new RejectedReport(inflationLimit(e).orElse("report.xml is not well-formed XML: " + e.getMessage()));
        } catch (IOException e) {
            throw new RejectedReport(inflationLimit(e).orElse("report.xml cannot be read: " + e.getMessage()));
        }
    }

    /**
     * The archive's shape before its content: one entry report.xml, inflating within the limits (a
     * bomb is named as one, whatever it holds), and nothing after it. Inflating without keeping the
     * bytes costs CPU only, and at most the limit.
     */
    private void checkArchive(byte[] zipped) throws RejectedReport {
        try (Inflated xml = inflated(zipped)) {
            byte[] sink = new byte[8192];
            while (xml.read(sink) >= 0) {
                // counted by the stream, which refuses past the limit
            }
            if (xml.anotherEntry()) {
                throw new RejectedReport("the upload holds more than one entry; only report.xml is accepted");
            }
        } catch (InflationLimit e) {
            throw new RejectedReport(e.getMessage());
        } catch (IOException e) {
            throw new RejectedReport("the upload is not a readable ZIP archive: " + e.getMessage());
        }
    }

    /** Times further ahead than the allowed skew become the time of arrival; the report says so. */
    private Report clampFuture(Report report) {
        Instant now = clock.instant();
        Instant latest = now.plus(maxSkew);
        Duration ahead = Duration.ZERO;
        int clampedDevices = 0;
        List<Device> devices = new ArrayList<>(report.devices().size());
        for (Device d : report.devices()) {
            if (d.readAt() != null && d.readAt().isAfter(latest)) {
                ahead = max(ahead, Duration.between(now, d.readAt()));
                clampedDevices++;
                devices.add(new Device(d.ip(), d.mac(), d.serial(), d.make(), d.model(), d.deviceStatus(), d.printerStatus(), now,
                        d.meters(), d.supplies(), d.firmware(), d.conditions(), d.alerts()));
            } else {
                devices.add(d);
            }
        }
        Instant finished = report.finished();
        boolean finishedAhead = finished != null && finished.isAfter(latest);
        if (finishedAhead) {
            ahead = max(ahead, Duration.between(now, finished));
            finished = now;
        }
        if (clampedDevices == 0 && !finishedAhead) {
            return report;
        }
        String note = (clampedDevices > 0 ? "readAt of " + clampedDevices + " device(s)" : "") + (clampedDevices > 0 && finishedAhead ? " and " : "")
                + (finishedAhead ? "finished" : "") + " up to " + ahead.toSeconds() + " s ahead of the portal's clock (at most "
                + maxSkew.toSeconds() + " s are accepted) set to the time of arrival " + now + "; check the agent's clock";
        return new Report(report.id(), report.agent(), report.site(), report.kind(), finished, devices, note);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private Report read(InputStream xml) throws XMLStreamException {
        XMLStreamReader in = xmlInput.createXMLStreamReader(xml);
        String id = null;
        String agent = null;
        String site = null;
        String kind = null;
        Instant finished = null;
        List<Device> devices = new ArrayList<>();
        Device device = null;
        List<Meter> meters = null;
        List<Supply> supplies = null;
        List<String> conditions = null;
        List<PrinterAlert> alerts = null;
        PrinterAlert pendingAlert = null;
        String meterName = null;
        String meterUnit = null;
        Supply pendingSupply = null;
        StringBuilder text = new StringBuilder();
        while (in.hasNext()) {
            int event = in.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                text.setLength(0);
                switch (in.getLocalName()) {
                    case "report":
                        id = in.getAttributeValue(null, "id");
                        agent = in.getAttributeValue(null, "agent");
                        site = in.getAttributeValue(null, "site");
                        kind = collapsed(in, "kind");
                        finished = time(collapsed(in, "finished"));
                        break;
                    case "device":
                        meters = new ArrayList<>();
                        supplies = new ArrayList<>();
                        conditions = new ArrayList<>();
                        alerts = new ArrayList<>();
                        device = new Device(in.getAttributeValue(null, "ip"), in.getAttributeValue(null, "mac"),
                                in.getAttributeValue(null, "serial"), in.getAttributeValue(null, "make"),
                                in.getAttributeValue(null, "model"), null, null, time(collapsed(in, "readAt")),
                                meters, supplies, in.getAttributeValue(null, "firmware"), conditions, alerts);
                        break;
                    case "status":
                        device = new Device(device.ip(), device.mac(), device.serial(), device.make(), device.model(),
                                collapsed(in, "device"), collapsed(in, "printer"), device.readAt(),
                                meters, supplies, device.firmware(), conditions, alerts);
                        break;
                    case "alert":
                        pendingAlert = new PrinterAlert(collapsed(in, "severity"), collapsed(in, "code"), null);
                        break;
                    case "meter":
                        meterName = collapsed(in, "name");
                        String unit = collapsed(in, "unit");
                        meterUnit = unit == null ? "impressions" : unit;
                        break;
                    case "supply":
                        String index = collapsed(in, "index");
                        pendingSupply = new Supply(index == null ? 0 : Integer.parseInt(index), null,
                                collapsed(in, "type"), collapsed(in, "colorant"),
                                Long.parseLong(collapsed(in, "level")), Long.parseLong(collapsed(in, "max")));
                        break;
                    default:
                        break;
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(in.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (in.getLocalName()) {
                    case "meter":
                        meters.add(new Meter(meterName, meterUnit, Long.parseLong(collapse(text.toString()))));
                        break;
                    case "supply":
                        supplies.add(new Supply(pendingSupply.index(), text.toString().strip(), pendingSupply.type(),
                                pendingSupply.colorant(), pendingSupply.level(), pendingSupply.max()));
                        break;
                    case "condition":
                        conditions.add(collapse(text.toString()));
                        break;
                    case "alert":
                        alerts.add(new PrinterAlert(pendingAlert.severity(), pendingAlert.code(), text.toString().strip()));
                        break;
                    case "device":
                        devices.add(device);
                        break;
                    default:
                        break;
                }
            }
        }
        return new Report(id, agent, site, kind, finished, devices, "");
    }

    /**
     * The value of an attribute whose schema type collapses whitespace (xs:token and the types derived
     * from it, numbers, dateTimes), as the schema saw it when it checked the value's length or
     * pattern: stored raw, a meter name of 600 inner spaces would pass report-1.xsd (maxLength 100)
     * and then overflow its column.
     */
    private static String collapsed(XMLStreamReader in, String attribute) {
        String value = in.getAttributeValue(null, attribute);
        return value == null ? null : collapse(value);
    }

    /** XML Schema's whitespace "collapse": tab, CR and LF become spaces, runs of spaces one, none at either end. */
    static String collapse(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Instant time(String text) {
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }
}
