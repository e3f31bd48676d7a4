package org.printscout.mib.declarative.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.printscout.api.model.MeterUnit;
import org.printscout.api.snmp.Oid;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a mapping file in three passes, each reporting line and column: the root element (is this a
 * mapping file, and of a version this agent knows?), the XSD (structure, names, enumerations), and
 * the checks a schema cannot make (OIDs within range, regular expressions, meter names, transforms
 * that make no sense where they are). Every problem found is reported, not only the first.
 *
 * <p>Uses the JDK's own XML implementations ({@code newDefault...}) so no other parser on the class
 * path is picked up inside OSGi, and refuses DOCTYPEs: a mapping file has no use for entities, and a
 * DTD is how XML files read local files or exhaust memory. Thread-safe; the compiled schema is shared.
 */
public final class MappingReader {

    /** The namespace of format version 1; a later version is the same URI ending in its number. */
    public static final String NAMESPACE = "https://printscout.org/ns/mapping/1";
    static final String NAMESPACE_BASE = "https://printscout.org/ns/mapping/";
    static final int FORMAT_VERSION = 1;
    /** Where the XSD is inside this bundle (and docs/mapping-1.xsd in the repository). */
    public static final String SCHEMA_RESOURCE = "/schema/mapping-1.xsd";

    /** A mapping is a page of XML; anything much larger is a mistake (a walk dropped into deploy/?). */
    static final int MAX_BYTES = 1 << 20;

    private static final Pattern VERSION_SUFFIX = Pattern.compile("([0-9]+)");
    private static final Pattern XERCES_CODE = Pattern.compile("^cvc-[a-zA-Z0-9.\\-]+: ");

    private final Schema schema;

    public MappingReader() {
        URL xsd = Objects.requireNonNull(MappingReader.class.getResource(SCHEMA_RESOURCE), SCHEMA_RESOURCE);
        try (InputStream in = xsd.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            this.schema = factory.newSchema(new StreamSource(in, xsd.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SAXException e) {
            throw new IllegalStateException("the bundled mapping schema does not compile", e);
        }
    }

    /** Reads and checks {@code content}; {@code source} names it in every problem. */
    public Mapping read(byte[] content, String source) throws MappingException {
        if (content.length > MAX_BYTES) {
            throw new MappingException(List.of(new Problem(source, 0, 0, "the file has " + content.length
                    + " bytes; a mapping file is at most " + MAX_BYTES + " (is it a mapping file?)")));
        }
        checkRoot(content, source);
        validate(content, source);
        return build(content, source);
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Pass 1: well-formed up to the root, no DOCTYPE, and the root is a mapping of a known version. */
    private static void checkRoot(byte[] content, String source) throws MappingException {
        XMLStreamReader xml = null;
        try {
            xml = inputFactory().createXMLStreamReader(new ByteArrayInputStream(content));
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw problem(source, xml.getLocation(), "DOCTYPE declarations are not allowed in a mapping file");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String ns = Objects.requireNonNullElse(xml.getNamespaceURI(), "");
                    String local = xml.getLocalName();
                    String expected = "expected <mapping xmlns=\"" + NAMESPACE + "\">";
                    if (ns.startsWith(NAMESPACE_BASE) && VERSION_SUFFIX.matcher(ns.substring(NAMESPACE_BASE.length())).matches()
                            && !ns.equals(NAMESPACE)) {
                        throw problem(source, xml.getLocation(), "mapping format version " + ns.substring(NAMESPACE_BASE.length())
                                + " is not supported: this agent reads version " + FORMAT_VERSION + " (" + NAMESPACE
                                + "); update the agent or write the file in version " + FORMAT_VERSION);
                    }
                    if (!ns.equals(NAMESPACE) || !local.equals("mapping")) {
                        String found = ns.isEmpty() ? "<" + local + "> in no namespace" : "<" + local + "> in namespace " + ns;
                        throw problem(source, xml.getLocation(), "not a PrintScout mapping file: the root element is "
                                + found + "; " + expected);
                    }
                    return;
                }
            }
            throw new MappingException(List.of(new Problem(source, 0, 0, "the file is empty")));
        } catch (XMLStreamException e) {
            throw problem(source, e.getLocation(), "not well-formed XML: " + streamMessage(e));
        } finally {
            close(xml);
        }
    }

    /** Pass 2: the XSD. All errors are collected; one per position, as the validator repeats itself. */
    private void validate(byte[] content, String source) throws MappingException {
        List<Problem> problems = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK validator lacks the JAXP 1.5 access properties", e);
        }
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not stop a mapping; the schema has none worth a dealer's time
            }

