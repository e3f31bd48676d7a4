package org.printscout.snmp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a configuration dictionary value by value, collecting one message per bad value with its key
 * and the reason. Components read the raw dictionary through this rather than through their typed
 * annotation, because a typed read cannot say which key was wrong, and a value that fails conversion
 * would fail the whole component instead of one setting.
 */
public final class ConfigValues {

    private final String source;
    private final Map<String, ?> properties;
    private final List<String> problems = new ArrayList<>();

    /** @param source how messages name the configuration, e.g. its PID */
    public ConfigValues(String source, Map<String, ?> properties) {
        this.source = source;
        this.properties = properties;
    }

    public boolean has(String key) {
        Object value = properties.get(key);
        return value != null && !value.toString().isBlank();
    }

    /** The value as an integer within [min, max]; the fallback (and a problem) when it is not one. */
    public int integer(String key, int fallback, int min, int max) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        long number;
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
            number = n.longValue();
        } else {
            try {
                number = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                problem(key, "'" + value + "' is not a whole number");
                return fallback;
            }
        }
        if (number < min || number > max) {
            problem(key, number + " is outside " + min + ".." + max);
            return fallback;
        }
        return (int) number;
    }

    public String string(String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString().strip();
    }

    /** A secret: the value as given (not stripped), never repeated in a message. */
    public String secret(String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString();
    }

    public void problem(String key, String reason) {
        problems.add(source + ": key '" + key + "': " + reason);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
