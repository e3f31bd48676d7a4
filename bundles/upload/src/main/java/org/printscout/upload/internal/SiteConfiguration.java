package org.printscout.upload.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.printscout.api.config.ConfigurationChecker;
import org.printscout.api.config.ConfigurationRefusedException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * A site configuration document from the portal, checked as a whole before anything of it is used:
 * <pre>{"siteId": "...", "configurations": {"PID": {key: value, ...}, "FACTORY_PID~NAME": {...}}}</pre>
 * Values are strings, numbers, booleans or arrays of one of those. The portal may configure only what
 * {@link PortalSettable} lists, and every value must pass the metatype of the component it configures
 * ({@link ConfigurationChecker}); one refused key refuses the whole document, naming PID, key and why.
 * A PID the portal may set but no installed bundle describes (its bundle is not deployed on this
 * agent) is held back, not applied, and applied once a bundle describes it.
 *
 * @param configurations what to apply: PID or FACTORY_PID~NAME to the checked, typed values
 * @param heldBack PIDs the portal may set that no installed component describes yet
 * @param artifacts the {@code artifacts} member (the desired set of signed artifacts), checked apart: a
 *        malformed one is refused on its own and the rest of the document applies
 */
record SiteConfiguration(String siteId, Map<String, Dictionary<String, Object>> configurations, Set<String> heldBack,
                         DesiredArtifacts.Member artifacts) {

    /** Marks a configuration as the portal's, so one the portal drops is deleted. */
    static final String MANAGED = "printscout.site.managed";

    private static final Pattern PID = Pattern.compile("org\\.printscout\\.[A-Za-z0-9._-]+(~[A-Za-z0-9._-]+)?");

    static SiteConfiguration parse(String json, ConfigurationChecker checker) {
        JsonObject root;
        try {
            root = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("the site configuration is not a JSON object: " + e.getMessage(), e);
        }
        String siteId = root.has("siteId") && root.get("siteId").isJsonPrimitive() ? root.get("siteId").getAsString() : "";
        Map<String, Dictionary<String, Object>> configurations = new LinkedHashMap<>();
        Set<String> heldBack = new TreeSet<>();
        JsonElement all = root.get("configurations");
        if (all != null && !all.isJsonObject()) {
            throw new IllegalArgumentException("the site configuration's 'configurations' is not an object");
        }
        if (all != null) {
            for (Map.Entry<String, JsonElement> entry : all.getAsJsonObject().entrySet()) {
                String pid = entry.getKey();
                String refusal = PID.matcher(pid).matches() ? PortalSettable.refusal(pid, null)
                        : "'" + shorten(pid) + "' is not a PrintScout configuration";
                if (refusal != null) {
                    throw new IllegalArgumentException(refusal);
                }
                if (!entry.getValue().isJsonObject()) {
                    throw new IllegalArgumentException(pid + ": its configuration is not an object");
                }
                Map<String, Object> raw = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> property : entry.getValue().getAsJsonObject().entrySet()) {
                    String key = property.getKey();
                    String keyRefusal = PortalSettable.refusal(pid, key);
                    if (keyRefusal != null) {
                        throw new IllegalArgumentException(pid + ": key '" + shorten(key) + "' refused: " + keyRefusal);
                    }
                    raw.put(key, value(pid, key, property.getValue()));
                }
                if (!checker.describes(pid)) {
                    heldBack.add(pid);
                    continue;
                }
                Map<String, Object> checked;
                try {
                    checked = checker.check(pid, raw);
                } catch (ConfigurationRefusedException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                Dictionary<String, Object> properties = new Hashtable<>(checked);
                properties.put(MANAGED, Boolean.TRUE);
                configurations.put(pid, properties);
            }
        }
        return new SiteConfiguration(siteId, configurations, heldBack, DesiredArtifacts.parse(root.get("artifacts")));
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static Object value(String pid, String key, JsonElement value) {
        if (value.isJsonPrimitive()) {
            return scalar(pid, key, value.getAsJsonPrimitive());
        }
        if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            List<Object> items = new ArrayList<>();
            for (JsonElement item : array) {
                if (!item.isJsonPrimitive()) {
                    throw new IllegalArgumentException(pid + ": key '" + key + "' holds an array of something else than values");
                }
                items.add(scalar(pid, key, item.getAsJsonPrimitive()));
            }
            if (items.stream().allMatch(String.class::isInstance)) {
                return items.toArray(new String[0]);
            }
            if (items.stream().allMatch(Long.class::isInstance)) {
                return items.toArray(new Long[0]);
            }
            if (items.stream().allMatch(Boolean.class::isInstance)) {
                return items.toArray(new Boolean[0]);
            }
            if (items.stream().allMatch(Number.class::isInstance)) {
                return items.stream().map(n -> ((Number) n).doubleValue()).toArray(Double[]::new);
            }
            throw new IllegalArgumentException(pid + ": key '" + key + "' mixes value types in one array");
        }
        throw new IllegalArgumentException(pid + ": key '" + key + "' is neither a value nor an array of values");
    }

    private static Object scalar(String pid, String key, JsonPrimitive value) {
        if (value.isBoolean()) {
            return value.getAsBoolean();
        }
        if (value.isString()) {
            return value.getAsString();
        }
        double number = value.getAsDouble();
        if (number == Math.rint(number) && Math.abs(number) < 9.0e15) {
            return (long) number;
        }
        return number;
    }
}
