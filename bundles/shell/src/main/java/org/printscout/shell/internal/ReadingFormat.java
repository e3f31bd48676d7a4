package org.printscout.shell.internal;

import java.util.Locale;
import java.util.Map;

import org.printscout.api.model.Alert;
import org.printscout.api.model.DeviceIdentity;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;
import org.printscout.api.model.Supply;
import org.printscout.api.model.SupplyLevel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** A reading as a readable table (for people) or as one JSON document (for scripts and tests). */
final class ReadingFormat {

    private ReadingFormat() {
    }

    static String table(DeviceReading r, long millis) {
        StringBuilder out = new StringBuilder();
        DeviceIdentity id = r.identity();
        Map<String, String> src = r.sources();
        out.append("Device ").append(id.address()).append(" read in ").append(millis).append(" ms\n");
        Table ident = new Table("  Field", "Value", "From");
        ident.row("  manufacturer", id.manufacturer(), src.get("manufacturer"));
        ident.row("  model", id.model(), src.get("model"));
        ident.row("  serial number", id.serialNumber(), src.get("serialNumber"));
        ident.row("  MAC address", id.macAddress(), src.get("macAddress"));
        ident.row("  firmware", id.firmware(), src.get("firmware"));
        ident.row("  sysName", id.sysName(), src.get("sysName"));
        ident.row("  sysObjectID", id.sysObjectId(), src.get("sysObjectId"));
        ident.row("  sysDescr", abbreviate(id.sysDescr(), 70), src.get("sysDescr"));
        ident.row("  device status", r.status().deviceStatus(), src.get("deviceStatus"));
        ident.row("  printer status", r.status().printerStatus(), src.get("printerStatus"));
        ident.row("  conditions", String.join(", ", r.status().conditions()), src.get("conditions"));
        ident.row("  display", String.join(" | ", r.status().consoleDisplay()), src.get("consoleDisplay"));
        out.append(ident);
        out.append("Meters\n");
        Table meters = new Table("  Name", "Value", "Unit", "From");
        for (Meter m : r.meters()) {
            meters.row("  " + m.name(), m.value(), m.unit().name().toLowerCase(Locale.ROOT), src.get("meter:" + m.name()));
        }
        out.append(meters.size() == 0 ? "  (none)\n" : meters.toString());
        out.append("Supplies").append(src.containsKey("supplies") ? " (from " + src.get("supplies") + ")" : "").append('\n');
        Table supplies = new Table("  #", "Description", "Type", "Colorant", "Level", "Max", "Unit", "%");
        for (Supply s : r.supplies()) {
            supplies.row("  " + s.index(), s.description(), s.type(), s.colorant(), s.level(), s.maxCapacity(), s.unit(),
                    s.percent().isPresent() ? String.format(Locale.ROOT, "%.0f", s.percent().getAsDouble()) : "");
        }
        out.append(supplies.size() == 0 ? "  (none)\n" : supplies.toString());
        if (!r.alerts().isEmpty()) {
            out.append("Alerts\n");
            Table alerts = new Table("  Severity", "Group", "Code", "Description");
            for (Alert a : r.alerts()) {
                alerts.row("  " + a.severity(), a.group(), a.code(), a.description());
            }
            out.append(alerts);
        }
        if (!r.problems().isEmpty()) {
            out.append("Problems\n");
            r.problems().forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return out.toString();
    }

    static String json(DeviceReading r) {
        JsonObject doc = new JsonObject();
        DeviceIdentity id = r.identity();
        JsonObject identity = new JsonObject();
        identity.addProperty("address", id.address());
        identity.addProperty("macAddress", id.macAddress());
        identity.addProperty("serialNumber", id.serialNumber());
        identity.addProperty("manufacturer", id.manufacturer());
        identity.addProperty("model", id.model());
        identity.addProperty("firmware", id.firmware());
        identity.addProperty("sysObjectId", id.sysObjectId());
        identity.addProperty("sysDescr", id.sysDescr());
        identity.addProperty("sysName", id.sysName());
        doc.add("identity", identity);
        doc.addProperty("readAt", r.readAt().toString());
        JsonObject status = new JsonObject();
        status.addProperty("deviceStatus", r.status().deviceStatus());
        status.addProperty("printerStatus", r.status().printerStatus());
        JsonArray conditions = new JsonArray();
        r.status().conditions().forEach(conditions::add);
        status.add("conditions", conditions);
        JsonArray display = new JsonArray();
        r.status().consoleDisplay().forEach(display::add);
        status.add("consoleDisplay", display);
        doc.add("status", status);
        JsonArray meters = new JsonArray();
        for (Meter m : r.meters()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", m.name());
            o.addProperty("value", m.value());
            o.addProperty("unit", m.unit().name().toLowerCase(Locale.ROOT));
            meters.add(o);
        }
        doc.add("meters", meters);
        JsonArray supplies = new JsonArray();
        for (Supply s : r.supplies()) {
            JsonObject o = new JsonObject();
            o.addProperty("index", s.index());
            o.addProperty("description", s.description());
            o.addProperty("type", s.type());
            o.addProperty("colorant", s.colorant());
            o.addProperty("unit", s.unit());
            o.add("level", level(s.level()));
            o.add("maxCapacity", level(s.maxCapacity()));
            if (s.percent().isPresent()) {
                o.addProperty("percent", Math.round(s.percent().getAsDouble() * 10) / 10.0);
            }
            o.addProperty("partNumber", s.partNumber());
            supplies.add(o);
        }
        doc.add("supplies", supplies);
        JsonArray alerts = new JsonArray();
        for (Alert a : r.alerts()) {
            JsonObject o = new JsonObject();
            o.addProperty("index", a.index());
            o.addProperty("severity", a.severity());
            o.addProperty("group", a.group());
            o.addProperty("groupIndex", a.groupIndex());
            o.addProperty("code", a.code());
            o.addProperty("description", a.description());
            alerts.add(o);
        }
        doc.add("alerts", alerts);
        JsonObject sources = new JsonObject();
        new java.util.TreeMap<>(r.sources()).forEach(sources::addProperty);
        doc.add("sources", sources);
        JsonArray problems = new JsonArray();
        r.problems().forEach(problems::add);
        doc.add("problems", problems);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(doc);
    }

    /** A level as a number, or as its meaning ("unknown", "some remaining", "other"). */
    private static com.google.gson.JsonElement level(SupplyLevel level) {
        if (level.isAmount()) {
            return new com.google.gson.JsonPrimitive(level.amount());
        }
        return new com.google.gson.JsonPrimitive(level.toString());
    }

    private static String abbreviate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
