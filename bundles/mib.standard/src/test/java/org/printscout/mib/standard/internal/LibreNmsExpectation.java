package org.printscout.mib.standard.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What LibreNMS read from a recording (its test-data JSON): hardware (model), serial, the ports'
 * MAC addresses, the marker supplies (input trays left out: PrintScout does not report trays as
 * supplies) and the prtMarkerLifeCount sensor.
 */
record LibreNmsExpectation(String hardware, String serial, Set<String> macs, List<ExpectedSupply> supplies,
                           OptionalLong lifeCount) {

    private static final String LIFE_COUNT_OID = ".1.3.6.1.2.1.43.10.2.1.4.";

    /** One supply as LibreNMS stores it: current is a percentage, special levels become 100/50. */
    record ExpectedSupply(int index, String description, String type, long capacity, long current) {
    }

    static LibreNmsExpectation read(Path json) {
        JsonObject root;
        try (Reader in = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(in).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonObject device = root.getAsJsonObject("os").getAsJsonObject("discovery").getAsJsonArray("devices")
                .get(0).getAsJsonObject();
        return new LibreNmsExpectation(string(device, "hardware"), string(device, "serial"), macs(root),
                supplies(root), lifeCount(root));
    }

    private static Set<String> macs(JsonObject root) {
        Set<String> macs = new LinkedHashSet<>();
        JsonObject ports = root.getAsJsonObject("ports");
        if (ports == null) {
            return macs;
        }
        for (String phase : List.of("poller", "discovery")) {
            JsonElement section = ports.get(phase);
            if (section == null || !section.isJsonObject()) {
                continue;
            }
            for (JsonElement port : section.getAsJsonObject().getAsJsonArray("ports")) {
                String mac = string(port.getAsJsonObject(), "ifPhysAddress");
                String type = string(port.getAsJsonObject(), "ifType");
                if (mac != null && !mac.matches("0+") && !"softwareLoopback".equals(type)) {
                    macs.add(mac.toUpperCase(Locale.ROOT));
                }
            }
        }
        return macs;
    }

    private static List<ExpectedSupply> supplies(JsonObject root) {
        List<ExpectedSupply> supplies = new ArrayList<>();
        JsonObject section = root.getAsJsonObject("printer-supplies");
        if (section == null) {
            return supplies;
        }
        JsonArray rows = section.getAsJsonObject("discovery").getAsJsonArray("printer_supplies");
        for (JsonElement element : rows) {
            JsonObject row = element.getAsJsonObject();
            if ("input".equals(string(row, "supply_type"))) {
                continue;
            }
            supplies.add(new ExpectedSupply(row.get("supply_index").getAsInt(), string(row, "supply_descr"),
                    string(row, "supply_type"), row.get("supply_capacity").getAsLong(),
                    row.get("supply_current").getAsLong()));
        }
        supplies.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return supplies;
    }

    private static OptionalLong lifeCount(JsonObject root) {
        JsonObject sensors = root.getAsJsonObject("sensors");
        if (sensors == null || !sensors.get("discovery").isJsonObject()) {
            return OptionalLong.empty();
        }
        JsonArray rows = sensors.getAsJsonObject("discovery").getAsJsonArray("sensors");
        long sum = 0;
        boolean any = false;
        for (JsonElement element : rows == null ? new JsonArray() : rows) {
            JsonObject row = element.getAsJsonObject();
            String oid = string(row, "sensor_oid");
            if (oid != null && oid.startsWith(LIFE_COUNT_OID)) {
                sum += row.get("sensor_current").getAsLong();
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
