package org.printscout.api.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a mapper fills in. Each mapper gets a builder of its own, so a mapper that fails loses only
 * its own fields; the collector then merges the builders in rank order (a higher rank wins per field)
 * and records which mapper produced which field. Blank strings are ignored, so a mapper never
 * erases a value with an empty one.
 */
@ProviderType
public final class ReadingBuilder {

    private final Map<String, String> identity = new LinkedHashMap<>();
    private final Map<String, Meter> meters = new LinkedHashMap<>();
    private final List<Supply> supplies = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final Set<String> conditions = new LinkedHashSet<>();
    private final List<String> consoleDisplay = new ArrayList<>();
    private final Map<String, String> sources = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private String deviceStatus;
    private String printerStatus;

    /** Identity field names accepted by {@link #identity(String, String)}. */
    public static final List<String> IDENTITY_FIELDS = List.of("address", "macAddress", "serialNumber",
            "manufacturer", "model", "sysObjectId", "sysDescr", "sysName", "firmware");

    public ReadingBuilder identity(String field, String value) {
        if (!IDENTITY_FIELDS.contains(field)) {
            throw new IllegalArgumentException("unknown identity field '" + field + "'");
        }
        if (value != null && !value.isBlank()) {
            identity.put(field, value.strip());
        }
        return this;
    }

    public ReadingBuilder address(String v) {
        return identity("address", v);
    }

    public ReadingBuilder macAddress(String v) {
        return identity("macAddress", v);
    }

    public ReadingBuilder serialNumber(String v) {
        return identity("serialNumber", v);
    }

    public ReadingBuilder manufacturer(String v) {
        return identity("manufacturer", v);
    }

    public ReadingBuilder model(String v) {
        return identity("model", v);
    }

    public ReadingBuilder firmware(String v) {
        return identity("firmware", v);
    }

    public String identity(String field) {
        return identity.get(field);
    }

    public ReadingBuilder meter(String name, long value, MeterUnit unit) {
        meters.put(name, new Meter(name, value, unit));
        return this;
    }

    public Map<String, Meter> meters() {
        return meters;
    }

    public ReadingBuilder supply(Supply supply) {
        supplies.add(supply);
        return this;
    }

    public List<Supply> supplies() {
        return supplies;
    }

    public ReadingBuilder alert(Alert alert) {
        alerts.add(alert);
        return this;
    }

    public ReadingBuilder deviceStatus(String status) {
        this.deviceStatus = status;
        return this;
    }

    public ReadingBuilder printerStatus(String status) {
        this.printerStatus = status;
        return this;
    }

    public ReadingBuilder condition(String condition) {
        conditions.add(condition);
        return this;
    }

    public ReadingBuilder consoleLine(String line) {
        if (line != null && !line.isBlank()) {
            consoleDisplay.add(line.strip());
        }
        return this;
    }

    public ReadingBuilder problem(String problem) {
        problems.add(problem);
        return this;
    }

    /**
     * Takes every field {@code other} has set, overriding this builder's value, and records
     * {@code source} as the producer of each. Supplies and alerts are taken as a whole list when the
     * other builder has any.
     */
    public ReadingBuilder mergeFrom(ReadingBuilder other, String source) {
        other.identity.forEach((field, value) -> {
            identity.put(field, value);
            sources.put(field, source);
        });
        other.meters.forEach((name, meter) -> {
            meters.put(name, meter);
            sources.put("meter:" + name, source);
        });
        if (!other.supplies.isEmpty()) {
            supplies.clear();
            supplies.addAll(other.supplies);
            sources.put("supplies", source);
        }
        if (!other.alerts.isEmpty()) {
            alerts.clear();
            alerts.addAll(other.alerts);
            sources.put("alerts", source);
        }
        if (other.deviceStatus != null) {
            deviceStatus = other.deviceStatus;
            sources.put("deviceStatus", source);
        }
        if (other.printerStatus != null) {
            printerStatus = other.printerStatus;
            sources.put("printerStatus", source);
        }
        if (!other.conditions.isEmpty()) {
            conditions.addAll(other.conditions);
            sources.merge("conditions", source, (a, b) -> a.equals(b) ? a : a + "," + b);
        }
        if (!other.consoleDisplay.isEmpty()) {
            consoleDisplay.clear();
            consoleDisplay.addAll(other.consoleDisplay);
            sources.put("consoleDisplay", source);
        }
        problems.addAll(other.problems);
        return this;
    }

    public DeviceReading build(Instant readAt) {
        DeviceIdentity id = new DeviceIdentity(identity.get("address"), identity.get("macAddress"),
                identity.get("serialNumber"), identity.get("manufacturer"), identity.get("model"),
                identity.get("sysObjectId"), identity.get("sysDescr"), identity.get("sysName"),
                identity.get("firmware"));
        DeviceStatus status = new DeviceStatus(deviceStatus, printerStatus, new ArrayList<>(conditions), consoleDisplay);
        return new DeviceReading(id, readAt, status, new ArrayList<>(meters.values()), supplies, alerts, sources, problems);
    }
}
