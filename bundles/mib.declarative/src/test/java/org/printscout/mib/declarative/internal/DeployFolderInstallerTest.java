package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileInstall's calls, as it makes them when a file is dropped, replaced and deleted in deploy/. */
class DeployFolderInstallerTest {

    @TempDir
    Path deploy;

    private final FakePublisher services = new FakePublisher();
    private final DeployFolderInstaller installer =
            new DeployFolderInstaller(new MappingRegistry(TestFiles.READER, services, services.log()));

    @Test
    void handlesOnlyMappingFiles() {
        assertTrue(installer.canHandle(new File("deploy/zebra.mapping.xml")));
        assertTrue(installer.canHandle(new File("deploy/ZEBRA.MAPPING.XML")));
        assertFalse(installer.canHandle(new File("deploy/zebra.xml")));
        assertFalse(installer.canHandle(new File("deploy/org.printscout.mib.hp.jar")));
        assertFalse(installer.canHandle(new File("etc/org.printscout.collector.cfg")));
    }

    @Test
    void dropReplaceDeleteRegistersUpdatesUnregisters() throws Exception {
        File file = deploy.resolve("acme.mapping.xml").toFile();
        Files.write(file.toPath(), MappingRegistryTest.mapping("acme", "LP"));
        installer.install(file);
        assertEquals(List.of("acme"), services.names());
        assertEquals(file.getAbsolutePath(), services.registered.get(0).properties().get(MappingRegistry.SOURCE_PROPERTY));

        Files.write(file.toPath(), MappingRegistryTest.mapping("acme", "LP 2"));
        installer.update(file);
        assertEquals(List.of("acme"), services.names());
        assertEquals(List.of("register acme", "register acme", "unregister acme"), services.events);

        Files.write(file.toPath(), MappingRegistryTest.BROKEN);
        installer.update(file);
        assertTrue(services.registered.isEmpty(), "a file that turned bad keeps no mapper");
        assertTrue(services.errors().contains(file.getAbsolutePath() + ":3"), services.errors());

        Files.write(file.toPath(), MappingRegistryTest.mapping("acme", "LP 3"));
        installer.update(file);
        assertEquals(List.of("acme"), services.names());

        Files.delete(file.toPath());
        installer.uninstall(file);
        assertTrue(services.registered.isEmpty());
    }

    @Test
    void aFileThatCannotBeReadIsReported() {
        installer.install(deploy.resolve("gone.mapping.xml").toFile());
        assertTrue(services.registered.isEmpty());
        assertTrue(services.errors().contains("gone.mapping.xml: cannot read the file"), services.errors());
    }

    @Test
    void stoppingTheInstallerUnregistersItsFiles() throws Exception {
        File file = deploy.resolve("acme.mapping.xml").toFile();
        Files.write(file.toPath(), MappingRegistryTest.mapping("acme", "LP"));
        installer.install(file);
        installer.deactivate();
        assertTrue(services.registered.isEmpty());
    }
}
