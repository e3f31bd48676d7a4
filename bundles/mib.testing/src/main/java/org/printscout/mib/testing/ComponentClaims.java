package org.printscout.mib.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.printscout.api.mapper.Claims;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A mapper's claims as the collector will see them: read from the component description bnd
 * generated from its {@code @MapperClaims} (OSGI-INF/&lt;class&gt;.xml on the class path), and
 * matched by the api's {@link Claims}, the rule the collector and discovery use, followed by the mapper's own {@link Mapper#appliesTo}. Testing the generated
 * description rather than a copy of the annotation values proves what the bundle really registers.
 */
public record ComponentClaims(String name, int rank, Claims claims) {

    public static ComponentClaims of(Class<? extends Mapper> component) {
        String resource = "OSGI-INF/" + component.getName() + ".xml";
        try (InputStream in = component.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not found: is " + component.getName() + " a DS component?");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document xml = factory.newDocumentBuilder().parse(in);
            NodeList properties = xml.getElementsByTagName("property");
            String name = null;
            int rank = 0;
            List<String> enterprises = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                List<String> values = values(property);
                switch (property.getAttribute("name")) {
                    case MapperClaims.NAME -> name = values.get(0);
                    case MapperClaims.RANK -> rank = Integer.parseInt(values.get(0));
                    case MapperClaims.ENTERPRISE -> enterprises.addAll(values);
                    case MapperClaims.SYS_OBJECT_ID -> prefixes.addAll(values);
                    case MapperClaims.SYS_DESCR -> patterns.addAll(values);
                    default -> {
                    }
                }
            }
            // the api's one parser and matcher, with its policy: a malformed claim fails here as it would in the agent
            return new ComponentClaims(name, rank, Claims.of(enterprises, prefixes, patterns));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static List<String> values(Element property) {
        if (property.hasAttribute("value")) {
            return List.of(property.getAttribute("value"));
        }
        List<String> values = new ArrayList<>();
        for (String line : property.getTextContent().split("\n")) {
            if (!line.isBlank()) {
                values.add(line.strip());
            }
        }
        return values;
    }

    /** True when the collector would give this device to the mapper. */
    public boolean claims(Mapper mapper, DeviceFacts facts) {
        return matches(facts) && mapper.appliesTo(facts);
    }

    private boolean matches(DeviceFacts facts) {
        return claims.matches(facts);
    }
}
