package org.printscout.upload.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * A site configuration document from the portal, checked as a whole before anything of it is used:
 * <pre>{"siteId": "...", "configurations": {"PID": {key: value, ...}, "FACTORY_PID~NAME": {...}}}</pre>
 * Values are strings, numbers, booleans or arrays of one of those. Only PrintScout components may be
 * configured, never this bundle's or the report bundle's own PIDs (the portal cannot redirect the
 * agent's uploads), and never framework properties.
 */
record SiteConfiguration(String siteId, Map<String, Dictionary<String, Object>> configurations) {

    /** Marks a configuration as the portal's, so one the portal drops is deleted. */
    static final String MANAGED = "printscout.site.managed";

    private static final Pattern PID = Pattern.compile("org\\.printscout\\.[A-Za-z0-9._-]+(~[A-Za-z0-9._-]+)?");
    private static final Set<String> OWN_PIDS = Set.of(UploadComponent.PID, UploadComponent.REPORT_PID);

    static SiteConfiguration parse(String json) {
        JsonObject root;
        try {
            root = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("the site configuration is not a JSON object: " + e.getMessage(), e);
        }
        String siteId = root.has("siteId") && root.get("siteId").isJsonPrimitive() ? root.get("siteId").getAsString() : "";
        Map<String, Dictionary<String, Object>> configurations = new LinkedHashMap<>();
        JsonElement all = root.get("configurations");
        if (all != null && !all.isJsonObject()) {
            throw new IllegalArgumentException("the site configuration's 'configurations' is not an object");
        }
        if (all != null) {
            for (Map.Entry<String, JsonElement> entry : all.getAsJsonObject().entrySet()) {
                String pid = entry.getKey();
                if (!PID.matcher(pid).matches() || OWN_PIDS.contains(pid.split("~")[0])) {
                    throw new IllegalArgumentException("the site configuration may not configure '" + pid + "'");
                }
                if (!entry.getValue().isJsonObject()) {
                    throw new IllegalArgumentException("the site configuration of '" + pid + "' is not an object");
                }
                Dictionary<String, Object> properties = new Hashtable<>();
                for (Map.Entry<String, JsonElement> property : entry.getValue().getAsJsonObject().entrySet()) {
                    String key = property.getKey();
                    if (key.startsWith("service.") || key.startsWith("component.") || key.startsWith("felix.")
                            || key.equals(MANAGED) || key.isBlank()) {
                        throw new IllegalArgumentException(pid + ": key '" + key + "' may not be set by the portal");
                    }
                    properties.put(key, value(pid, key, property.getValue()));
                }
                properties.put(MANAGED, Boolean.TRUE);
                configurations.put(pid, properties);
            }
        }
        return new SiteConfiguration(siteId, configurations);
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
