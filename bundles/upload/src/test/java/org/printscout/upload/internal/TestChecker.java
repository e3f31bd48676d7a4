package org.printscout.upload.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.printscout.api.config.ConfigurationChecker;
import org.printscout.api.config.ConfigurationRefusedException;

/**
 * A {@link ConfigurationChecker} over a fixed table of PIDs and key types, for the loop's unit tests
 * (the real one reads the installed bundles' metatype; the itests run it).
 */
final class TestChecker implements ConfigurationChecker {

    /** PID or factory PID to key to type: String, Integer, Long, Double, Boolean or String[]. */
    final Map<String, Map<String, Class<?>>> types = new LinkedHashMap<>();

    TestChecker() {
        types.put("org.printscout.discovery.site", Map.of("name", String.class, "ranges", String[].class, "port", Integer.class,
                "enabled", Boolean.class, "profile", String.class));
        types.put("org.printscout.snmp.profile", Map.of("name", String.class, "version", String.class, "community", String.class,
                "order", Integer.class));
        types.put("org.printscout.scheduler", Map.of("meterScanTime", String.class, "statusIntervalMinutes", Double.class,
                "meterScanEnabled", Boolean.class, "commandPollSeconds", Integer.class));
        types.put("org.printscout.logging", Map.of("mode", String.class, "directory", String.class));
        types.put("org.printscout.discovery", Map.of("ping", String.class, "pingCommand", String.class));
    }

    @Override
    public Map<String, Object> check(String pid, Map<String, ?> values) throws ConfigurationRefusedException {
        Map<String, Class<?>> keys = types.get(pid.split("~")[0]);
        if (keys == null) {
            throw new ConfigurationRefusedException(pid, null, "no installed component is configured by this PID");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Class<?> type = keys.get(e.getKey());
            Object v = e.getValue();
            if (type == null) {
                throw new ConfigurationRefusedException(pid, e.getKey(), "unknown key");
            } else if (type == Integer.class && v instanceof Long l && l == l.intValue()) {
                out.put(e.getKey(), l.intValue());
            } else if (type == Double.class && v instanceof Number n) {
                out.put(e.getKey(), n.doubleValue());
            } else if (type == String.class && "mode".equals(e.getKey()) && !("normal".equals(v) || "debug".equals(v))) {
                throw new ConfigurationRefusedException(pid, e.getKey(), "'" + v + "' is not one of normal, debug");
            } else if (type.isInstance(v)) {
                out.put(e.getKey(), v);
            } else {
                throw new ConfigurationRefusedException(pid, e.getKey(), "'" + v + "' is not a " + type.getSimpleName());
            }
        }
        return out;
    }

    @Override
    public boolean describes(String pid) {
        return types.containsKey(pid.split("~")[0]);
    }
}
