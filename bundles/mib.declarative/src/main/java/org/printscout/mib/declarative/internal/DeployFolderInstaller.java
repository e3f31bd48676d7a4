package org.printscout.mib.declarative.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The deploy/ route: FileInstall watches the folder and hands every {@value #SUFFIX} file to this
 * installer. Dropping a file registers its mapper, replacing it updates (or, when the new content
 * does not read, unregisters), deleting it unregisters.
 */
@Component(service = ArtifactInstaller.class)
public final class DeployFolderInstaller implements ArtifactInstaller {

    static final String SUFFIX = ".mapping.xml";

    private final MappingRegistry registry;
    private final Set<String> installed = new LinkedHashSet<>();

    @Activate
    public DeployFolderInstaller(@Reference MappingRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().toLowerCase(Locale.ROOT).endsWith(SUFFIX);
    }

    @Override
    public void install(File artifact) {
        load(artifact);
    }

    @Override
    public void update(File artifact) {
        load(artifact);
    }

    @Override
    public synchronized void uninstall(File artifact) {
        String source = source(artifact);
        installed.remove(source);
        registry.uninstall(source);
    }

    /** Without the installer, FileInstall no longer tells us about deletions: its files' mappers go too. */
    @Deactivate
    synchronized void deactivate() {
        installed.forEach(registry::uninstall);
        installed.clear();
    }

    private synchronized void load(File artifact) {
        String source = source(artifact);
        installed.add(source);
        try (InputStream in = Files.newInputStream(artifact.toPath())) {
            registry.install(source, in.readNBytes(MappingReader.MAX_BYTES + 1));
        } catch (IOException e) {
            registry.failed(source, "cannot read the file: " + e);
        }
    }

    private static String source(File artifact) {
        return artifact.getAbsoluteFile().toPath().normalize().toString();
    }
}
