package org.printscout.command.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class ConfigAdminLogSettingsTest {

    /** ConfigAdmin holding at most the logging configuration; what the settings do not call is unsupported. */
    private static final class OneConfiguration implements ConfigurationAdmin, Configuration {
        Dictionary<String, Object> properties;
        int updates;

        @Override
        public Configuration getConfiguration(String pid, String location) {
            assertEquals(ConfigAdminLogSettings.PID, pid);
            assertEquals("?", location, "not bound to the commands bundle: the logging bundle must see it");
            return this;
        }

        @Override
        public Configuration[] listConfigurations(String filter) {
            assertEquals("(service.pid=" + ConfigAdminLogSettings.PID + ")", filter);
            return properties == null ? null : new Configuration[] {this};
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return properties == null ? null : new Hashtable<>(asMap(properties));
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> next) {
            @SuppressWarnings("unchecked")
            Dictionary<String, Object> copy = new Hashtable<>(asMap((Dictionary<String, Object>) next));
            if (properties != null && asMap(properties).equals(asMap(copy))) {
                return false;
            }
            properties = copy;
            updates++;
            return true;
        }

        private static Map<String, Object> asMap(Dictionary<String, Object> d) {
            Map<String, Object> map = new TreeMap<>();
            for (var keys = d.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                map.put(k, d.get(k));
            }
            return map;
        }

        @Override
        public String getPid() {
            return ConfigAdminLogSettings.PID;
        }

        @Override
        public Configuration createFactoryConfiguration(String factoryPid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Configuration createFactoryConfiguration(String factoryPid, String location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Configuration getConfiguration(String pid) {
            throw new UnsupportedOperationException("would bind the configuration to the calling bundle");
        }

        @Override
        public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Configuration getFactoryConfiguration(String factoryPid, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Dictionary<String, ?> next) {
            throw new UnsupportedOperationException("updateIfDifferent is used, so an unchanged mode reconfigures nothing");
        }

        @Override
        public void delete() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getFactoryPid() {
            return null;
        }

        @Override
        public void update() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBundleLocation(String location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getBundleLocation() {
            return null;
        }

        @Override
        public long getChangeCount() {
            return updates;
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Set<ConfigurationAttribute> getAttributes() {
            return java.util.Set.of();
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theDirectoryIsTheLoggingConfigurationsBelowTheHomeAndDefaultsToDataLog() throws Exception {
        OneConfiguration cm = new OneConfiguration();
        Path home = Path.of("/opt/printscout");
        ConfigAdminLogSettings settings = new ConfigAdminLogSettings(cm, home);
        assertEquals(home.resolve("data/log"), settings.directory(), "no configuration: the logging bundle's default");
        cm.properties = new Hashtable<>(Map.of("directory", "var/logs", "mode", "normal"));
        assertEquals(home.resolve("var/logs"), settings.directory());
        cm.properties = new Hashtable<>(Map.of("directory", "/var/log/printscout"));
        assertEquals(Path.of("/var/log/printscout"), settings.directory());
    }

    @Test
    void setModeChangesOnlyTheModeKeyAndSaysWhatItWas() throws Exception {
        OneConfiguration cm = new OneConfiguration();
        cm.properties = new Hashtable<>(Map.of("directory", "data/log", "mode", "normal", "maxFileKib", 2048));
        ConfigAdminLogSettings settings = new ConfigAdminLogSettings(cm, Path.of("/opt/printscout"));
        assertEquals("normal", settings.setMode("debug"));
        assertEquals("debug", cm.properties.get("mode"));
        assertEquals("data/log", cm.properties.get("directory"), "other keys stay");
        assertEquals(2048, cm.properties.get("maxFileKib"));
        assertEquals(1, cm.updates);
        assertEquals("debug", settings.setMode("debug"));
        assertEquals(1, cm.updates, "the same mode again changes nothing");
        assertThrows(IllegalArgumentException.class, () -> settings.setMode("trace"));
        assertFalse("trace".equals(cm.properties.get("mode")));
    }

    @Test
    void setModeCreatesTheConfigurationWhenThereIsNone() throws Exception {
        OneConfiguration cm = new OneConfiguration();
        assertEquals("normal", new ConfigAdminLogSettings(cm, Path.of("/x")).setMode("debug"));
        assertEquals("debug", cm.properties.get("mode"));
    }
}