            @Override
            public void error(SAXParseException e) {
                add(problems, source, e, "");
            }

            @Override
            public void fatalError(SAXParseException e) {
                add(problems, source, e, "not well-formed XML: ");
            }
        });
        try {
            validator.validate(new StreamSource(new ByteArrayInputStream(content), source));
        } catch (SAXParseException e) {
            add(problems, source, e, "not well-formed XML: ");
        } catch (SAXException e) {
            problems.add(new Problem(source, 0, 0, e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
    }

    private static void add(List<Problem> problems, String source, SAXParseException e, String prefix) {
        for (Problem p : problems) {
            if (p.line() == e.getLineNumber() && p.column() == e.getColumnNumber()) {
                return;
            }
        }
        String message = XERCES_CODE.matcher(Objects.requireNonNullElse(e.getMessage(), "invalid")).replaceFirst("");
        problems.add(new Problem(source, e.getLineNumber(), e.getColumnNumber(), prefix + message));
    }

    /** Pass 3: build the model from a schema-valid document, with the checks the schema cannot make. */
    private static Mapping build(byte[] content, String source) throws MappingException {
        Builder b = new Builder(source);
        XMLStreamReader xml = null;
        try {
            xml = inputFactory().createXMLStreamReader(new ByteArrayInputStream(content));
            b.document(xml);
        } catch (XMLStreamException e) {
            // already well-formed by pass 2; kept for completeness
            throw problem(source, e.getLocation(), "not well-formed XML: " + streamMessage(e));
        } finally {
            close(xml);
        }
        return b.result();
    }

    /** Walks the elements of a schema-valid file; structure is known, so it reads by element name. */
    private static final class Builder {
        private final String source;
        private final List<Problem> problems = new ArrayList<>();
        private String name;
        private int rank = Mapping.DEFAULT_RANK;
        private String description;
        private final List<Integer> enterprises = new ArrayList<>();
        private final List<Oid> sysObjectIds = new ArrayList<>();
        private final List<String> sysDescrs = new ArrayList<>();
        private final List<Mapping.IdentityRule> identity = new ArrayList<>();
        private final List<Mapping.MeterRule> meters = new ArrayList<>();
        private Mapping.SupplyRule supplies;
        private int suppliesSeen;

        Builder(String source) {
            this.source = source;
        }

        void document(XMLStreamReader xml) throws XMLStreamException {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "mapping":
                        name = xml.getAttributeValue(null, "name");
                        String rankText = xml.getAttributeValue(null, "rank");
                        rank = rankText == null ? Mapping.DEFAULT_RANK : Integer.parseInt(rankText.strip());
                        break;
                    case "description":
                        description = xml.getElementText().strip();
                        break;
                    case "enterprise":
                        enterprises.add(Integer.parseInt(xml.getElementText().strip()));
                        break;
                    case "sysObjectId": {
                        Location at = xml.getLocation();
                        oid(xml.getElementText(), at, "<sysObjectId>").ifPresent(sysObjectIds::add);
                        break;
                    }
                    case "sysDescr": {
                        Location at = xml.getLocation();
                        String regex = xml.getElementText();
                        regex(regex, at, "<sysDescr>").ifPresent(p -> sysDescrs.add(regex));
                        break;
                    }
                    case "identity":
                        identity(xml);
                        break;
                    case "meter":
                        meter(xml);
                        break;
                    case "supplies":
                        supplies(xml);
                        break;
                    default:
                        break;
                }
            }
        }

        private void identity(XMLStreamReader xml) throws XMLStreamException {
            Location at = xml.getLocation();
            String field = xml.getAttributeValue(null, "field");
            String defaultValue = xml.getAttributeValue(null, "default");
            List<ValueRule> values = new ArrayList<>();
            int written = 0;
            while (nextChild(xml)) {
                written++;
                value(xml, "oid", false, "identity field '" + field + "'").ifPresent(values::add);
            }
            if (written == 0 && (defaultValue == null || defaultValue.isBlank())) {
                problems.add(at(at, "identity field '" + field + "' has neither a <value> nor a default"));
            }
            if (field.equals("macAddress") && defaultValue != null && ValueRule.macAddress(defaultValue) == null) {
                problems.add(at(at, "the default of macAddress, '" + defaultValue + "', is not a MAC address"));
            }
            identity.add(new Mapping.IdentityRule(field, values, defaultValue == null || defaultValue.isBlank()
                    ? null : defaultValue.strip(), at.getLineNumber()));
        }

        private void meter(XMLStreamReader xml) throws XMLStreamException {
            Location at = xml.getLocation();
            String meterName = xml.getAttributeValue(null, "name");
            MeterUnit unit = MeterUnit.valueOf(xml.getAttributeValue(null, "unit").toUpperCase(Locale.ROOT));
            MeterNames.problem(meterName).ifPresent(p -> problems.add(at(at, p)));
            String what = "meter '" + meterName + "'";
            List<List<ValueRule>> alternatives = new ArrayList<>();
            while (nextChild(xml)) {
                if (xml.getLocalName().equals("sum")) {
                    List<ValueRule> sum = new ArrayList<>();
                    while (nextChild(xml)) {
                        value(xml, "oid", true, what).ifPresent(sum::add);
                    }
                    alternatives.add(sum);
                } else {
                    value(xml, "oid", true, what).ifPresent(v -> alternatives.add(List.of(v)));
                }
            }
            meters.add(new Mapping.MeterRule(meterName, unit, alternatives, at.getLineNumber()));
        }

        private void supplies(XMLStreamReader xml) throws XMLStreamException {
            Location at = xml.getLocation();
            if (suppliesSeen++ > 0) {
                problems.add(at(at, "a mapping has at most one <supplies>"));
            }
            String type = Objects.requireNonNullElse(xml.getAttributeValue(null, "type"), "other");
            String unit = Objects.requireNonNullElse(xml.getAttributeValue(null, "unit"), "percent");
            ValueRule descr = null;
            ValueRule level = null;
            ValueRule max = null;
            ValueRule colorant = null;
            ValueRule partNumber = null;
            while (nextChild(xml)) {
                String element = xml.getLocalName();
                boolean numeric = element.equals("level") || element.equals("maxCapacity");
                ValueRule rule = value(xml, "column", numeric, "supplies " + element).orElse(null);
                switch (element) {
                    case "description":
                        descr = rule;
                        break;
                    case "level":
                        level = rule;
                        break;
                    case "maxCapacity":
                        max = rule;
                        break;
                    case "colorant":
                        colorant = rule;
                        break;
                    default:
                        partNumber = rule;
                        break;
                }
            }
            if (descr != null && level != null) {
                supplies = new Mapping.SupplyRule(type, unit, descr, level, max, colorant, partNumber, at.getLineNumber());
            }
        }

        /** One value or column element; consumes it up to its end tag. */
        private Optional<ValueRule> value(XMLStreamReader xml, String oidAttribute, boolean numeric, String what)
                throws XMLStreamException {
            Location at = xml.getLocation();
            Optional<Oid> oid = oid(xml.getAttributeValue(null, oidAttribute), at, "attribute " + oidAttribute);
            Decode decode = Decode.ofXml(Objects.requireNonNullElse(xml.getAttributeValue(null, "decode"), "text"));
            String regexText = xml.getAttributeValue(null, "regex");
            Optional<Pattern> regex = regexText == null ? Optional.empty() : regex(regexText, at, "attribute regex");
            boolean regexOk = regexText == null || regex.isPresent();
            String multiply = xml.getAttributeValue(null, "multiply");
            String divide = xml.getAttributeValue(null, "divide");
            boolean ok = oid.isPresent() && regexOk;
            if (!numeric && (multiply != null || divide != null)) {
                problems.add(at(at, "multiply and divide apply to numbers (meters, supply levels), not to " + what));
                ok = false;
            }
            if (numeric && (decode == Decode.MAC || decode == Decode.HEX)) {
                problems.add(at(at, "decode=\"" + decode.xmlName() + "\" gives no number for " + what));
                ok = false;
            }
            skipToEnd(xml);
            if (!ok) {
                return Optional.empty();
            }
            return Optional.of(new ValueRule(oid.get(), decode, regex.orElse(null),
                    multiply == null ? 1 : Long.parseLong(multiply.strip()),
                    divide == null ? 1 : Long.parseLong(divide.strip()), at.getLineNumber()));
        }

        private Optional<Oid> oid(String text, Location at, String what) {
            try {
                Oid oid = Oid.parse(text);
                if (oid.size() < 2 || oid.arc(0) > 2) {
                    problems.add(at(at, "bad OID in " + what + ": '" + text.strip() + "' (an OID starts with 0, 1 or 2)"));
                    return Optional.empty();
                }
                return Optional.of(oid);
            } catch (IllegalArgumentException e) {
                problems.add(at(at, "bad OID in " + what + ": " + e.getMessage()));
                return Optional.empty();
            }
        }

        private Optional<Pattern> regex(String text, Location at, String what) {
            try {
                return Optional.of(Pattern.compile(text));
            } catch (PatternSyntaxException e) {
                problems.add(at(at, "bad regex in " + what + " '" + text + "': " + e.getDescription()
                        + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")));
                return Optional.empty();
            }
        }

        private Problem at(Location at, String message) {
            return new Problem(source, at.getLineNumber(), at.getColumnNumber(), message);
        }

        Mapping result() throws MappingException {
            if (enterprises.isEmpty() && sysObjectIds.isEmpty() && sysDescrs.isEmpty() && problems.isEmpty()) {
                problems.add(new Problem(source, 0, 0, "<devices> claims no device"));
            }
            if (identity.isEmpty() && meters.isEmpty() && supplies == null && problems.isEmpty()) {
                problems.add(new Problem(source, 0, 0, "the mapping reads nothing: add an <identity>, <meter> or <supplies>"));
            }
            if (!problems.isEmpty()) {
                throw new MappingException(problems);
            }
            return new Mapping(name, rank, FORMAT_VERSION, description,
                    new Mapping.Claims(enterprises, sysObjectIds, sysDescrs), identity, meters,
                    Optional.ofNullable(supplies), source);
        }
    }

    /** Moves to the next child element of the current one; false at the current element's end tag. */
    private static boolean nextChild(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }

    /** From a start tag to its matching end tag. */
    private static void skipToEnd(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static MappingException problem(String source, Location at, String message) {
        int line = at == null ? 0 : Math.max(0, at.getLineNumber());
        int column = at == null ? 0 : Math.max(0, at.getColumnNumber());
        return new MappingException(List.of(new Problem(source, line, column, message)));
    }

    /** The JDK prefixes StAX messages with "ParseError at [row,col]:[l,c]\nMessage: "; the position is reported apart. */
    private static String streamMessage(XMLStreamException e) {
        String message = Objects.requireNonNullElse(e.getMessage(), "unreadable");
        Matcher m = Pattern.compile("Message: (.*)", Pattern.DOTALL).matcher(message);
        return (m.find() ? m.group(1) : message).strip();
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // nothing is held open: the input is a byte array
            }
        }
    }
}
