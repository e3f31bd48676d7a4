package org.printscout.itest.rollout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.printscout.api.mapper.MapperClaims;
import org.printscout.itest.rollout.fixture.AcmeComponent;
import org.printscout.itest.rollout.fixture.AcmeMapper;

/** Small bundles for the rollout tests, each with one immediate DS component whose class comes from the test's fixture package. */
final class TestBundles {

    private TestBundles() {
    }

    /** A component that only has to be activated; {@code reference} adds a mandatory reference nothing satisfies. */
    static byte[] component(String symbolicName, String version, String importPackage, boolean reference) throws IOException {
        String xml = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + symbolicName + ".component\" immediate=\"true\">\n"
                + "  <implementation class=\"" + AcmeComponent.class.getName() + "\"/>\n"
                + (reference ? "  <reference name=\"never\" interface=\"java.lang.Runnable\" target=\"(printscout.never=true)\"/>\n" : "")
                + "</scr:component>\n";
        return bundle(symbolicName, version, importPackage, xml, AcmeComponent.class);
    }

    /**
     * A vendor-MIB bundle: {@link AcmeMapper} registered as a mapper named "acme" that claims the
     * sysObjectIDs under {@code sysObjectId}, with vendor rank.
     */
    static byte[] vendorMapper(String symbolicName, String version, String sysObjectId) throws IOException {
        return vendorMapper(symbolicName, version, sysObjectId, AcmeMapper.class);
    }

    /** A vendor-MIB bundle as {@link #vendorMapper(String, String, String)}, with its mapper implemented by {@code mapper}. */
    static byte[] vendorMapper(String symbolicName, String version, String sysObjectId, Class<?> mapper) throws IOException {
        String xml = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + symbolicName + ".component\" immediate=\"true\">\n"
                + "  <implementation class=\"" + mapper.getName() + "\"/>\n"
                + "  <service><provide interface=\"org.printscout.api.mapper.Mapper\"/></service>\n"
                + "  <property name=\"" + MapperClaims.NAME + "\" value=\"acme\"/>\n"
                + "  <property name=\"" + MapperClaims.SYS_OBJECT_ID + "\" value=\"" + sysObjectId + "\"/>\n"
                + "  <property name=\"" + MapperClaims.RANK + "\" type=\"Integer\" value=\"100\"/>\n"
                + "</scr:component>\n";
        return bundle(symbolicName, version, "org.printscout.api.mapper;version=\"[1,2)\",org.printscout.api.model;version=\"[1,2)\","
                + "org.printscout.api.snmp;version=\"[1,2)\"", xml, mapper);
    }

    /** The same bundle with another Bundle-Version, as a dealer's newer build of a shipped bundle would be. */
    static byte[] reversioned(byte[] jar, String version) throws IOException {
        return reversioned(jar, version, null);
    }

    /**
     * The same bundle with another Bundle-Version that no longer exports {@code droppedExport} (null:
     * exports all it did): a newer build that breaks the bundles importing that package.
     */
    static byte[] reversioned(byte[] jar, String version, String droppedExport) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-Version", version);
            String exports = mf.getMainAttributes().getValue("Export-Package");
            if (droppedExport != null && exports != null) {
                java.util.List<String> kept = new java.util.ArrayList<>();
                for (String clause : clauses(exports)) {
                    if (!clause.split(";", 2)[0].strip().equals(droppedExport)) {
                        kept.add(clause);
                    }
                }
                mf.getMainAttributes().putValue("Export-Package", String.join(",", kept));
            }
            try (JarOutputStream out = new JarOutputStream(bytes, mf)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** A manifest header's clauses: split at the commas outside quoted values (uses:="a,b"). */
    private static java.util.List<String> clauses(String header) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        out.add(clause.toString());
        return out;
    }

    private static byte[] bundle(String symbolicName, String version, String importPackage, String componentXml, Class<?> implementation)
            throws IOException {
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Service-Component", "OSGI-INF/component.xml");
        if (importPackage != null) {
            main.putValue("Import-Package", importPackage);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            jar.putNextEntry(new JarEntry("OSGI-INF/component.xml"));
            jar.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + componentXml).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            String resource = implementation.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(resource));
            try (InputStream in = implementation.getClassLoader().getResourceAsStream(resource)) {
                in.transferTo(jar);
            }
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
