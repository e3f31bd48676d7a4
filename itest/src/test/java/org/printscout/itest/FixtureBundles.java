package org.printscout.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds small bundles for the tests from classes of this test module, and drops them into a
 * watched directory the way an administrator would (written aside, then moved in at once).
 */
public final class FixtureBundles {

    private FixtureBundles() {
    }

    public static byte[] bundle(String symbolicName, String version, Class<?> activator, Map<String, String> extraHeaders)
            throws IOException {
        return bundle(symbolicName, version, activator, extraHeaders, List.of());
    }

    /** A bundle of the activator plus more classes of this module, with extra manifest headers. */
    public static byte[] bundle(String symbolicName, String version, Class<?> activator, Map<String, String> extraHeaders,
                         List<Class<?>> moreClasses) throws IOException {
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Activator", activator.getName());
        main.putValue("Import-Package", "org.osgi.framework");
        extraHeaders.forEach(main::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            List<Class<?>> classes = new java.util.ArrayList<>();
            classes.add(activator);
            classes.addAll(moreClasses);
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(resource));
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static void drop(Path dir, String fileName, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(dir.getParent(), fileName, ".part");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
