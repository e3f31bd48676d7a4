package org.printscout.upload.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Applies a site configuration through ConfigAdmin, so DS reconfigures the components in place (no
 * restart). Unchanged configurations are left alone (no needless component restarts); a
 * configuration the portal managed before and no longer lists is deleted.
 */
final class ConfigApplier {

    private final ConfigurationAdmin configAdmin;

    ConfigApplier(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Returns the PIDs that changed. */
    Set<String> apply(SiteConfiguration site) throws IOException {
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, Dictionary<String, Object>> entry : site.configurations().entrySet()) {
            if (configuration(entry.getKey()).updateIfDifferent(entry.getValue())) {
                changed.add(entry.getKey());
            }
        }
        Configuration[] managed;
        try {
            managed = configAdmin.listConfigurations("(" + SiteConfiguration.MANAGED + "=true)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (managed != null) {
            for (Configuration old : managed) {
                String name = old.getFactoryPid() == null ? old.getPid() : old.getFactoryPid() + "~" + nameOf(old);
                if (!site.configurations().containsKey(name)) {
                    old.delete();
                    changed.add(name + " (removed)");
                }
            }
        }
        return changed;
    }

    /** Names the agent and site in the report bundle's configuration, keeping its other keys. */
    boolean setReportOrigin(String agentId, String siteId) throws IOException {
        Configuration report = configAdmin.getConfiguration(UploadComponent.REPORT_PID, "?");
        Dictionary<String, Object> properties = report.getProperties() == null ? new Hashtable<>() : report.getProperties();
        properties.put("agentId", agentId);
        properties.put("siteId", siteId == null ? "" : siteId);
        return report.updateIfDifferent(properties);
    }

    private Configuration configuration(String name) throws IOException {
        int tilde = name.indexOf('~');
        if (tilde < 0) {
            return configAdmin.getConfiguration(name, "?");
        }
        return configAdmin.getFactoryConfiguration(name.substring(0, tilde), name.substring(tilde + 1), "?");
    }

    /** A named factory configuration's PID is FACTORY~NAME (ConfigAdmin 1.6). */
    private static String nameOf(Configuration configuration) {
        String pid = configuration.getPid();
        int tilde = pid.indexOf('~');
        return tilde < 0 ? pid : pid.substring(tilde + 1);
    }
}
