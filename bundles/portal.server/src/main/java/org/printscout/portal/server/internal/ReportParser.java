package org.printscout.portal.server.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.SAXException;

/**
 * Reads an uploaded report: a ZIP with one entry {@code report.xml}, valid against report-1.xsd.
 * Zip bombs are stopped while inflating (total size and compression ratio are capped, and only one
 * entry is read); XML external entities and DTDs are refused.
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

    record Device(String ip, String mac, String serial, String make, String model, String deviceStatus,
                  String printerStatus, Instant readAt, List<Meter> meters, List<Supply> supplies) {
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

    record Report(String id, String agent, String site, String kind, Instant finished, List<Device> devices) {
    }

    /** The upload is not a report this portal accepts; the message says why, for the agent's log. */
    static final class RejectedReport extends Exception {
        private static final long serialVersionUID = 1L;

        RejectedReport(String message) {
            super(message);
        }
    }

    private final Schema schema;
    private final Limits limits;

    ReportParser(Limits limits) throws SAXException, IOException {
        this.limits = limits;
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

    Report parse(byte[] zipped) throws RejectedReport {
        if (zipped.length > limits.maxZippedBytes()) {
            throw new RejectedReport("the upload is " + zipped.length + " bytes; at most " + limits.maxZippedBytes() + " are accepted");
        }
        byte[] xml = unzip(zipped);
        validate(xml);
        try {
            return read(xml);
        } catch (XMLStreamException | RuntimeException e) {
            throw new RejectedReport("the report cannot be read: " + e.getMessage());
        }
    }

    private byte[] unzip(byte[] zipped) throws RejectedReport {
        long cap = Math.min(limits.maxXmlBytes(), (long) Math.max(zipped.length, 1024) * limits.maxRatio());
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            ZipEntry entry = zip.getNextEntry();
            if (entry == null || !entry.getName().equals("report.xml")) {
                throw new RejectedReport("the upload must be a ZIP archive whose only entry is report.xml");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = zip.read(buffer)) > 0) {
                if (out.size() + n > cap) {
                    throw new RejectedReport("report.xml inflates to more than " + cap + " bytes (limit "
                            + limits.maxXmlBytes() + " bytes, ratio " + limits.maxRatio() + ":1); refused as a possible zip bomb");
                }
                out.write(buffer, 0, n);
            }
            if (zip.getNextEntry() != null) {
                throw new RejectedReport("the upload holds more than one entry; only report.xml is accepted");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new RejectedReport("the upload is not a readable ZIP archive: " + e.getMessage());
        }
    }

    private void validate(byte[] xml) throws RejectedReport {
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw new RejectedReport("report.xml is not valid against report-1.xsd: " + e.getMessage());
        } catch (IOException e) {
            throw new RejectedReport("report.xml cannot be read: " + e.getMessage());
        }
    }

    private static Report read(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader in = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
        String id = null;
        String agent = null;
        String site = null;
        String kind = null;
        Instant finished = null;
        List<Device> devices = new ArrayList<>();
        Device device = null;
        List<Meter> meters = null;
        List<Supply> supplies = null;
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
                        kind = in.getAttributeValue(null, "kind");
                        finished = time(in.getAttributeValue(null, "finished"));
                        break;
                    case "device":
                        meters = new ArrayList<>();
                        supplies = new ArrayList<>();
                        device = new Device(in.getAttributeValue(null, "ip"), in.getAttributeValue(null, "mac"),
                                in.getAttributeValue(null, "serial"), in.getAttributeValue(null, "make"),
                                in.getAttributeValue(null, "model"), null, null, time(in.getAttributeValue(null, "readAt")),
                                meters, supplies);
                        break;
                    case "status":
                        device = new Device(device.ip(), device.mac(), device.serial(), device.make(), device.model(),
                                in.getAttributeValue(null, "device"), in.getAttributeValue(null, "printer"), device.readAt(),
                                meters, supplies);
                        break;
                    case "meter":
                        meterName = in.getAttributeValue(null, "name");
                        String unit = in.getAttributeValue(null, "unit");
                        meterUnit = unit == null ? "impressions" : unit;
                        break;
                    case "supply":
                        String index = in.getAttributeValue(null, "index");
                        pendingSupply = new Supply(index == null ? 0 : Integer.parseInt(index), null,
                                in.getAttributeValue(null, "type"), in.getAttributeValue(null, "colorant"),
                                Long.parseLong(in.getAttributeValue(null, "level")), Long.parseLong(in.getAttributeValue(null, "max")));
                        break;
                    default:
                        break;
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(in.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (in.getLocalName()) {
                    case "meter":
                        meters.add(new Meter(meterName, meterUnit, Long.parseLong(text.toString().strip())));
                        break;
                    case "supply":
                        supplies.add(new Supply(pendingSupply.index(), text.toString().strip(), pendingSupply.type(),
                                pendingSupply.colorant(), pendingSupply.level(), pendingSupply.max()));
                        break;
                    case "device":
                        devices.add(device);
                        break;
                    default:
                        break;
                }
            }
        }
        return new Report(id, agent, site, kind, finished, devices);
    }

    private static Instant time(String text) {
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }
}
