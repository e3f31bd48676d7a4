package org.printscout.config.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.printscout.api.status.StatusContributor;

/**
 * Makes {@code etc/} the truth at start. FileInstall remembers which files it turned into
 * configurations in the framework cache, which the launcher cleans at every start, while ConfigAdmin
 * keeps its store in {@code data/config}: a file deleted while the agent was stopped would stay in
 * force for ever. At activation (once per start of this bundle) every configuration that came from a
 * file of the watched directory whose file no longer exists is deleted, and named in the log.
 * Configurations without a file (the portal's, {@code scout:config}'s) are not touched.
 */
@Component(immediate = true, service = StatusContributor.class)
public final class EtcReconciler implements StatusContributor {

    static final String FILENAME = "felix.fileinstall.filename";

    private final List<String> removed;

    @Activate
    public EtcReconciler(BundleContext context, @Reference ConfigurationAdmin configAdmin,
                         @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        String dir = context.getProperty("felix.fileinstall.dir");
        this.removed = dir == null ? List.of() : reconcile(configAdmin, Path.of(dir));
        for (String pid : removed) {
            // WARN: logged before the logging component sets the level, when only WARN and above are kept
            log.warn("configuration {} removed: its file in {} was deleted while the agent was stopped", pid, dir);
        }
    }

    /** Deletes the configurations whose file in {@code etc} is gone; returns their PIDs. */
    static List<String> reconcile(ConfigurationAdmin configAdmin, Path etc) throws IOException {
        Configuration[] fromFiles;
        try {
            fromFiles = configAdmin.listConfigurations("(" + FILENAME + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> gone = new ArrayList<>();
        if (fromFiles == null) {
            return gone;
        }
        Path watched = etc.toAbsolutePath().normalize();
        for (Configuration configuration : fromFiles) {
            Object name = configuration.getProperties() == null ? null : configuration.getProperties().get(FILENAME);
            Path file = file(name);
            if (file != null && file.startsWith(watched) && !Files.exists(file)) {
                gone.add(configuration.getPid());
                configuration.delete();
            }
        }
        return gone;
    }

    private static Path file(Object name) {
        if (name == null) {
            return null;
        }
        String text = name.toString();
        try {
            return (text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    @Override
    public String title() {
        return "configuration";
    }

    @Override
    public String text() {
        return removed.isEmpty() ? "etc/ and ConfigAdmin agreed at start\n"
                : "removed at start, their file in etc/ gone: " + String.join(", ", removed) + "\n";
    }
}
