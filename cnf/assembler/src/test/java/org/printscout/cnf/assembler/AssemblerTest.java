package org.printscout.cnf.assembler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssemblerTest {

    @TempDir
    Path dir;

    @Test
    void aRebuildStartsFromAnEmptyLayoutWhateverARunLeftInIt() throws Exception {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("core.json"), "{\"name\":\"core\",\"title\":\"t\",\"bundles\":[\"org.example:thing\"],"
                + "\"configurations\":{\"org.example.thing\":{\"mode\":\"normal\"}}}");
        Path artifacts = Files.createDirectories(dir.resolve("artifacts/org/example/thing/1.0"));
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.thing;singleton:=true");
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(Files.newOutputStream(artifacts.resolve("thing-1.0.jar")),
                manifest)) {
            jar.flush();
        }
        Path template = Files.createDirectories(dir.resolve("template/bin"));
        Files.writeString(template.resolve("printscout"), "#!/bin/sh\n");
        Path out = dir.resolve("layout");

        new Assembler().assemble(features, dir.resolve("artifacts"), dir.resolve("template"), out, List.of("core"));
        // what a demo run leaves: an activation key written into etc/, a database, a deployed bundle
        Files.writeString(out.resolve("etc/org.printscout.upload.cfg"), "activationKey = ACT-USED\n");
        Files.createDirectories(out.resolve("data/portal"));
        Files.writeString(out.resolve("data/portal/portal.mv.db"), "state");
        Files.writeString(out.resolve("deploy/extra.jar"), "x");
        Files.writeString(out.resolve("bundle/old-2.0.jar"), "x");

        new Assembler().assemble(features, dir.resolve("artifacts"), dir.resolve("template"), out, List.of("core"));
        assertFalse(Files.exists(out.resolve("etc/org.printscout.upload.cfg")));
        assertFalse(Files.exists(out.resolve("data/portal")));
        assertFalse(Files.exists(out.resolve("deploy/extra.jar")));
        assertFalse(Files.exists(out.resolve("bundle/old-2.0.jar")));
        assertTrue(Files.exists(out.resolve("bundle/thing-1.0.jar")));
        assertTrue(Files.readString(out.resolve("etc/org.example.thing.cfg")).contains("mode = normal"));
        assertEquals("#!/bin/sh\n", Files.readString(out.resolve("bin/printscout")));
        String bndrun = Files.readString(dir.resolve("layout.bndrun"));
        assertTrue(bndrun.contains("-runfw: org.apache.felix.framework") && bndrun.contains("-runrequires: bnd.identity;id='org.example.thing'"),
                bndrun);
    }
}
