package org.printscout.command.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The log settings read from and written to ConfigAdmin, where the logging bundle takes them from:
 * the commands and the logging bundle share nothing else. Defaults are the logging bundle's.
 */
@Component(service = LogSettings.class)
public final class ConfigAdminLogSettings implements LogSettings {

    static final String PID = "org.printscout.logging";

    private final ConfigurationAdmin configAdmin;
    private final Path home;

    @Activate
    public ConfigAdminLogSettings(@Reference ConfigurationAdmin configAdmin, BundleContext context) {
        this(configAdmin, Path.of(context.getProperty("printscout.home") == null ? "." : context.getProperty("printscout.home")));
    }

    ConfigAdminLogSettings(ConfigurationAdmin configAdmin, Path home) {
        this.configAdmin = configAdmin;
        this.home = home.toAbsolutePath();
    }

    @Override
    public Path directory() throws IOException {
        Dictionary<String, Object> properties = current();
        Object value = properties == null ? null : properties.get("directory");
        Path dir = Path.of(value == null || value.toString().isBlank() ? "data/log" : value.toString().strip());
        return dir.isAbsolute() ? dir : home.resolve(dir);
    }

    @Override
    public String setMode(String mode) throws IOException {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("log mode '" + mode + "' is not one of " + String.join(", ", MODES));
        }
        Configuration configuration = configAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        Object before = properties == null ? null : properties.get("mode");
        Dictionary<String, Object> next = properties == null ? new Hashtable<>() : properties;
        next.put("mode", mode);
        configuration.updateIfDifferent(next);
        return before == null ? "normal" : before.toString();
    }

    /** The logging configuration without creating one (getConfiguration would). */
    private Dictionary<String, Object> current() throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + PID + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
