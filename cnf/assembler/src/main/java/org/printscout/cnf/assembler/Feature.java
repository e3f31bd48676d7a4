package org.printscout.cnf.assembler;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One feature file: a named set of bundles (Maven group:artifact; the version comes from the build)
 * and default configurations (PID to properties).
 */
record Feature(String name, String title, List<String> requires, List<String> bundles,
               Map<String, Map<String, String>> configurations) {

    static Feature read(Path file) throws IOException {
        String expectedName = file.getFileName().toString().replaceFirst("\\.json$", "");
        try (Reader in = Files.newBufferedReader(file)) {
            JsonObject json = JsonParser.parseReader(in).getAsJsonObject();
            String name = string(json, "name", file);
            if (!name.equals(expectedName)) {
                throw new IOException(file + ": name '" + name + "' must match the file name '" + expectedName + "'");
            }
            List<String> requires = new ArrayList<>();
            if (json.has("requires")) {
                json.getAsJsonArray("requires").forEach(e -> requires.add(e.getAsString()));
            }
            List<String> bundles = new ArrayList<>();
            for (JsonElement e : json.getAsJsonArray("bundles")) {
                String id = e.isJsonObject() ? e.getAsJsonObject().get("id").getAsString() : e.getAsString();
                if (id.split(":").length != 2) {
                    throw new IOException(file + ": bundle '" + id + "' must be written groupId:artifactId");
                }
                bundles.add(id);
            }
            Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
            if (json.has("configurations")) {
                for (Map.Entry<String, JsonElement> pid : json.getAsJsonObject("configurations").entrySet()) {
                    Map<String, String> props = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonElement> p : pid.getValue().getAsJsonObject().entrySet()) {
                        props.put(p.getKey(), p.getValue().getAsString());
                    }
                    configurations.put(pid.getKey(), props);
                }
            }
            return new Feature(name, json.has("title") ? json.get("title").getAsString() : name, requires, bundles,
                    configurations);
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IOException(file + ": not a valid feature description: " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject json, String key, Path file) throws IOException {
        if (!json.has(key)) {
            throw new IOException(file + ": missing \"" + key + "\"");
        }
        return json.get(key).getAsString();
    }
}
