package org.printscout.mib.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What LibreNMS read from a recording (its test-data JSON): hardware (model), serial, version
 * (firmware) and the count sensors it keeps, by OID (without the leading dot).
 */
public record LibreNmsExpectation(String hardware, String serial, String version, Map<String, Counted> counts) {

    /** One count sensor. */
    public record Counted(String description, long value) {
    }

    public static LibreNmsExpectation read(Path json) {
        JsonObject root;
        try (Reader in = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(in).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonObject device = root.getAsJsonObject("os").getAsJsonObject("discovery").getAsJsonArray("devices")
                .get(0).getAsJsonObject();
        Map<String, Counted> counts = new LinkedHashMap<>();
        JsonObject sensors = root.getAsJsonObject("sensors");
        if (sensors != null && sensors.get("discovery") != null && sensors.get("discovery").isJsonObject()
                && sensors.getAsJsonObject("discovery").get("sensors") != null) {
            for (JsonElement element : sensors.getAsJsonObject("discovery").getAsJsonArray("sensors")) {
                JsonObject row = element.getAsJsonObject();
                if ("count".equals(string(row, "sensor_class"))) {
                    String oid = string(row, "sensor_oid");
                    counts.put(oid.startsWith(".") ? oid.substring(1) : oid,
                            new Counted(string(row, "sensor_descr"), row.get("sensor_current").getAsLong()));
                }
            }
        }
        return new LibreNmsExpectation(string(device, "hardware"), string(device, "serial"), string(device, "version"),
                counts);
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
